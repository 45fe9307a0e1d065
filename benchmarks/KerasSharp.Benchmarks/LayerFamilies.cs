// The layer families of issue 8, each fit against a hand-written TorchSharp loop doing the same work (see
// benchmarks/README.md, "Other layer families"): transposed convolutions, depthwise / separable convolutions, padding and
// cropping, batch / layer / group normalization, and the image preprocessing and augmentation layers. fit gets the
// images channels_last, (N, H, W, C), the raw loop the same pixels in NCHW; both use Adam (1e-3), the same batch size,
// randperm + index_select batches, dispose scopes, and one device read per epoch; paired rounds as Bench.Paired.

using KerasSharp.Layers;
using KerasSharp.Models;
using TorchSharp;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.utils;
using static TorchSharp.torch;

static class LayerFamilies
{
    /// <summary>The case keys this file answers to.</summary>
    public static readonly string[] Keys = ["conv-transpose", "conv1d-transpose", "separable", "padcrop", "batchnorm", "layernorm", "groupnorm", "preprocess", "augment"];

    /// <summary>Runs the cases named in <paramref name="only"/> (none when null: these run only on request).</summary>
    public static List<(Case c, Bench.Result r)> Run(bool quick, HashSet<string>? only)
    {
        var results = new List<(Case, Bench.Result)>();
        if (only is null) return results;
        bool layers = only.Contains("layers");
        int rounds = quick ? 3 : 11;
        void Add(Case c, Func<Sequential> keras, Func<nn.Module<Tensor, Tensor>> raw, Tensor rawX, Tensor? rawY = null)
        {
            if (only.Contains("fit-only") || only.Contains("raw-only")) Loop(c, keras, raw, rawX, rawY, only.Contains("fit-only"));
            else if (layers) LayerTimes(c, keras, raw, rawX, rawY, quick);
            else results.Add((c, rawY is null ? Classification(c, keras, raw, rawX) : Regression(c, keras, raw, rawX, rawY)));
        }
        // A classification case on random size x size images of `channels` channels, 10 random classes, batch 64.
        void ImageCase(string key, string name, long n, long size, long channels, Func<Sequential> keras, Func<nn.Module<Tensor, Tensor>> raw)
        {
            if (!only.Contains(key)) return;
            var (nhwc, nchw, labels) = ConvCases.Images(n, size, size, channels);
            Add(new Case(name, key, nhwc, labels, [], 64, 1, rounds), keras, raw, nchw);
        }
        if (only.Contains("conv-transpose"))
        {
            // A decoder: 32 numbers -> 8x8x16 -> 16x16x32 -> 32x32x16 -> one 32x32 channel, mean squared error.
            var z = randn(1024, 32);
            var (target, targetNchw, _) = ConvCases.Images(1024, 32, 32, 1);
            var c = new Case("decoder Dense-Reshape-Conv2DTranspose(s2) x2-Conv2D, 32x32x1 (1024)", "conv-transpose", z, target, [], 64, 1, rounds);
            Add(c, Decoder, RawDecoder, z, targetNchw);
        }
        if (only.Contains("conv1d-transpose"))
        {
            // A sequence decoder: 16 steps x 32 -> 32 x 32 -> 64 x 16 -> 64 x 1, mean squared error.
            var z = randn(2048, 16, 32);
            var target = randn(2048, 64, 1);
            var c = new Case("Conv1DTranspose(s2) x2 + Conv1D, 16x32 -> 64x1 (2048)", "conv1d-transpose", z, target, [], 64, 1, rounds);
            Add(c, Decoder1D, RawDecoder1D, z.transpose(1, 2).contiguous(), target.transpose(1, 2).contiguous());
        }
        ImageCase("separable", "MobileNet-style DepthwiseConv2D + 1x1, SeparableConv2D, 32x32x3 (1024)", 1024, 32, 3, Separable, RawSeparable);
        if (only.Contains("separable-torchmodule"))
        {
            // fit's machinery alone: the raw network's body in a TorchModule layer, NCHW data, then Dense(softmax).
            var (_, nchw, labels) = ConvCases.Images(1024, 32, 32, 3);
            var c = new Case("raw separable body as TorchModule + Dense, NCHW 3x32x32 (1024)", "separable-torchmodule", nchw, labels, [], 64, 1, rounds);
            Add(c, () => new Sequential([InputLayer(shape: [3, 32, 32]), TorchModule(RawSeparableNet(head: false), output_shape: s => [s[0], 64]), Dense(10, activation: "softmax")]), RawSeparable, nchw);
        }
        ImageCase("padcrop", "ZeroPadding2D + Conv2D, Cropping2D, 28x28x1 (2048)", 2048, 28, 1, PadCrop, () => new RawPadCrop());
        ImageCase("batchnorm", "Conv2D + BatchNormalization + relu x3, 32x32x3 (1024)", 1024, 32, 3, BatchNorm, RawBatchNorm);
        if (only.Contains("layernorm"))
        {
            var x = randn(8192, 128);
            var labels = randint(0, 10, new long[] { 8192 });
            var c = new Case("Dense + LayerNormalization + relu x2, UnitNormalization, 128-256-256-10 (8192)", "layernorm", x, labels, [], 128, 1, rounds);
            Add(c, LayerNorm, RawLayerNorm, x);
        }
        ImageCase("groupnorm", "Conv2D + GroupNormalization(4) + relu x3, 32x32x3 (1024)", 1024, 32, 3, GroupNorm, RawGroupNorm);
        if (only.Contains("preprocess"))
        {
            // Pixels 0-255, 40x40x3: Normalization (adapted), Resizing to 36x36, CenterCrop 32x32, then a small CNN.
            var (nhwc, nchw, labels) = ConvCases.Images(1024, 40, 40, 3);
            nhwc.mul_(255);
            nchw.mul_(255);
            var c = new Case("Normalization(adapted) + Resizing + CenterCrop + CNN, 40x40x3 (1024)", "preprocess", nhwc, labels, [], 64, 1, rounds);
            var mean = nchw.mean([0, 2, 3]);
            var std = nchw.var([0, 2, 3], unbiased: false).sqrt();
            Add(c, () => Preprocess(nhwc), () => new RawPreprocess(mean, std), nchw);
        }
        if (only.Contains("augment"))
        {
            // Pixels 0-255, 36x36x3: Rescaling, RandomCrop to 32x32, RandomFlip, RandomRotation, RandomZoom,
            // RandomTranslation, RandomContrast, then the same small CNN.
            var (nhwc, nchw, labels) = ConvCases.Images(1024, 36, 36, 3);
            nhwc.mul_(255);
            nchw.mul_(255);
            var c = new Case("Rescaling + RandomCrop/Flip/Rotation/Zoom/Translation/Contrast + CNN, 36x36x3 (1024)", "augment", nhwc, labels, [], 64, 1, rounds);
            Add(c, Augment, () => new RawAugment(), nchw);
        }
        return results;
    }

    // ---- harness -------------------------------------------------------------------------------------------------

    /// <summary>
    /// `--case layers,KEY`: after one warm-up fit, the ms of thread CPU time of each Keras layer's training call plus
    /// the backward of its output's sum on one batch (its input kept in the layout the previous layer gave), and of the
    /// whole Keras model's and the raw network's forward + backward; least of several runs.
    /// </summary>
    static void LayerTimes(Case c, Func<Sequential> keras, Func<nn.Module<Tensor, Tensor>> rawNet, Tensor rawX, Tensor? rawY, bool quick)
    {
        StepTimes(c, keras, rawNet, rawX, rawY, quick);
        var model = keras();
        model.compile(loss: "mse", optimizer: "adam");
        model.fit(c.X.narrow(0, 0, c.Batch), zeros_like(model.predict(c.X.narrow(0, 0, c.Batch), verbose: 0)), epochs: 1, batch_size: c.Batch, verbose: 0);
        var raw = rawNet();
        raw.train();
        int reps = quick ? 5 : 15;
        double Least(Func<Tensor> forward)
        {
            double best = double.MaxValue;
            for (int i = 0; i < reps; i++)
            {
                using var scope = NewDisposeScope();
                var t0 = Machine.ThreadCpuTime();
                var y = forward();
                if (y.requires_grad) y.sum().backward();
                best = Math.Min(best, (Machine.ThreadCpuTime() - t0).TotalMilliseconds);
            }
            return best;
        }
        Console.WriteLine($"{c.Name}: per batch of {c.Batch}, forward + backward, ms of thread CPU (least of {reps})");
        var x = c.X.narrow(0, 0, c.Batch);
        var input = x;
        foreach (var layer in model.layers)
        {
            var inp = input.detach();
            if (inp.is_floating_point() && !ReferenceEquals(input, x)) inp.requires_grad_();
            double ms = Least(() => layer.call(inp, true));
            Console.WriteLine($"  {layer.name,-28} {ShapeText(input),-20} -> {ms,8:F3}");
            using (no_grad()) input = layer.call(input, true);
        }
        Console.WriteLine($"  {"whole Keras model",-28} {"",-20} -> {Least(() => model.call(x, true)),8:F3}");
        var rx = rawX.narrow(0, 0, c.Batch);
        if (raw is TorchSharp.Modules.Sequential seq)
        {
            var h = rx;
            foreach (var (name, m) in seq.named_children())
            {
                var module = (nn.Module<Tensor, Tensor>)m;
                var inp = h.detach();
                if (!ReferenceEquals(h, rx)) inp.requires_grad_();
                double ms = Least(() => module.forward(inp));
                Console.WriteLine($"  raw {name,-24} {ShapeText(h),-20} -> {ms,8:F3}");
                using (no_grad()) h = module.forward(h);
            }
        }
        Console.WriteLine($"  {"raw network",-28} {"",-20} -> {Least(() => raw.forward(rx)),8:F3}");
        model.Dispose();
        raw.Dispose();
    }

    /// <summary>`--case fit-only,KEY` / `raw-only,KEY`: 30 epochs of one side alone, for `perf record -p`.</summary>
    static void Loop(Case c, Func<Sequential> keras, Func<nn.Module<Tensor, Tensor>> rawNet, Tensor rawX, Tensor? rawY, bool fit)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        if (fit)
        {
            var model = keras();
            model.compile(loss: rawY is null ? "categorical_crossentropy" : "mse", optimizer: "adam", metrics: rawY is null ? ["accuracy"] : null);
            var y = rawY is null ? to_categorical(c.Labels, 10) : c.Labels;
            for (int e = 0; e < 30; e++) model.fit(c.X, y, epochs: 1, batch_size: c.Batch, verbose: 0);
        }
        else if (rawY is null) new RawLoop(rawNet(), rawX, c.Labels, c.Batch).Train(30);
        else new RegressionLoop(rawNet(), rawX, rawY, c.Batch).Train(30);
        Console.WriteLine($"{(fit ? "fit" : "raw")} {c.Name}: {sw.Elapsed.TotalMilliseconds / (30 * c.Steps):F3} ms/step");
    }

    /// <summary>Thread CPU ms per step of fit and of the raw loop over 8 batches, least of several interleaved runs.</summary>
    static void StepTimes(Case c, Func<Sequential> keras, Func<nn.Module<Tensor, Tensor>> rawNet, Tensor rawX, Tensor? rawY, bool quick)
    {
        long n = 8L * c.Batch;
        var x = c.X.narrow(0, 0, n);
        var y = rawY is null ? to_categorical(c.Labels.narrow(0, 0, n), 10) : c.Labels.narrow(0, 0, n);
        var model = keras();
        model.compile(loss: rawY is null ? "categorical_crossentropy" : "mse", optimizer: "adam", metrics: rawY is null ? ["accuracy"] : null);
        Action raw;
        if (rawY is null)
        {
            var loop = new RawLoop(rawNet(), rawX.narrow(0, 0, n), c.Labels.narrow(0, 0, n), c.Batch);
            raw = () => loop.Train(1);
        }
        else
        {
            var loop = new RegressionLoop(rawNet(), rawX.narrow(0, 0, n), rawY.narrow(0, 0, n), c.Batch);
            raw = () => loop.Train(1);
        }
        double fitBest = double.MaxValue, rawBest = double.MaxValue, fitProcess = double.MaxValue, rawProcess = double.MaxValue;
        long fitFaults = long.MaxValue, rawFaults = long.MaxValue;
        var self = System.Diagnostics.Process.GetCurrentProcess();
        for (int i = 0; i < (quick ? 4 : 10); i++)
        {
            self.Refresh();
            var (p0, t0, f0) = (self.TotalProcessorTime, Machine.ThreadCpuTime(), MinorFaults());
            model.fit(x, y, epochs: 1, batch_size: c.Batch, verbose: 0);
            self.Refresh();
            var (p1, t1, f1) = (self.TotalProcessorTime, Machine.ThreadCpuTime(), MinorFaults());
            raw();
            self.Refresh();
            var (p2, t2, f2) = (self.TotalProcessorTime, Machine.ThreadCpuTime(), MinorFaults());
            if (i == 0) continue;
            fitFaults = Math.Min(fitFaults, (f1 - f0) / 8);
            rawFaults = Math.Min(rawFaults, (f2 - f1) / 8);
            fitBest = Math.Min(fitBest, (t1 - t0).TotalMilliseconds / 8);
            rawBest = Math.Min(rawBest, (t2 - t1).TotalMilliseconds / 8);
            fitProcess = Math.Min(fitProcess, (p1 - p0).TotalMilliseconds / 8);
            rawProcess = Math.Min(rawProcess, (p2 - p1).TotalMilliseconds / 8);
        }
        Console.WriteLine($"{c.Name}: one training step (8 per run), ms of CPU, least of runs: thread fit {fitBest:F3}, raw {rawBest:F3}, fit / raw {fitBest / rawBest:F3}; "
            + $"process fit {fitProcess:F3}, raw {rawProcess:F3}, fit / raw {fitProcess / rawProcess:F3}; minor page faults per step fit {fitFaults}, raw {rawFaults}");
        model.Dispose();
    }

    /// <summary>The process's minor page faults so far (/proc/self/stat, field 10).</summary>
    static long MinorFaults()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[7], System.Globalization.CultureInfo.InvariantCulture);
    }

    static string ShapeText(Tensor t) => "(" + string.Join(",", t.shape) + (t.is_contiguous() ? ")" : ") view");

    static Bench.Result Classification(Case c, Func<Sequential> keras, Func<nn.Module<Tensor, Tensor>> rawNet, Tensor rawX)
    {
        using var onehot = to_categorical(c.Labels, 10);
        var raw = new RawLoop(rawNet(), rawX, c.Labels, c.Batch);
        var result = FitAgainst(c, keras(), "categorical_crossentropy", onehot, epochs => raw.Train(epochs));
        raw.Dispose();
        return result;
    }

    static Bench.Result Regression(Case c, Func<Sequential> keras, Func<nn.Module<Tensor, Tensor>> rawNet, Tensor rawX, Tensor rawY)
    {
        using var raw = new RegressionLoop(rawNet(), rawX, rawY, c.Batch);
        return FitAgainst(c, keras(), "mse", c.Labels, epochs => raw.Train(epochs));
    }

    /// <summary>Compiles <paramref name="model"/> (Adam; accuracy with a crossentropy), then paired rounds of fit and the raw loop.</summary>
    static Bench.Result FitAgainst(Case c, Sequential model, string loss, Tensor y, Action<int> rawTrain)
    {
        model.compile(loss: loss, optimizer: "adam", metrics: loss == "mse" ? null : ["accuracy"]);
        var result = Bench.Paired(
            warmUp: () =>
            {
                model.fit(c.X, y, epochs: 1, batch_size: c.Batch, verbose: 0);
                rawTrain(1);
            },
            fit: () => model.fit(c.X, y, epochs: c.Epochs, batch_size: c.Batch, verbose: 0),
            raw: () => rawTrain(c.Epochs),
            c.Rounds, c.StepsPerRun);
        model.Dispose();
        return result;
    }

    /// <summary>As <see cref="RawLoop"/> with a target tensor and mse_loss (what fit's "mse" is), the loss read once per epoch.</summary>
    sealed class RegressionLoop(nn.Module<Tensor, Tensor> net, Tensor x, Tensor y, int batch) : IDisposable
    {
        readonly optim.Optimizer _opt = optim.Adam(net.parameters(), lr: 1e-3);

        public double Train(int epochs)
        {
            long n = x.shape[0];
            double loss = 0;
            net.train();
            using var lossSum = zeros(1);
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                using var epochScope = NewDisposeScope();
                lossSum.zero_();
                var order = randperm(n);
                for (long start = 0; start < n; start += batch)
                {
                    using var stepScope = NewDisposeScope();
                    long size = Math.Min(batch, n - start);
                    var idx = order.narrow(0, start, size);
                    var batchLoss = nn.functional.mse_loss(net.forward(x.index_select(0, idx)), y.index_select(0, idx));
                    _opt.zero_grad();
                    batchLoss.backward();
                    _opt.step();
                    using (no_grad()) lossSum.add_(batchLoss.detach(), alpha: size);
                }
                loss = lossSum.item<float>() / n;
            }
            return loss;
        }

        public void Dispose()
        {
            _opt.Dispose();
            net.Dispose();
        }
    }

    // ---- conv-transpose ------------------------------------------------------------------------------------------

    static Sequential Decoder() => new([
        InputLayer(shape: [32]),
        Dense(8 * 8 * 16, activation: "relu"), Reshape([8, 8, 16]),
        Conv2DTranspose(32, 3, strides: 2, padding: "same", activation: "relu"),
        Conv2DTranspose(16, 3, strides: 2, padding: "same", activation: "relu"),
        Conv2D(1, 3, padding: "same"),
    ]);

    // Keras's "same" transposed convolution of stride 2, kernel 3: torch padding 1, output padding 1.
    static nn.Module<Tensor, Tensor> RawDecoder() => nn.Sequential(
        ("fc", nn.Linear(32, 8 * 8 * 16)), ("relu0", nn.ReLU()), ("unflatten", nn.Unflatten(1, [16, 8, 8])),
        ("up1", nn.ConvTranspose2d(16, 32, 3, stride: 2, padding: 1, output_padding: 1)), ("relu1", nn.ReLU()),
        ("up2", nn.ConvTranspose2d(32, 16, 3, stride: 2, padding: 1, output_padding: 1)), ("relu2", nn.ReLU()),
        ("out", nn.Conv2d(16, 1, 3, padding: 1)));

    static Sequential Decoder1D() => new([
        InputLayer(shape: [16, 32]),
        Conv1DTranspose(32, 3, strides: 2, padding: "same", activation: "relu"),
        Conv1DTranspose(16, 3, strides: 2, padding: "same", activation: "relu"),
        Conv1D(1, 3, padding: "same"),
    ]);

    static nn.Module<Tensor, Tensor> RawDecoder1D() => nn.Sequential(
        ("up1", nn.ConvTranspose1d(32, 32, 3, stride: 2, padding: 1, output_padding: 1)), ("relu1", nn.ReLU()),
        ("up2", nn.ConvTranspose1d(32, 16, 3, stride: 2, padding: 1, output_padding: 1)), ("relu2", nn.ReLU()),
        ("out", nn.Conv1d(16, 1, 3, padding: 1)));

    // ---- separable -----------------------------------------------------------------------------------------------

    static Sequential Separable() => new([
        InputLayer(shape: [32, 32, 3]),
        Conv2D(16, 3, padding: "same", activation: "relu"),
        DepthwiseConv2D(3, padding: "same", activation: "relu"), Conv2D(32, 1, activation: "relu"),
        DepthwiseConv2D(3, strides: 2, padding: "same", activation: "relu"), Conv2D(64, 1, activation: "relu"),
        SeparableConv2D(64, 3, padding: "same", activation: "relu"),
        GlobalAveragePooling2D(), Dense(10, activation: "softmax"),
    ]);

    // Depthwise = groups equal to the input channels; Keras's "same" with stride 2 and an even size pads one pixel after
    // only, so the raw side pads explicitly (as a torch user porting the model would) and convolves "valid".
    static nn.Module<Tensor, Tensor> RawSeparable() => RawSeparableNet(head: true);

    static nn.Module<Tensor, Tensor> RawSeparableNet(bool head) => nn.Sequential(new (string, nn.Module<Tensor, Tensor>)[] {
        ("conv", nn.Conv2d(3, 16, 3, padding: 1)), ("relu0", nn.ReLU()),
        ("dw1", nn.Conv2d(16, 16, 3, padding: 1, groups: 16)), ("relu1", nn.ReLU()), ("pw1", nn.Conv2d(16, 32, 1)), ("relu2", nn.ReLU()),
        ("pad", nn.ZeroPad2d((0, 1, 0, 1))), ("dw2", nn.Conv2d(32, 32, 3, stride: 2, groups: 32)), ("relu3", nn.ReLU()),
        ("pw2", nn.Conv2d(32, 64, 1)), ("relu4", nn.ReLU()),
        ("sep_dw", nn.Conv2d(64, 64, 3, padding: 1, groups: 64, bias: false)), ("sep_pw", nn.Conv2d(64, 64, 1)), ("relu5", nn.ReLU()),
        ("gap", nn.AdaptiveAvgPool2d(1)), ("flatten", nn.Flatten()), ("fc", nn.Linear(64, 10)) }.SkipLast(head ? 0 : 1));

    // ---- padding and cropping ------------------------------------------------------------------------------------

    static Sequential PadCrop() => new([
        InputLayer(shape: [28, 28, 1]),
        ZeroPadding2D(2), Conv2D(16, 5, activation: "relu"), MaxPooling2D(2),
        ZeroPadding2D(1), Conv2D(32, 3, activation: "relu"), Cropping2D(1), MaxPooling2D(2),
        Flatten(), Dense(10, activation: "softmax"),
    ]);

    sealed class RawPadCrop : nn.Module<Tensor, Tensor>
    {
        readonly TorchSharp.Modules.Conv2d _c1 = nn.Conv2d(1, 16, 5), _c2 = nn.Conv2d(16, 32, 3);
        readonly TorchSharp.Modules.Linear _fc = nn.Linear(32 * 6 * 6, 10);

        public RawPadCrop() : base("padcrop") => RegisterComponents();

        public override Tensor forward(Tensor x)
        {
            var h = nn.functional.max_pool2d(nn.functional.relu(_c1.forward(nn.functional.pad(x, [2, 2, 2, 2]))), 2);
            h = nn.functional.relu(_c2.forward(nn.functional.pad(h, [1, 1, 1, 1])));
            h = h.narrow(2, 1, h.shape[2] - 2).narrow(3, 1, h.shape[3] - 2);
            return _fc.forward(nn.functional.max_pool2d(h, 2).flatten(1));
        }
    }

    // ---- normalization -------------------------------------------------------------------------------------------

    static Sequential BatchNorm() => new([
        InputLayer(shape: [32, 32, 3]),
        Conv2D(16, 3, padding: "same", use_bias: false), BatchNormalization(), Activation("relu"), MaxPooling2D(2),
        Conv2D(32, 3, padding: "same", use_bias: false), BatchNormalization(), Activation("relu"), MaxPooling2D(2),
        Conv2D(32, 3, padding: "same", use_bias: false), BatchNormalization(), Activation("relu"),
        GlobalAveragePooling2D(), Dense(10, activation: "softmax"),
    ]);

    // Keras's momentum 0.99 is torch's 0.01 (the weight of the new batch); Keras's epsilon is 1e-3.
    static nn.Module<Tensor, Tensor> RawBatchNorm() => nn.Sequential(
        ("c1", nn.Conv2d(3, 16, 3, padding: 1, bias: false)), ("bn1", nn.BatchNorm2d(16, eps: 1e-3, momentum: 0.01)), ("r1", nn.ReLU()), ("p1", nn.MaxPool2d(2)),
        ("c2", nn.Conv2d(16, 32, 3, padding: 1, bias: false)), ("bn2", nn.BatchNorm2d(32, eps: 1e-3, momentum: 0.01)), ("r2", nn.ReLU()), ("p2", nn.MaxPool2d(2)),
        ("c3", nn.Conv2d(32, 32, 3, padding: 1, bias: false)), ("bn3", nn.BatchNorm2d(32, eps: 1e-3, momentum: 0.01)), ("r3", nn.ReLU()),
        ("gap", nn.AdaptiveAvgPool2d(1)), ("flatten", nn.Flatten()), ("fc", nn.Linear(32, 10)));

    static Sequential LayerNorm() => new([
        InputLayer(shape: [128]),
        Dense(256), LayerNormalization(), Activation("relu"),
        Dense(256), LayerNormalization(), Activation("relu"), UnitNormalization(),
        Dense(10, activation: "softmax"),
    ]);

    sealed class RawLayerNormNet : nn.Module<Tensor, Tensor>
    {
        readonly TorchSharp.Modules.Linear _l1 = nn.Linear(128, 256), _l2 = nn.Linear(256, 256), _l3 = nn.Linear(256, 10);
        readonly TorchSharp.Modules.LayerNorm _n1 = nn.LayerNorm(256, eps: 1e-3), _n2 = nn.LayerNorm(256, eps: 1e-3);

        public RawLayerNormNet() : base("layernorm") => RegisterComponents();

        public override Tensor forward(Tensor x)
        {
            var h = nn.functional.relu(_n1.forward(_l1.forward(x)));
            h = nn.functional.relu(_n2.forward(_l2.forward(h)));
            return _l3.forward(nn.functional.normalize(h, p: 2, dim: 1, eps: 1e-6));
        }
    }

    static nn.Module<Tensor, Tensor> RawLayerNorm() => new RawLayerNormNet();

    static Sequential GroupNorm() => new([
        InputLayer(shape: [32, 32, 3]),
        Conv2D(16, 3, padding: "same"), GroupNormalization(4), Activation("relu"), MaxPooling2D(2),
        Conv2D(32, 3, padding: "same"), GroupNormalization(4), Activation("relu"), MaxPooling2D(2),
        Conv2D(32, 3, padding: "same"), GroupNormalization(4), Activation("relu"),
        GlobalAveragePooling2D(), Dense(10, activation: "softmax"),
    ]);

    static nn.Module<Tensor, Tensor> RawGroupNorm() => nn.Sequential(
        ("c1", nn.Conv2d(3, 16, 3, padding: 1)), ("gn1", nn.GroupNorm(4, 16, eps: 1e-3)), ("r1", nn.ReLU()), ("p1", nn.MaxPool2d(2)),
        ("c2", nn.Conv2d(16, 32, 3, padding: 1)), ("gn2", nn.GroupNorm(4, 32, eps: 1e-3)), ("r2", nn.ReLU()), ("p2", nn.MaxPool2d(2)),
        ("c3", nn.Conv2d(32, 32, 3, padding: 1)), ("gn3", nn.GroupNorm(4, 32, eps: 1e-3)), ("r3", nn.ReLU()),
        ("gap", nn.AdaptiveAvgPool2d(1)), ("flatten", nn.Flatten()), ("fc", nn.Linear(32, 10)));

    // ---- image preprocessing -------------------------------------------------------------------------------------

    /// <summary>
    /// The small CNN after the image layers, 32x32x3 in. It ends in a global average pooling because Keras 3.11.3's
    /// RandomCrop passes images uncropped outside training (fit's first check of the targets runs the model so).
    /// </summary>
    static IEnumerable<Layer> SmallCnn() => [
        Conv2D(16, 3, activation: "relu"), MaxPooling2D(2), Conv2D(32, 3, activation: "relu"), MaxPooling2D(2),
        Conv2D(64, 3, activation: "relu"), GlobalAveragePooling2D(), Dense(10, activation: "softmax"),
    ];

    sealed class RawCnn : nn.Module<Tensor, Tensor>
    {
        readonly TorchSharp.Modules.Conv2d _c1 = nn.Conv2d(3, 16, 3), _c2 = nn.Conv2d(16, 32, 3), _c3 = nn.Conv2d(32, 64, 3);
        readonly TorchSharp.Modules.Linear _fc = nn.Linear(64, 10);

        public RawCnn() : base("cnn") => RegisterComponents();

        public override Tensor forward(Tensor x)
        {
            var h = nn.functional.max_pool2d(nn.functional.relu(_c1.forward(x)), 2);
            h = nn.functional.max_pool2d(nn.functional.relu(_c2.forward(h)), 2);
            return _fc.forward(nn.functional.adaptive_avg_pool2d(nn.functional.relu(_c3.forward(h)), 1).flatten(1));
        }
    }

    static Sequential Preprocess(Tensor nhwc)
    {
        var norm = Normalization();
        norm.adapt(nhwc);
        return new([InputLayer(shape: [40, 40, 3]), norm, Resizing(36, 36), CenterCrop(32, 32), .. SmallCnn()]);
    }

    /// <summary>(x - mean) / std per channel, bilinear resize to 36x36, the centre 32x32, then the CNN.</summary>
    sealed class RawPreprocess : nn.Module<Tensor, Tensor>
    {
        readonly Tensor _mean, _std;
        readonly RawCnn _cnn = new();

        public RawPreprocess(Tensor mean, Tensor std) : base("preprocess")
        {
            _mean = mean.view(1, 3, 1, 1);
            _std = std.view(1, 3, 1, 1);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var h = (x - _mean) / _std;
            h = nn.functional.interpolate(h, [36, 36], mode: InterpolationMode.Bilinear, align_corners: false);
            return _cnn.forward(h.narrow(2, 2, 32).narrow(3, 2, 32));
        }
    }

    static Sequential Augment() => new([
        InputLayer(shape: [36, 36, 3]),
        Rescaling(1.0 / 255), RandomCrop(32, 32, seed: 1), RandomFlip("horizontal", seed: 2),
        RandomRotation(0.1, seed: 3), RandomZoom(0.1, seed: 4), RandomTranslation(0.1, 0.1, seed: 5),
        RandomContrast(0.2, value_range: (0, 1), seed: 6),
        .. SmallCnn(),
    ]);

    /// <summary>
    /// The same augmentation written by hand, in training: scale by 1/255; one random 32x32 window per batch; a
    /// horizontal flip of each image with probability 0.5 (flip + where); a random rotation (±36°), zoom (±10 %) and
    /// translation (±10 %) of each image, one affine_grid + grid_sample each (bilinear, reflection, as Keras's
    /// fill_mode "reflect"); contrast (x - mean) · c + mean per image, clipped to [0, 1]; all draws on the device.
    /// </summary>
    sealed class RawAugment : nn.Module<Tensor, Tensor>
    {
        readonly RawCnn _cnn = new();

        public RawAugment() : base("augment") => RegisterComponents();

        static Tensor Resample(Tensor x, Tensor theta)
        {
            var grid = nn.functional.affine_grid(theta, x.shape, align_corners: false);
            return nn.functional.grid_sample(x, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Reflection, align_corners: false);
        }

        static Tensor Uniform(long n, double low, double high) => rand(n).mul_(high - low).add_(low);

        public override Tensor forward(Tensor x)
        {
            if (!training) return _cnn.forward(x.narrow(2, 2, 32).narrow(3, 2, 32) / 255);
            long n = x.shape[0];
            var h = x * (1.0 / 255);
            var offsets = randint(0, 5, [2], device: CPU).data<long>().ToArray();
            h = h.narrow(2, offsets[0], 32).narrow(3, offsets[1], 32);
            h = where(rand(n, 1, 1, 1).le(0.5), h.flip(3), h);
            var zero = zeros(n);
            var one = ones(n);
            var angle = Uniform(n, -0.1 * 2 * Math.PI, 0.1 * 2 * Math.PI);
            h = Resample(h, stack([angle.cos(), -angle.sin(), zero, angle.sin(), angle.cos(), zero], 1).view(n, 2, 3));
            var zoom = Uniform(n, 0.9, 1.1);
            h = Resample(h, stack([zoom, zero, zero, zero, zoom, zero], 1).view(n, 2, 3));
            var dx = Uniform(n, -0.2, 0.2);
            var dy = Uniform(n, -0.2, 0.2);
            h = Resample(h, stack([one, zero, dx, zero, one, dy], 1).view(n, 2, 3));
            var c = Uniform(n, 0.8, 1.2).view(n, 1, 1, 1);
            var mean = h.mean([2, 3], keepdim: true);
            h = (h - mean).mul_(c).add_(mean).clamp_(0, 1);
            return _cnn.forward(h);
        }
    }
}
