// fit() against a hand-written TorchSharp loop doing the same work; see benchmarks/README.md.
//
//   dotnet run -c Release --project benchmarks/KerasSharp.Benchmarks -- [--quick]
//       [--case tiny,iris,digits,mnist,memory,pydataset,callbacks,callbacks-epochs,save,lenet,vgg,memory-lenet,functional,dropout,alloc,deep-config,
//        conv-transpose,conv1d-transpose,separable,padcrop,batchnorm,layernorm,groupnorm,preprocess,augment]
//       [--threads N] [--memory-epochs N] [--only fit|raw] [--rounds N (the callbacks case's paired fits; default 21)]
//
// Both sides train the same layer sizes with Adam, the same batch size and epochs, on tensors already in memory,
// shuffle with randperm + index_select, free temporaries with dispose scopes, and accumulate loss and accuracy on
// the device, reading them once per epoch. The two are alternated within one process (round r runs fit first when r
// is even, the raw loop first when odd) so that machine noise hits both alike; the table reports median per-step
// times, and the median and quartiles of the per-round ratios fit / raw.

using System.Diagnostics;
using System.Globalization;
using KerasSharp.Callbacks;
using KerasSharp.Models;
using TorchSharp;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.utils;
using static TorchSharp.torch;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

bool quick = args.Contains("--quick");
var only = args.SkipWhile(a => a != "--case").Skip(1).FirstOrDefault()?.Split(',').ToHashSet();

Bench.OnlySide = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
if (Bench.OnlySide is not (null or "fit" or "raw")) throw new ArgumentException($"--only takes fit or raw, got '{Bench.OnlySide}'.");
var threadsArg = args.SkipWhile(a => a != "--threads").Skip(1).FirstOrDefault();
if (threadsArg is not null) torch.set_num_threads(int.Parse(threadsArg, CultureInfo.InvariantCulture));
set_random_seed(1234);
Console.WriteLine($"KerasSharp benchmark: fit vs a raw TorchSharp loop{(quick ? " (--quick)" : "")}");
Console.WriteLine($"date {DateTime.Now:yyyy-MM-dd HH:mm}, CPU {Machine.CpuModel()}, {Environment.ProcessorCount} cores, "
    + $"load {Machine.LoadAverage()}, torch threads {torch.get_num_threads()}, TorchSharp {typeof(torch).Assembly.GetName().Version}");
Console.WriteLine();

var dataDir = Path.Combine(AppContext.BaseDirectory, "data");
var (irisX, irisY) = Data.Csv(Path.Combine(dataDir, "iris.csv"), skipFirstColumn: true, scale: 1f);
var (digitsX, digitsY) = Data.Csv(Path.Combine(dataDir, "digits.csv"), skipFirstColumn: false, scale: 1f / 16f);
var mnistX = randn(20000, 784);
var mnistY = randint(0, 10, new long[] { 20000 });

// name, data, layer widths (input .. output), batch, epochs per timed run, rounds
var cases = new List<Case>
{
    new("tiny 4-8-3 (iris)", "tiny", irisX, irisY, [4, 8, 3], 30, 100, quick ? 5 : 41),
    new("iris 4-256-256-256-3", "iris", irisX, irisY, [4, 256, 256, 256, 3], 30, 100, quick ? 3 : 21),
    new("digits 64-256-256-10", "digits", digitsX, digitsY, [64, 256, 256, 10], 64, 20, quick ? 3 : 21),
    new("mnist-sized 784-512-512-10", "mnist", mnistX, mnistY, [784, 512, 512, 10], 128, 1, quick ? 3 : 15),
};

if (only is not null && only.Contains("mixed")) MixedPrecision.Run(mnistX, mnistY, digitsX, digitsY, quick);
if (only is not null && only.Contains("densepath")) DensePath.Run(quick);
if (only is not null && only.Contains("lstm")) { RecurrentBench.Run(quick); return; }
if (only is not null && only.Contains("deep-config")) { DeepConfig.Run(quick); return; }

var memoryEpochs = args.SkipWhile(a => a != "--memory-epochs").Skip(1).Select(int.Parse).FirstOrDefault(quick ? 100 : 300);
if (only is null || only.Contains("memory")) Bench.Memory(irisX, irisY, memoryEpochs);
if (only is not null && only.Contains("alloc")) Bench.Allocations(cases[0]);
if (only is not null && only.Contains("callbacks-epochs")) CallbackEpochs.Run(irisX, to_categorical(irisY, 3));
if (only is not null && only.Contains("save")) SaveProfile.Run(irisX, to_categorical(irisY, 3), quick);

var results = new List<(Case c, Bench.Result r)>();
foreach (var c in cases.Where(c => only is null || only.Contains(c.Key)))
{
    var r = Bench.Run(c);
    results.Add((c, r));
    Console.WriteLine($"  {c.Name}: raw {r.Raw:F3} ms/step, fit {r.Fit:F3} ms/step, fit / raw {r.Ratio:F3} (quartiles {r.Q1:F2}-{r.Q3:F2})");
}

if (only is null || only.Contains("callbacks"))
{
    var roundsArg = args.SkipWhile(a => a != "--rounds").Skip(1).FirstOrDefault();
    var r = Bench.RunCallbacks(irisX, irisY, roundsArg is null ? (quick ? 3 : 21) : int.Parse(roundsArg, CultureInfo.InvariantCulture));
    Console.WriteLine($"  callbacks (iris 4-256-256-256-3, validation_split 0.3, 100 epochs): plain fit {r.Raw:F3} ms/step, "
        + $"with EarlyStopping + ModelCheckpoint(save_best_only) + CSVLogger {r.Fit:F3} ms/step, ratio {r.Ratio:F3} (quartiles {r.Q1:F2}-{r.Q3:F2})");
}
if (only is not null && only.Contains("dropout"))
{
    // The regularization chapter's model: Dropout(0.2) after the input and after each hidden layer, against nn.Dropout.
    var c = new Case("iris 4-256-256-256-3 + Dropout(0.2)", "dropout", irisX, irisY, [4, 256, 256, 256, 3], 30, 100, quick ? 3 : 21);
    var r = Bench.RunDropout(c, 0.2);
    results.Add((c, r));
    Console.WriteLine($"  {c.Name}: raw {r.Raw:F3} ms/step, fit {r.Fit:F3} ms/step, fit / raw {r.Ratio:F3} (quartiles {r.Q1:F2}-{r.Q3:F2})");
}
foreach (var (c, r) in ConvCases.Run(quick, only))
{
    results.Add((c, r));
    Console.WriteLine($"  {c.Name}: raw {r.Raw:F3} ms/step, fit {r.Fit:F3} ms/step, fit / raw {r.Ratio:F3} (quartiles {r.Q1:F2}-{r.Q3:F2})");
}
foreach (var (c, r) in LayerFamilies.Run(quick, only)) { results.Add((c, r)); Console.WriteLine($"  {c.Name}: raw {r.Raw:F3} ms/step, fit {r.Fit:F3} ms/step, fit / raw {r.Ratio:F3} (quartiles {r.Q1:F2}-{r.Q3:F2})"); }   // issue 8's families: LayerFamilies.Keys
// The functional API adds no cost: the same MLP as keras.Model(inputs, outputs) and as a Sequential, fit against fit.
var graphResults = new List<(Case c, Bench.Result r)>();
if (only is not null && only.Contains("functional"))
    foreach (var c in cases.Where(c => c.Key is "tiny" or "digits"))
    {
        var r = Bench.FunctionalVsSequential(c);
        graphResults.Add((c, r));
        Console.WriteLine($"  {c.Name}: sequential {r.Raw:F3} ms/step, functional {r.Fit:F3} ms/step, functional / sequential {r.Ratio:F3} (quartiles {r.Q1:F2}-{r.Q3:F2})");
    }
if (graphResults.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine("| case | steps/run | rounds | Sequential fit ms/step | functional fit ms/step | functional / Sequential | quartiles |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var (c, r) in graphResults)
        Console.WriteLine($"| {c.Name} | {c.StepsPerRun} | {c.Rounds} | {r.Raw:F3} | {r.Fit:F3} | **{r.Ratio:F3}** | {r.Q1:F2}-{r.Q3:F2} |");
}

Console.WriteLine();
Console.WriteLine("| case | steps/run | rounds | raw loop ms/step | fit ms/step | fit / raw | quartiles of fit / raw |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var (c, r) in results)
    Console.WriteLine($"| {c.Name} | {c.StepsPerRun} | {c.Rounds} | {r.Raw:F3} | {r.Fit:F3} | **{r.Ratio:F3}** | {r.Q1:F2}-{r.Q3:F2} |");
Console.WriteLine();

if (only is null || only.Contains("pydataset")) Bench.PyDatasetQueue(digitsX, digitsY, quick ? 3 : 9);

Console.WriteLine($"load at end {Machine.LoadAverage()}");

/// <summary>One benchmark case: the model's widths, its data (features, integer labels), batch size and epochs per run.</summary>
sealed record Case(string Name, string Key, Tensor X, Tensor Labels, int[] Widths, int Batch, int Epochs, int Rounds)
{
    public long Steps => (X.shape[0] + Batch - 1) / Batch;
    public long StepsPerRun => Steps * Epochs;
}

static class Bench
{
    /// <summary>
    /// Median ms per step of each side; the median and quartiles of the per-round ratios fit / raw (each round's two
    /// runs are back to back, so the paired ratio cancels the machine's slower drifts).
    /// </summary>
    public sealed record Result(double Raw, double Fit, double Ratio, double Q1, double Q3);

    /// <summary>
    /// `--only fit` or `--only raw`: time one side alone (for a profiler attached to the process); ratios are then
    /// meaningless and printed as NaN.
    /// </summary>
    public static string? OnlySide;

    /// <summary>Warms both sides up, then alternates timed runs.</summary>
    public static Result Run(Case c)
    {
        return FitAgainstRaw(c, KerasModel(c.Widths), new RawLoop(RawLoop.Mlp(c.Widths), c.X, c.Labels, c.Batch));
    }

    /// <summary>Paired runs of a compiled model's fit and a raw loop on the case's data (one-hot targets for fit); disposes both.</summary>
    static Result FitAgainstRaw(Case c, Sequential model, RawLoop raw)
    {
        var onehot = to_categorical(c.Labels, c.Widths[^1]);
        var result = Paired(
            warmUp: () =>
            {
                model.fit(c.X, onehot, epochs: Math.Max(1, c.Epochs / 10), batch_size: c.Batch, verbose: 0);
                raw.Train(Math.Max(1, c.Epochs / 10));
            },
            fit: () => model.fit(c.X, onehot, epochs: c.Epochs, batch_size: c.Batch, verbose: 0),
            raw: () => raw.Train(c.Epochs),
            c.Rounds, c.StepsPerRun);
        model.Dispose();
        raw.Dispose();
        onehot.Dispose();
        return result;
    }

    /// <summary>As <see cref="Run"/> with Dropout(rate) after the input and each hidden layer on both sides.</summary>
    public static Result RunDropout(Case c, double rate)
    {
        var layers = new List<KerasSharp.Layers.Layer> { InputLayer(shape: [c.Widths[0]]), Dropout(rate) };
        for (int i = 1; i < c.Widths.Length - 1; i++) { layers.Add(Dense(c.Widths[i], activation: "relu")); layers.Add(Dropout(rate)); }
        layers.Add(Dense(c.Widths[^1], activation: "softmax"));
        var model = new Sequential(layers);
        model.compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        var modules = new List<(string, nn.Module<Tensor, Tensor>)> { ("dropout0", nn.Dropout(rate)) };
        for (int i = 1; i < c.Widths.Length; i++)
        {
            modules.Add(($"linear{i}", nn.Linear(c.Widths[i - 1], c.Widths[i])));
            if (i < c.Widths.Length - 1) { modules.Add(($"relu{i}", nn.ReLU())); modules.Add(($"dropout{i}", nn.Dropout(rate))); }
        }
        return FitAgainstRaw(c, model, new RawLoop(nn.Sequential(modules), c.X, c.Labels, c.Batch));
    }

    /// <summary>
    /// Warm-up (JIT, TorchSharp's native allocator caches, the optimizers' state), then <paramref name="rounds"/> rounds
    /// of one timed run of each side, back to back, fit first in even rounds; ms per step and paired ratios.
    /// </summary>
    public static Result Paired(Action warmUp, Action fit, Action raw, int rounds, long stepsPerRun)
    {
        warmUp();
        var fitTimes = new List<double>();
        var rawTimes = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            for (int side = 0; side < 2; side++)
            {
                bool fitSide = (side == 0) == (round % 2 == 0);
                if (OnlySide is { } only && only != (fitSide ? "fit" : "raw")) continue;
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var sw = Stopwatch.StartNew();
                if (fitSide) fit();
                else raw();
                sw.Stop();
                (fitSide ? fitTimes : rawTimes).Add(sw.Elapsed.TotalMilliseconds / stepsPerRun);
            }
        }
        if (OnlySide is not null) return new Result(rawTimes.Count > 0 ? Median(rawTimes) : double.NaN, fitTimes.Count > 0 ? Median(fitTimes) : double.NaN, double.NaN, double.NaN, double.NaN);
        var ratios = fitTimes.Zip(rawTimes, (f, r) => f / r).Order().ToArray();
        return new Result(Median(rawTimes), Median(fitTimes), Median(ratios), Quantile(ratios, 0.25), Quantile(ratios, 0.75));
    }

    /// <summary>
    /// A PyDataset whose batches take as long to build on the host as a training step takes: with its background
    /// worker (workers: 1) the next batch is built while the step runs; with workers: 0 the two alternate. One TorchSharp
    /// thread, so the worker has the other core.
    /// </summary>
    public static void PyDatasetQueue(Tensor x, Tensor labels, int rounds)
    {
        int threads = torch.get_num_threads();
        torch.set_num_threads(1);
        var onehot = to_categorical(labels, 10);
        var model = KerasModel([64, 256, 256, 10]);
        const int batch = 64;
        model.fit(x, onehot, epochs: 2, batch_size: batch, verbose: 0);
        var sw = Stopwatch.StartNew();
        model.fit(x, onehot, epochs: 3, batch_size: batch, verbose: 0);
        double stepMs = sw.Elapsed.TotalMilliseconds / (3 * ((x.shape[0] + batch - 1) / batch));
        var with = new List<double>();
        var without = new List<double>();
        for (int round = 0; round < rounds; round++)
            for (int side = 0; side < 2; side++)
            {
                int workers = (side == 0) == (round % 2 == 0) ? 1 : 0;
                var data = new SlowBatches(x, onehot, batch, stepMs, workers);
                GC.Collect();
                sw.Restart();
                model.fit(data, epochs: 1, verbose: 0);
                (workers == 1 ? with : without).Add(sw.Elapsed.TotalMilliseconds / data.num_batches);
            }
        var speedups = without.Zip(with, (a, b) => a / b).Order().ToArray();
        Console.WriteLine($"  pydataset (digits 64-256-256-10, batch {batch}, 1 torch thread, batch build {stepMs:F3} ms = one step): "
            + $"workers 0 {Median(without):F3} ms/step, workers 1 {Median(with):F3} ms/step, speedup {Median(speedups):F2}x "
            + $"(quartiles {Quantile(speedups, 0.25):F2}-{Quantile(speedups, 0.75):F2}, {rounds} rounds)");
        model.Dispose();
        onehot.Dispose();
        torch.set_num_threads(threads);
    }

    /// <summary>Slices of in-memory data, each after <c>buildMs</c> of host work (a stand-in for decoding or augmenting).</summary>
    sealed class SlowBatches(Tensor x, Tensor y, int batch, double buildMs, int workers) : KerasSharp.Data.PyDataset(workers: workers)
    {
        public override int num_batches => (int)((x.shape[0] + batch - 1) / batch);

        public override KerasSharp.Data.DataBatch this[int index]
        {
            get
            {
                var sw = Stopwatch.StartNew();
                double sink = 0;
                while (sw.Elapsed.TotalMilliseconds < buildMs) sink += Math.Sqrt(sink + 1);
                long start = (long)index * batch, size = Math.Min(batch, x.shape[0] - start);
                return (x.narrow(0, start, size).clone(), y.narrow(0, start, size).clone());
            }
        }
    }

    /// <summary>
    /// The course's iris fit (4-256-256-256-3, validation_split 0.3, 100 epochs of batch 30) plain against the same fit
    /// with EarlyStopping (restore_best_weights, a patience that never stops, so both run 100 epochs),
    /// ModelCheckpoint(save_best_only) to a .keras file and CSVLogger, made anew each run (their state carries across
    /// fits, as in Keras). Raw = plain fit, Fit = with callbacks.
    /// </summary>
    public static Result RunCallbacks(Tensor x, Tensor labels, int rounds)
    {
        var onehot = to_categorical(labels, 3);
        var model = KerasModel([4, 256, 256, 256, 3]);
        var dir = Path.Combine(Path.GetTempPath(), "kerassharp-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        // KERASSHARP_BENCH_CALLBACKS picks the "with" side's callbacks (comma-separated: early, checkpoint, checkpoint-in-place, csv, empty;
        // none = no callbacks at all, the same work as the plain side, to read the case's own floor); default the three.
        var picked = (Environment.GetEnvironmentVariable("KERASSHARP_BENCH_CALLBACKS") ?? "early,checkpoint,csv").Split(',');
        Callback[] Callbacks() => picked.SelectMany(k => k switch
        {
            "early" => new Callback[] { new EarlyStopping(monitor: "val_loss", patience: 1_000_000, restore_best_weights: true) },
            "checkpoint" => [new ModelCheckpoint(Path.Combine(dir, "best.keras"), save_best_only: true)],
            "checkpoint-in-place" => [new ModelCheckpoint(Path.Combine(dir, "best.keras"), save_best_only: true, save_on_background: false)],
            "csv" => [new CSVLogger(Path.Combine(dir, "log.csv"))],
            "empty" => [new LambdaCallback()],
            "none" => [],
            _ => throw new ArgumentException($"KERASSHARP_BENCH_CALLBACKS: unknown callback '{k}' (expected early, checkpoint, checkpoint-in-place, csv, empty or none)."),
        }).ToArray();
        Console.WriteLine($"  callbacks side: {string.Join(", ", picked)}");
        const int epochs = 100;
        long steps = (long)Math.Ceiling(Math.Floor(x.shape[0] * 0.7) / 30.0) * epochs;
        // Warm-up past .NET's tiered JIT on both sides: a save runs a few times per fit, so its code (capture, HDF5
        // encoding, zip) reaches its optimized tier only after some dozens of saves; a fresh checkpoint each fit saves
        // at its first epoch, so these fits save at least 40 times.
        for (int w = 0; w < 40; w++)
        {
            model.fit(x, onehot, epochs: 2, batch_size: 30, verbose: 0, validation_split: 0.3, callbacks: Callbacks());
            model.fit(x, onehot, epochs: 2, batch_size: 30, verbose: 0, validation_split: 0.3);
        }
        var with = new List<double>();
        var plain = new List<double>();
        var withCpu = new List<double>();
        var plainCpu = new List<double>();
        var process = Process.GetCurrentProcess();
        // What the .NET runtime's collector costs each side: collections per generation and the time it paused the
        // threads (GC.GetTotalPauseDuration), summed over the rounds.
        var gcCounts = new Dictionary<bool, int[]> { [false] = new int[3], [true] = new int[3] };
        var gcPause = new Dictionary<bool, TimeSpan> { [false] = TimeSpan.Zero, [true] = TimeSpan.Zero };
        int improvements = 0;
        for (int round = 0; round < rounds; round++)
        {
            for (int side = 0; side < 2; side++)
            {
                bool callbackSide = (side == 0) == (round % 2 == 0);
                var callbacks = callbackSide ? Callbacks() : null;
                if (callbacks is { Length: > 0 })
                {
                    double best = double.PositiveInfinity;   // counts the improvements (= ModelCheckpoint's saves); costs nothing measurable
                    callbacks = [.. callbacks, new LambdaCallback(on_epoch_end: (_, logs) => { if (logs!["val_loss"] < best) { best = logs["val_loss"]; improvements++; } })];
                }
                GC.Collect();
                GC.WaitForPendingFinalizers();
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                var counts0 = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
                var pause0 = GC.GetTotalPauseDuration();
                var sw = Stopwatch.StartNew();
                model.fit(x, onehot, epochs: epochs, batch_size: 30, verbose: 0, validation_split: 0.3, callbacks: callbacks);
                sw.Stop();
                gcPause[callbackSide] += GC.GetTotalPauseDuration() - pause0;
                for (int g = 0; g < 3; g++) gcCounts[callbackSide][g] += GC.CollectionCount(g) - counts0[g];
                process.Refresh();
                (callbackSide ? with : plain).Add(sw.Elapsed.TotalMilliseconds / steps);
                (callbackSide ? withCpu : plainCpu).Add((process.TotalProcessorTime - cpu0).TotalMilliseconds / steps);
            }
        }
        Console.WriteLine($"  callbacks, val_loss improvements (saves of ModelCheckpoint(save_best_only)) per fit: {improvements / (double)rounds:F1}");
        foreach (bool side in new[] { false, true })
            Console.WriteLine($"  callbacks, .NET collections over {rounds} fits {(side ? "with callbacks" : "plain")}: gen0/1/2 "
                + $"{string.Join("/", gcCounts[side])}, paused {gcPause[side].TotalMilliseconds / rounds:F1} ms per fit");
        HookTimes(model, x, onehot, dir, Math.Max(4, rounds / 2), Median(plain) * steps);
        model.Dispose();
        onehot.Dispose();
        Directory.Delete(dir, recursive: true);
        var ratios = with.Zip(plain, (w, p) => w / p).Order().ToArray();
        var cpuRatios = withCpu.Zip(plainCpu, (w, p) => w / p).Order().ToArray();
        Console.WriteLine($"  callbacks, process CPU time: plain {Median(plainCpu):F3} ms/step, with callbacks {Median(withCpu):F3} ms/step, "
            + $"ratio {Median(cpuRatios):F3} (quartiles {Quantile(cpuRatios, 0.25):F2}-{Quantile(cpuRatios, 0.75):F2})");
        return new Result(Median(plain), Median(with), Median(ratios), Quantile(ratios, 0.25), Quantile(ratios, 0.75));
    }

    /// <summary>
    /// Where the three callbacks' time goes on the training thread: probes between them stamp the wall clock in
    /// on_epoch_end and on_train_end, so each callback's share of a fit is the sum of the gaps before the next probe.
    /// ModelCheckpoint saves in place (save_on_background: false, as Keras) and in the background, in alternating fits.
    /// </summary>
    static void HookTimes(Model model, Tensor x, Tensor onehot, string dir, int rounds, double plainFitMs)
    {
        var names = new[] { "EarlyStopping", "ModelCheckpoint", "CSVLogger" };
        var epochMs = new Dictionary<bool, List<double[]>> { [false] = new(), [true] = new() };
        var endMs = new Dictionary<bool, List<double[]>> { [false] = new(), [true] = new() };
        var saves = new Dictionary<bool, List<int>> { [false] = new(), [true] = new() };
        for (int round = 0; round < rounds; round++)
            foreach (bool background in round % 2 == 0 ? new[] { false, true } : new[] { true, false })
            {
                var epochStamps = new long[4];
                var endStamps = new long[4];
                var inEpoch = new double[3];
                var inEnd = new double[3];
                int improved = 0;
                double best = double.PositiveInfinity;
                LambdaCallback Probe(int k) => new(
                    on_epoch_end: (_, logs) =>
                    {
                        long now = Stopwatch.GetTimestamp();
                        if (k > 0) inEpoch[k - 1] += Stopwatch.GetElapsedTime(epochStamps[k - 1], now).TotalMilliseconds;
                        epochStamps[k] = now;
                        if (k == 0 && logs!["val_loss"] < best) { best = logs["val_loss"]; improved++; }
                    },
                    on_train_end: _ =>
                    {
                        long now = Stopwatch.GetTimestamp();
                        if (k > 0) inEnd[k - 1] += Stopwatch.GetElapsedTime(endStamps[k - 1], now).TotalMilliseconds;
                        endStamps[k] = now;
                    });
                var callbacks = new Callback[]
                {
                    Probe(0), new EarlyStopping(monitor: "val_loss", patience: 1_000_000, restore_best_weights: true),
                    Probe(1), new ModelCheckpoint(Path.Combine(dir, "best.keras"), save_best_only: true, save_on_background: background),
                    Probe(2), new CSVLogger(Path.Combine(dir, "log.csv")), Probe(3),
                };
                GC.Collect();
                GC.WaitForPendingFinalizers();
                model.fit(x, onehot, epochs: 100, batch_size: 30, verbose: 0, validation_split: 0.3, callbacks: callbacks);
                epochMs[background].Add(inEpoch);
                endMs[background].Add(inEnd);
                saves[background].Add(improved);
            }
        foreach (bool background in new[] { false, true })
        {
            var parts = names.Select((n, i) =>
            {
                double e = Median(epochMs[background].Select(a => a[i])), t = Median(endMs[background].Select(a => a[i]));
                return $"{n} {e:F1} + {t:F1} ms ({100 * (e + t) / plainFitMs:F2} %)";
            });
            Console.WriteLine($"  callbacks, training-thread time per fit (epoch ends + train end, median of {rounds}), ModelCheckpoint "
                + $"{(background ? "save_on_background" : "in place")}, {Median(saves[background].Select(v => (double)v)):F0} saves: {string.Join(", ", parts)}");
        }
    }

    /// <summary>As <see cref="Run"/>, with the functional model's fit in place of the raw loop's ("Fit" = functional, "Raw" = Sequential).</summary>
    public static Result FunctionalVsSequential(Case c)
    {
        var onehot = to_categorical(c.Labels, c.Widths[^1]);
        var sequential = KerasModel(c.Widths);
        var functional = FunctionalModel(c.Widths);
        sequential.fit(c.X, onehot, epochs: Math.Max(1, c.Epochs / 10), batch_size: c.Batch, verbose: 0);
        functional.fit(c.X, onehot, epochs: Math.Max(1, c.Epochs / 10), batch_size: c.Batch, verbose: 0);
        var fTimes = new List<double>();
        var sTimes = new List<double>();
        for (int round = 0; round < c.Rounds; round++)
            for (int side = 0; side < 2; side++)
            {
                bool functionalSide = (side == 0) == (round % 2 == 0);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var sw = Stopwatch.StartNew();
                (functionalSide ? (KerasSharp.Models.Model)functional : sequential).fit(c.X, onehot, epochs: c.Epochs, batch_size: c.Batch, verbose: 0);
                sw.Stop();
                (functionalSide ? fTimes : sTimes).Add(sw.Elapsed.TotalMilliseconds / c.StepsPerRun);
            }
        sequential.Dispose();
        functional.Dispose();
        onehot.Dispose();
        var ratios = fTimes.Zip(sTimes, (f, s) => f / s).Order().ToArray();
        return new Result(Median(sTimes), Median(fTimes), Median(ratios), Quantile(ratios, 0.25), Quantile(ratios, 0.75));
    }

    static KerasSharp.Models.Functional FunctionalModel(int[] widths)
    {
        var inputs = KerasSharp.keras.Input(shape: [widths[0]]);
        var x = inputs;
        for (int i = 1; i < widths.Length - 1; i++) x = Dense(widths[i], activation: "relu").call(x);
        var model = KerasSharp.keras.Model(inputs, Dense(widths[^1], activation: "softmax").call(x));
        model.compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        return model;
    }

    /// <summary>The MLP cases' Keras model: ReLU hidden layers, softmax output, Adam and categorical crossentropy with accuracy.</summary>
    internal static Sequential KerasModel(int[] widths)
    {
        var layers = new List<KerasSharp.Layers.Layer> { InputLayer(shape: [widths[0]]) };
        for (int i = 1; i < widths.Length - 1; i++) layers.Add(Dense(widths[i], activation: "relu"));
        layers.Add(Dense(widths[^1], activation: "softmax"));
        var model = new Sequential(layers);
        model.compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        return model;
    }

    static double Median(IEnumerable<double> xs) => Quantile(xs.Order().ToArray(), 0.5);

    /// <summary>Linear-interpolated quantile of sorted values.</summary>
    static double Quantile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = (int)Math.Ceiling(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /// <summary>
    /// Managed bytes allocated per step on this thread (GC.GetAllocatedBytesForCurrentThread) and thread CPU time per
    /// step, for fit and the raw loop: the host work each side does besides the tensor operations.
    /// </summary>
    public static void Allocations(Case c)
    {
        var onehot = to_categorical(c.Labels, c.Widths[^1]);
        var model = KerasModel(c.Widths);
        var raw = new RawLoop(RawLoop.Mlp(c.Widths), c.X, c.Labels, c.Batch);
        model.fit(c.X, onehot, epochs: c.Epochs, batch_size: c.Batch, verbose: 0);
        raw.Train(c.Epochs);
        // Interleaved, the least of 9 runs of each side: the work itself, with as little of the machine's load as possible.
        var f = (bytes: double.MaxValue, cpu: double.MaxValue, process: double.MaxValue);
        var r = f;
        using var self = Process.GetCurrentProcess();
        for (int i = 0; i < 18; i++)
        {
            bool fitSide = i % 2 == 0;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long b0 = GC.GetAllocatedBytesForCurrentThread();
            self.Refresh();
            var p0 = self.TotalProcessorTime;
            var t0 = Machine.ThreadCpuTime();
            if (fitSide) model.fit(c.X, onehot, epochs: c.Epochs, batch_size: c.Batch, verbose: 0);
            else raw.Train(c.Epochs);
            var t1 = Machine.ThreadCpuTime();
            long b1 = GC.GetAllocatedBytesForCurrentThread();
            self.Refresh();
            var p1 = self.TotalProcessorTime;
            var m = ((b1 - b0) / (double)c.StepsPerRun, (t1 - t0).TotalMilliseconds / c.StepsPerRun, (p1 - p0).TotalMilliseconds / c.StepsPerRun);
            if (fitSide) f = (Math.Min(f.bytes, m.Item1), Math.Min(f.cpu, m.Item2), Math.Min(f.process, m.Item3));
            else r = (Math.Min(r.bytes, m.Item1), Math.Min(r.cpu, m.Item2), Math.Min(r.process, m.Item3));
        }
        Console.WriteLine($"  {c.Name}, per step (least of 9 interleaved runs of {c.StepsPerRun} steps each): fit {f.bytes:F0} managed bytes, {f.cpu * 1000:F0} us thread CPU; "
            + $"raw loop {r.bytes:F0} bytes, {r.cpu * 1000:F0} us; fit / raw thread CPU {f.cpu / r.cpu:F3}; process CPU (all threads) fit {f.process * 1000:F0} us, raw {r.process * 1000:F0} us, fit / raw {f.process / r.process:F3}");
        model.Dispose();
        raw.Dispose();
        onehot.Dispose();
    }

    /// <summary>
    /// Process RSS, the managed heap and live TorchSharp tensors along three consecutive fits of the tiny model: the first
    /// lets the process reach its steady state (JIT tiers, GC budgets, allocator caches), the others should then be flat.
    /// </summary>
    public static void Memory(Tensor x, Tensor labels, int epochs)
    {
        var onehot = to_categorical(labels, 3);
        var model = KerasModel([4, 8, 3]);
        Memory("tiny model", model, x, onehot, epochs, 30);
        model.Dispose();
        onehot.Dispose();
    }

    /// <summary>The same for any compiled model and its data.</summary>
    public static void Memory(string what, Sequential model, Tensor x, Tensor onehot, int epochs, int batch)
    {
        long steps = (x.shape[0] + batch - 1) / batch;
        Console.WriteLine($"Memory, {what}, three fits of {epochs} epochs ({epochs * steps} steps each), sampled every {Math.Max(1, epochs / 6)} epochs:");
        for (int run = 0; run < 3; run++)
        {
            FullCollect();
            var start = Sample();
            var samples = new List<(long rss, long heap, long tensors)>();
            var probe = new LambdaCallback(on_epoch_end: (e, _) =>
            {
                if ((e + 1) % Math.Max(1, epochs / 6) == 0) samples.Add(Sample());
            });
            model.fit(x, onehot, epochs: epochs, batch_size: batch, verbose: 0, callbacks: [probe]);
            FullCollect();
            var end = Sample();
            Console.WriteLine($"  fit {run + 1}: RSS {Mib(start.rss)} -> {string.Join(", ", samples.Select(p => Mib(p.rss)))} -> {Mib(end.rss)} MiB "
                + $"(change {(end.rss - start.rss) / 1048576.0:+0.0;-0.0} MiB); managed heap after GC {start.heap / 1024} -> {end.heap / 1024} KiB; "
                + $"live tensors {start.tensors} -> {string.Join(", ", samples.Select(p => p.tensors))} -> {end.tensors}");
        }
        Console.WriteLine();

        static void FullCollect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();   // TorchSharp Scalars and undisposed tensors are freed by finalizers
            GC.Collect();
        }
        static (long rss, long heap, long tensors) Sample() => (Machine.RssBytes(), GC.GetGCMemoryInfo().HeapSizeBytes, torch.Tensor.TotalCount);
        static string Mib(long bytes) => (bytes / 1048576.0).ToString("F1");
    }
}

/// <summary>
/// What a competent TorchSharp user writes: nn.Sequential of Linear/ReLU (or of Conv2d/MaxPool2d on NCHW images), torch.optim.Adam, cross_entropy on logits
/// (the fair equivalent of Keras's categorical crossentropy on softmax outputs), randperm + index_select batches,
/// a dispose scope per step, loss and accuracy summed on the device and read once per epoch.
/// </summary>
sealed class RawLoop : IDisposable
{
    readonly nn.Module<Tensor, Tensor> _net;
    readonly optim.Optimizer _opt;
    readonly Tensor _x, _y;
    readonly int _batch;

    /// <summary>nn.Sequential of Linear/ReLU for the given widths.</summary>
    public static nn.Module<Tensor, Tensor> Mlp(int[] widths)
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int i = 1; i < widths.Length; i++)
        {
            modules.Add(($"linear{i}", nn.Linear(widths[i - 1], widths[i])));
            if (i < widths.Length - 1) modules.Add(($"relu{i}", nn.ReLU()));
        }
        return nn.Sequential(modules);
    }

    /// <summary>Trains <paramref name="net"/> (which outputs logits) on <paramref name="x"/> with integer labels.</summary>
    public RawLoop(nn.Module<Tensor, Tensor> net, Tensor x, Tensor labels, int batch)
    {
        _net = net;
        _opt = optim.Adam(_net.parameters(), lr: 1e-3);
        _x = x;
        _y = labels;
        _batch = batch;
    }

    public (double loss, double accuracy) Train(int epochs)
    {
        long n = _x.shape[0];
        double loss = 0, accuracy = 0;
        _net.train();
        using var lossSum = zeros(1);
        using var correct = zeros(1, ScalarType.Int64);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            using var epochScope = NewDisposeScope();
            lossSum.zero_();
            correct.zero_();
            var order = randperm(n);
            for (long start = 0; start < n; start += _batch)
            {
                using var stepScope = NewDisposeScope();
                long size = Math.Min(_batch, n - start);
                var idx = order.narrow(0, start, size);
                var xb = _x.index_select(0, idx);
                var yb = _y.index_select(0, idx);
                var logits = _net.forward(xb);
                var batchLoss = nn.functional.cross_entropy(logits, yb);
                _opt.zero_grad();
                batchLoss.backward();
                _opt.step();
                using (no_grad())
                {
                    lossSum.add_(batchLoss.detach(), alpha: size);
                    correct.add_(logits.argmax(1).eq(yb).sum());
                }
            }
            var sums = stack([lossSum, correct.to_type(ScalarType.Float32)]).data<float>().ToArray();   // one read per epoch
            loss = sums[0] / n;
            accuracy = sums[1] / n;
        }
        return (loss, accuracy);
    }

    public void Dispose()
    {
        _opt.Dispose();
        _net.Dispose();
    }
}

static class Data
{
    /// <summary>Reads a CSV whose last column is the integer label; returns float32 features and int64 labels.</summary>
    public static (Tensor x, Tensor y) Csv(string path, bool skipFirstColumn, float scale)
    {
        var rows = File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        int first = skipFirstColumn ? 1 : 0, features = rows[0].Length - 1 - first;
        var x = new float[rows.Count * features];
        var y = new long[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            for (int j = 0; j < features; j++) x[r * features + j] = float.Parse(rows[r][first + j], CultureInfo.InvariantCulture) * scale;
            y[r] = (long)double.Parse(rows[r][^1], CultureInfo.InvariantCulture);
        }
        return (tensor(x, new long[] { rows.Count, features }), tensor(y));
    }
}

static class Machine
{
    public static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException) { return "unknown"; }
    }

    public static string LoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }

    /// <summary>CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID on Linux; the process's elsewhere).</summary>
    public static TimeSpan ThreadCpuTime()
    {
        if (OperatingSystem.IsLinux() && clock_gettime(3, out var ts) == 0) return TimeSpan.FromTicks(ts.sec * TimeSpan.TicksPerSecond + ts.nsec / 100);
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime;
    }

    struct Timespec { public long sec; public long nsec; }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    static extern int clock_gettime(int clock, out Timespec ts);

    /// <summary>Resident set size from /proc/self/status (falls back to the working set elsewhere).</summary>
    public static long RssBytes()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:"));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            using var p = Process.GetCurrentProcess();
            return p.WorkingSet64;
        }
    }
}
