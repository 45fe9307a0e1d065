// The convolutional cases of the benchmark: LeNet-5 on 32x32x1 and a small VGG-style net on 32x32x3, fit on
// channels_last (N, H, W, C) images against a hand-written TorchSharp loop on the same images in NCHW.

using KerasSharp.Layers;
using KerasSharp.Models;
using TorchSharp;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.utils;
using static TorchSharp.torch;

static class ConvCases
{
    /// <summary>Runs the cases named in <paramref name="only"/> (all when null): "lenet", "vgg", "memory-lenet".</summary>
    public static List<(Case c, Bench.Result r)> Run(bool quick, HashSet<string>? only)
    {
        var results = new List<(Case, Bench.Result)>();
        bool Wanted(string key) => only is null || only.Contains(key);

        if (Wanted("lenet"))
        {
            var (nhwc, nchw, labels) = Images(2048, 32, 32, 1);
            var c = new Case("LeNet-5 32x32x1 (2048 images)", "lenet", nhwc, labels, [], 64, 1, quick ? 3 : 15);
            results.Add((c, Pair(c, LeNet, RawLeNet, nchw)));
        }
        if (Wanted("vgg"))
        {
            var (nhwc, nchw, labels) = Images(1024, 32, 32, 3);
            var c = new Case("VGG-style 32x32x3 (1024 images)", "vgg", nhwc, labels, [], 64, 1, quick ? 3 : 9);
            results.Add((c, Pair(c, Vgg, RawVgg, nchw)));
        }
        if (Wanted("memory-lenet"))
        {
            var (nhwc, _, labels) = Images(256, 32, 32, 1);
            using var onehot = to_categorical(labels, 10);
            using var model = LeNet();
            Bench.Memory("LeNet-5 (256 images, batch 64)", model, nhwc, onehot, quick ? 30 : 100, 64);
        }
        foreach (var side in new[] { "fit", "raw" })
            foreach (var net in new[] { "lenet", "vgg" })
                if (Wanted($"profile-{net}-{side}")) Profile(net, side, quick ? 10 : 60);
        foreach (var net in new[] { "lenet", "vgg" })
        {
            if (Wanted($"layers-{net}")) ConvProfile.Layers(net == "lenet" ? LeNet() : Vgg(), net == "lenet" ? RawLeNetStages() : RawVggStages(), net == "lenet" ? 1 : 3);
            if (Wanted($"cpu-{net}")) ConvProfile.CpuSteps(net, net == "lenet" ? LeNet : Vgg, net == "lenet" ? RawLeNet : RawVgg, net == "lenet" ? 1 : 3, quick ? 5 : 21);
            foreach (var side in new[] { "fit", "raw" })
                if (Wanted($"count-{net}-{side}")) ConvProfile.Counted(net, side, net == "lenet" ? LeNet : Vgg, net == "lenet" ? RawLeNet : RawVgg, net == "lenet" ? 1 : 3, quick ? 2 : 10);
        }
        if (Wanted("alloc-vgg")) ConvProfile.AllocationTrace("vgg", Vgg, RawVgg, 3);
        if (Wanted("alloc-lenet")) ConvProfile.AllocationTrace("lenet", LeNet, RawLeNet, 1);
        return results;
    }

    /// <summary>
    /// One side of a case (fit or the raw loop) trained for about <paramref name="seconds"/> seconds, for a profiler
    /// attached to the process (`perf record -g -p PID`): it prints its pid and then runs one epoch after another.
    /// </summary>
    static void Profile(string net, string side, int seconds)
    {
        var (nhwc, nchw, labels) = net == "lenet" ? Images(2048, 32, 32, 1) : Images(1024, 32, 32, 3);
        using var onehot = to_categorical(labels, 10);
        using var model = net == "lenet" ? LeNet() : Vgg();
        using var raw = new RawLoop(RawFor(model, net == "lenet" ? RawLeNet : RawVgg), nchw, labels, 64);
        Action epoch = side == "fit" ? () => model.fit(nhwc, onehot, epochs: 1, batch_size: 64, verbose: 0) : () => raw.Train(1);
        epoch();
        Console.WriteLine($"  profile {net} {side}: pid {Environment.ProcessId}, {seconds} s");
        ConvProfile.Loop($"profile {net} {side}", epoch, (nhwc.shape[0] + 63) / 64, seconds);
    }

    /// <summary>
    /// KERASSHARP_BENCH_SAME_WEIGHTS=1: the raw net starts from the Keras model's initial weights (torch layouts; the
    /// first Dense's input rows reordered from Keras's (H, W, C) Flatten order to NCHW's (C, H, W)), so both sides
    /// compute the same numbers; otherwise each side keeps its own library's initializers (Keras: glorot_uniform
    /// kernels and zero biases; TorchSharp: kaiming_uniform and uniform biases).
    /// </summary>
    internal static nn.Module<Tensor, Tensor> RawFor(Sequential model, Func<nn.Module<Tensor, Tensor>> rawNet)
    {
        var raw = rawNet();
        if (Environment.GetEnvironmentVariable("KERASSHARP_BENCH_SAME_WEIGHTS") != "1") return raw;
        var keras = model.get_weights();
        var torchParams = raw.parameters().ToList();
        if (keras.Count != torchParams.Count) throw new InvalidOperationException($"{keras.Count} Keras weights against {torchParams.Count} raw parameters.");
        long?[] shape = model.layers.OfType<KerasSharp.Layers.Flatten>().Select(f => f.input_shape!).First();
        bool firstDense = true;
        using var noGrad = no_grad();
        for (int i = 0; i < keras.Count; i++)
        {
            using var w = keras[i];
            Tensor value;
            if (w.dim() == 4) value = w.permute(3, 2, 0, 1);
            else if (w.dim() == 2 && firstDense)
            {
                long h = shape[1]!.Value, wd = shape[2]!.Value, c = shape[3]!.Value, units = w.shape[1];
                value = w.view(h, wd, c, units).permute(3, 2, 0, 1).reshape(units, c * h * wd);
                firstDense = false;
            }
            else if (w.dim() == 2) value = w.t();
            else value = w;
            torchParams[i].copy_(value);
        }
        return raw;
    }

    /// <summary>With KERASSHARP_BENCH_SAME_WEIGHTS=1, prints how far the two sides' initial predictions are apart.</summary>
    internal static void CheckSame(Sequential model, nn.Module<Tensor, Tensor> raw, Tensor nhwc, Tensor nchw)
    {
        if (Environment.GetEnvironmentVariable("KERASSHARP_BENCH_SAME_WEIGHTS") != "1") return;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var keras = model.predict(nhwc.narrow(0, 0, 16), verbose: 0);
        var torchSide = nn.functional.softmax(raw.forward(nchw.narrow(0, 0, 16)), 1);
        Console.WriteLine($"  same initial weights: max |Keras - raw| of 16 predictions {(keras - torchSide).abs().max().item<float>():E2}");
    }

    /// <summary>Random images in both layouts (the same pixels) and random labels of 10 classes.</summary>
    internal static (Tensor nhwc, Tensor nchw, Tensor labels) Images(long n, long h, long w, long channels)
    {
        var nhwc = rand(n, h, w, channels);
        // The NCHW copy with canonical strides (a one-channel permute is "contiguous" with channels_last strides).
        var nchw = nhwc.permute(0, 3, 1, 2).contiguous().flatten().view(n, channels, h, w);
        return (nhwc, nchw, randint(0, 10, new[] { n }));
    }

    /// <summary>Epochs of each side (one fit call each) before anything is timed or counted.</summary>
    internal const int WarmUpEpochs = 5;

    static Bench.Result Pair(Case c, Func<Sequential> keras, Func<nn.Module<Tensor, Tensor>> rawNet, Tensor nchw)
    {
        var onehot = to_categorical(c.Labels, 10);
        var model = keras();
        var raw = new RawLoop(RawFor(model, rawNet), nchw, c.Labels, c.Batch);
        var result = Bench.Paired(
            // Five epochs of each side, one call each, before timing: the JIT's tier-up of fit's per-step code (PGO's
            // instrumented tier, then tier 1) took 0.2-0.6 s of JIT time on the background thread during the 3rd to
            // 5th fit calls (System.Runtime.JitInfo, `--case count-<net>-fit`), against 0.05-0.15 s for the raw loop.
            warmUp: () =>
            {
                for (int i = 0; i < WarmUpEpochs; i++)
                {
                    model.fit(c.X, onehot, epochs: 1, batch_size: c.Batch, verbose: 0);
                    raw.Train(1);
                }
            },
            fit: () => model.fit(c.X, onehot, epochs: c.Epochs, batch_size: c.Batch, verbose: 0),
            raw: () => raw.Train(c.Epochs),
            c.Rounds, c.StepsPerRun);
        model.Dispose();
        raw.Dispose();
        onehot.Dispose();
        return result;
    }

    static Sequential Compiled(List<Layer> layers)
    {
        var model = new Sequential(layers);
        model.compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        return model;
    }

    /// <summary>The CNN chapter's LeNet-5.</summary>
    internal static Sequential LeNet() => Compiled([
        InputLayer(shape: [32, 32, 1]),
        Conv2D(6, 5, activation: "relu"), MaxPool2D(2),
        Conv2D(16, 5, activation: "relu"), MaxPool2D(2),
        Flatten(), Dense(120, activation: "relu"), Dense(84, activation: "relu"), Dense(10, activation: "softmax"),
    ]);

    internal static nn.Module<Tensor, Tensor> RawLeNet() => nn.Sequential(
        ("conv1", nn.Conv2d(1, 6, 5)), ("relu1", nn.ReLU()), ("pool1", nn.MaxPool2d(2)),
        ("conv2", nn.Conv2d(6, 16, 5)), ("relu2", nn.ReLU()), ("pool2", nn.MaxPool2d(2)),
        ("flatten", nn.Flatten()), ("fc1", nn.Linear(400, 120)), ("relu3", nn.ReLU()),
        ("fc2", nn.Linear(120, 84)), ("relu4", nn.ReLU()), ("fc3", nn.Linear(84, 10)));

    /// <summary>RawLeNet's modules grouped as the Keras layers (a convolution with its ReLU, a Dense with its ReLU).</summary>
    static nn.Module<Tensor, Tensor>[] RawLeNetStages() =>
    [
        nn.Sequential(nn.Conv2d(1, 6, 5), nn.ReLU()), nn.MaxPool2d(2), nn.Sequential(nn.Conv2d(6, 16, 5), nn.ReLU()), nn.MaxPool2d(2),
        nn.Flatten(), nn.Sequential(nn.Linear(400, 120), nn.ReLU()), nn.Sequential(nn.Linear(120, 84), nn.ReLU()), nn.Linear(84, 10),
    ];

    /// <summary>RawVgg's modules grouped as the Keras layers.</summary>
    static nn.Module<Tensor, Tensor>[] RawVggStages() =>
    [
        nn.Sequential(nn.Conv2d(3, 16, 3, padding: 1), nn.ReLU()), nn.Sequential(nn.Conv2d(16, 16, 3, padding: 1), nn.ReLU()), nn.MaxPool2d(2),
        nn.Sequential(nn.Conv2d(16, 32, 3, padding: 1), nn.ReLU()), nn.Sequential(nn.Conv2d(32, 32, 3, padding: 1), nn.ReLU()), nn.MaxPool2d(2),
        nn.Flatten(), nn.Sequential(nn.Linear(32 * 8 * 8, 128), nn.ReLU()), nn.Linear(128, 10),
    ];

    /// <summary>Two VGG blocks (two 3x3 "same" convolutions and a 2x2 max pooling each), then a dense head.</summary>
    internal static Sequential Vgg() => Compiled([
        InputLayer(shape: [32, 32, 3]),
        Conv2D(16, 3, padding: "same", activation: "relu"), Conv2D(16, 3, padding: "same", activation: "relu"), MaxPool2D(2),
        Conv2D(32, 3, padding: "same", activation: "relu"), Conv2D(32, 3, padding: "same", activation: "relu"), MaxPool2D(2),
        Flatten(), Dense(128, activation: "relu"), Dense(10, activation: "softmax"),
    ]);

    internal static nn.Module<Tensor, Tensor> RawVgg() => nn.Sequential(
        ("conv1", nn.Conv2d(3, 16, 3, padding: 1)), ("relu1", nn.ReLU()), ("conv2", nn.Conv2d(16, 16, 3, padding: 1)), ("relu2", nn.ReLU()),
        ("pool1", nn.MaxPool2d(2)),
        ("conv3", nn.Conv2d(16, 32, 3, padding: 1)), ("relu3", nn.ReLU()), ("conv4", nn.Conv2d(32, 32, 3, padding: 1)), ("relu4", nn.ReLU()),
        ("pool2", nn.MaxPool2d(2)),
        ("flatten", nn.Flatten()), ("fc1", nn.Linear(32 * 8 * 8, 128)), ("relu5", nn.ReLU()), ("fc2", nn.Linear(128, 10)));
}
