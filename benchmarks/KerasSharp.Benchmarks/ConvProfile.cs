// Measurements behind the convolutional cases' numbers (benchmarks/README.md, "Convolutional networks"): the cost of
// each Keras layer against the raw module doing its work, and the train step's CPU time, both insensitive to other
// processes' load (thread and process CPU time rather than wall time).

using System.Diagnostics;
using KerasSharp.Layers;
using KerasSharp.Models;
using TorchSharp;
using static KerasSharp.keras.utils;
using static TorchSharp.torch;

static class ConvProfile
{
    /// <summary>
    /// Forward + backward (of the output's sum) through the first k layers of <paramref name="model"/> (channels_last
    /// batch) and of <paramref name="raw"/> (the same modules in NCHW), for every k: the differences between
    /// consecutive prefixes are each layer's cost. Thread CPU time, best of 7 runs of 10 steps.
    /// </summary>
    public static void Layers(Sequential model, nn.Module<Tensor, Tensor>[] raw, int channels)
    {
        var (nhwc, nchw, _) = ConvCases.Images(64, 32, 32, channels);
        var layers = model.layers;
        model.build([null, 32, 32, channels]);
        Console.WriteLine($"  per-layer forward+backward, batch 64, {torch.get_num_threads()} torch threads (thread CPU ms per step; best of 7 x 10)");
        Console.WriteLine("  | layer | Keras prefix | raw prefix | Keras layer | raw layer |");
        double prevK = 0, prevR = 0;
        for (int k = 1; k <= layers.Count; k++)
        {
            int count = k;
            var (keras, rawMs) = BestPaired(() =>
            {
                var x = nhwc;
                for (int i = 0; i < count; i++) x = layers[i].call(x, true);
                x.sum().backward();
            }, () =>
            {
                var x = nchw;
                for (int i = 0; i < count; i++) x = raw[i].forward(x);
                x.sum().backward();
            });
            Console.WriteLine($"  | {layers[k - 1].name} | {keras:F3} | {rawMs:F3} | {keras - prevK:F3} | {rawMs - prevR:F3} |");
            (prevK, prevR) = (keras, rawMs);
        }
    }

    /// <summary>
    /// Runs <paramref name="run"/> (worth <paramref name="steps"/> steps) again and again for about
    /// <paramref name="seconds"/> s and prints the wall and process CPU time per step: run two such processes at once
    /// (one per side) and their CPU times per step compare under the same load; attach `perf record -p PID` to each.
    /// </summary>
    internal static void Loop(string name, Action run, long steps, int seconds)
    {
        run();
        Console.WriteLine($"  {name}: pid {Environment.ProcessId}, {seconds} s");
        var self = Process.GetCurrentProcess();
        var p0 = self.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        long done = 0;
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            run();
            done += steps;
        }
        self.Refresh();
        Console.WriteLine($"  {name}: {done} steps, wall {sw.Elapsed.TotalMilliseconds / done:F3} ms/step, process CPU {(self.TotalProcessorTime - p0).TotalMilliseconds / done:F3} ms/step");
    }

    /// <summary>
    /// One epoch of fit, then one of the raw loop, each after a call of <c>shim_mark(section)</c> when a native
    /// <c>shim_mark</c> is loaded (an LD_PRELOAD allocation logger), so that their large allocations can be compared.
    /// </summary>
    public static void AllocationTrace(string net, Func<Sequential> keras, Func<nn.Module<Tensor, Tensor>> rawNet, int channels)
    {
        long n = channels == 1 ? 2048 : 1024;
        var (nhwc, nchw, labels) = ConvCases.Images(n, 32, 32, channels);
        using var onehot = to_categorical(labels, 10);
        using var model = keras();
        using var raw = new RawLoop(ConvCases.RawFor(model, rawNet), nchw, labels, 64);
        model.fit(nhwc, onehot, epochs: 2, batch_size: 64, verbose: 0);
        raw.Train(2);
        Action<int> mark = System.Runtime.InteropServices.NativeLibrary.TryGetExport(System.Runtime.InteropServices.NativeLibrary.GetMainProgramHandle(), "shim_mark", out var f)
            ? System.Runtime.InteropServices.Marshal.GetDelegateForFunctionPointer<Mark>(f).Invoke
            : _ => Console.WriteLine("  (no shim_mark loaded)");
        GC.Collect();
        mark(1);
        model.fit(nhwc, onehot, epochs: 1, batch_size: 64, verbose: 0);
        mark(2);
        raw.Train(1);
        mark(-1);
    }

    delegate void Mark(int section);

    /// <summary>
    /// One side of a case (fit or the raw loop) for counters: ConvCases.WarmUpEpochs warm-up epochs, then <paramref name="epochs"/>
    /// epochs between "enable" and "disable" written to the control fifo of `perf stat -D -1 --control
    /// fifo:CTL,ACK` named by KERASSHARP_PERF_CTL (and KERASSHARP_PERF_ACK), so the counts are the steps' alone.
    /// </summary>
    public static void Counted(string net, string side, Func<Sequential> keras, Func<nn.Module<Tensor, Tensor>> rawNet, int channels, int epochs)
    {
        long n = channels == 1 ? 2048 : 1024;
        var (nhwc, nchw, labels) = ConvCases.Images(n, 32, 32, channels);
        using var onehot = to_categorical(labels, 10);
        using var model = keras();
        var rawModule = ConvCases.RawFor(model, rawNet);
        ConvCases.CheckSame(model, rawModule, nhwc, nchw);
        using var raw = new RawLoop(rawModule, nchw, labels, 64);
        Action epoch = side == "fit" ? () => model.fit(nhwc, onehot, epochs: 1, batch_size: 64, verbose: 0) : () => raw.Train(1);
        for (int i = 0; i < ConvCases.WarmUpEpochs; i++) epoch();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var self = Process.GetCurrentProcess();
        CountedEpochsStart();
        Perf("enable");
        var (user, sys) = (self.UserProcessorTime, self.PrivilegedProcessorTime);
        var sw = Stopwatch.StartNew();
        var jit = new List<string>();
        for (int e = 0; e < epochs; e++)
        {
            var (jit0, n0) = (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
            epoch();
            jit.Add($"{(System.Runtime.JitInfo.GetCompilationTime() - jit0).TotalMilliseconds:F0} ms/{System.Runtime.JitInfo.GetCompiledMethodCount() - n0}");
            if (Environment.GetEnvironmentVariable("DOTNET_JitDisasmSummary") == "1") Console.WriteLine($"=== counted epoch {e} done");
        }
        double ms = sw.Elapsed.TotalMilliseconds;
        self.Refresh();
        (user, sys) = (self.UserProcessorTime - user, self.PrivilegedProcessorTime - sys);
        Perf("disable");
        long steps = epochs * ((n + 63) / 64);
        Console.WriteLine($"  count {net} {side}: {steps} steps counted, wall {ms / steps:F3} ms/step, user {user.TotalMilliseconds / steps:F3} ms/step, "
            + $"sys {sys.TotalMilliseconds / steps:F3} ms/step, {torch.get_num_threads()} threads; JIT time/methods per epoch {string.Join(", ", jit)}");
    }

    /// <summary>Does nothing: its compilation marks the counted epochs' start in a JIT log (DOTNET_JitStdOutFile with DOTNET_JitDisasmSummary=1).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static void CountedEpochsStart() { }

    static void Perf(string command)
    {
        if (Environment.GetEnvironmentVariable("KERASSHARP_PERF_CTL") is not { Length: > 0 } ctl) return;
        File.AppendAllText(ctl, command + "\n");
        if (Environment.GetEnvironmentVariable("KERASSHARP_PERF_ACK") is { Length: > 0 } ack)
            using (var reader = new StreamReader(ack)) reader.ReadLine();
    }

    /// <summary>The least thread CPU time per step of each side over 15 alternated runs of 5 steps (noise only adds).</summary>
    internal static (double a, double b) BestPaired(Action a, Action b)
    {
        for (int i = 0; i < 3; i++) { Once(a); Once(b); }
        double bestA = double.MaxValue, bestB = double.MaxValue;
        for (int run = 0; run < 15; run++)
        {
            var t0 = Machine.ThreadCpuTime();
            for (int i = 0; i < 5; i++) Once(a);
            var t1 = Machine.ThreadCpuTime();
            for (int i = 0; i < 5; i++) Once(b);
            var t2 = Machine.ThreadCpuTime();
            bestA = Math.Min(bestA, (t1 - t0).TotalMilliseconds / 5);
            bestB = Math.Min(bestB, (t2 - t1).TotalMilliseconds / 5);
        }
        return (bestA, bestB);
    }

    static void Once(Action step)
    {
        using var scope = NewDisposeScope();
        step();
    }

    /// <summary>
    /// fit against the raw loop as the case runs them, timed by CPU time (the process's, and the calling thread's),
    /// alternating the side that runs first; per step medians and the median of per-round ratios.
    /// </summary>
    public static void CpuSteps(string net, Func<Sequential> keras, Func<nn.Module<Tensor, Tensor>> rawNet, int channels, int rounds)
    {
        long n = channels == 1 ? 2048 : 1024;
        var (nhwc, nchw, labels) = ConvCases.Images(n, 32, 32, channels);
        using var onehot = to_categorical(labels, 10);
        using var model = keras();
        using var raw = new RawLoop(ConvCases.RawFor(model, rawNet), nchw, labels, 64);
        long steps = (n + 63) / 64;
        for (int i = 0; i < ConvCases.WarmUpEpochs; i++)
        {
            model.fit(nhwc, onehot, epochs: 1, batch_size: 64, verbose: 0);
            raw.Train(1);
        }
        var self = Process.GetCurrentProcess();
        var times = new Dictionary<string, List<double>> { ["fit p"] = [], ["raw p"] = [], ["fit t"] = [], ["raw t"] = [], ["fit w"] = [], ["raw w"] = [] };
        for (int round = 0; round < rounds; round++)
            for (int s = 0; s < 2; s++)
            {
                bool fitSide = (s == 0) == (round % 2 == 0);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                self.Refresh();
                var p0 = self.TotalProcessorTime;
                var t0 = Machine.ThreadCpuTime();
                var sw = Stopwatch.StartNew();
                if (fitSide) model.fit(nhwc, onehot, epochs: 1, batch_size: 64, verbose: 0);
                else raw.Train(1);
                double wall = sw.Elapsed.TotalMilliseconds;
                var t1 = Machine.ThreadCpuTime();
                self.Refresh();
                var side = fitSide ? "fit" : "raw";
                times[$"{side} p"].Add((self.TotalProcessorTime - p0).TotalMilliseconds / steps);
                times[$"{side} t"].Add((t1 - t0).TotalMilliseconds / steps);
                times[$"{side} w"].Add(wall / steps);
            }
        foreach (var kind in new[] { ("p", "process CPU"), ("t", "thread CPU"), ("w", "wall") })
        {
            var f = times[$"fit {kind.Item1}"];
            var r = times[$"raw {kind.Item1}"];
            var ratios = f.Zip(r, (a, b) => a / b).Order().ToArray();
            Console.WriteLine($"  {net} {kind.Item2}: raw {Median(r):F3} ms/step (least {r.Min():F3}), fit {Median(f):F3} ms/step (least {f.Min():F3}), fit / raw {Median(ratios):F3} "
                + $"(quartiles {ratios[ratios.Length / 4]:F2}-{ratios[3 * ratios.Length / 4]:F2}, {rounds} rounds, {torch.get_num_threads()} threads)");
        }
    }

    static double Median(IEnumerable<double> v)
    {
        var s = v.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
