// `--case mixed`: fit under "mixed_bfloat16" against fit in float32 and the raw float32 loop (issue 12).

using System.Diagnostics;
using KerasSharp;
using KerasSharp.Models;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.utils;
using static TorchSharp.torch;

static class MixedPrecision
{
    /// <summary>The CPU's bfloat16 flags from /proc/cpuinfo ("none" when it has neither).</summary>
    static string Bf16Flags()
    {
        try
        {
            var flags = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags"))?.Split(':', 2)[1].Split(' ') ?? [];
            var found = new[] { "amx_bf16", "avx512_bf16" }.Where(flags.Contains).ToList();
            return found.Count == 0 ? "none" : string.Join(" ", found);
        }
        catch (IOException) { return "unknown"; }
    }

    static Sequential Model(string policy, int[] widths)
    {
        keras.config.set_dtype_policy(policy);
        var layers = new List<KerasSharp.Layers.Layer> { InputLayer(shape: [widths[0]]) };
        for (int i = 1; i < widths.Length - 1; i++) layers.Add(Dense(widths[i], activation: "relu"));
        layers.Add(Dense(widths[^1], activation: "softmax"));
        var model = new Sequential(layers);
        model.compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        keras.config.set_dtype_policy("float32");
        return model;
    }

    static Sequential Under(string policy, Func<Sequential> build)
    {
        keras.config.set_dtype_policy(policy);
        try { return build(); }
        finally { keras.config.set_dtype_policy("float32"); }
    }

    /// <summary>
    /// Times fit of the model built under mixed_bfloat16, the float32 model and the raw float32 loop, one epoch each,
    /// rotating the order within each round; prints the medians and the median per-round ratios.
    /// </summary>
    static void ThreeWay(string label, Func<Sequential> mixedModel, Func<Sequential> f32Model, Func<RawLoop> rawLoop, Tensor x, Tensor onehot, int batch, int rounds)
    {
        var mixed = mixedModel();
        var f32 = f32Model();
        var raw = rawLoop();
        mixed.fit(x, onehot, epochs: 1, batch_size: batch, verbose: 0);
        f32.fit(x, onehot, epochs: 1, batch_size: batch, verbose: 0);
        raw.Train(1);
        var times = new List<double>[] { new(), new(), new() };
        long steps = (x.shape[0] + batch - 1) / batch;
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < 3; k++)
            {
                int side = (k + round) % 3;
                GC.Collect();
                var sw = Stopwatch.StartNew();
                if (side == 0) mixed.fit(x, onehot, epochs: 1, batch_size: batch, verbose: 0);
                else if (side == 1) f32.fit(x, onehot, epochs: 1, batch_size: batch, verbose: 0);
                else raw.Train(1);
                times[side].Add(sw.Elapsed.TotalMilliseconds / steps);
            }
        }
        var ratioFit = Median(times[1].Zip(times[0], (f, m) => f / m));
        var ratioRaw = Median(times[2].Zip(times[0], (r, m) => r / m));
        Console.WriteLine($"| {label}, {rounds} rounds | mixed_bfloat16 fit {Median(times[0]):F3} ms/step | float32 fit {Median(times[1]):F3} | raw float32 {Median(times[2]):F3} | "
            + $"float32 fit / mixed **{ratioFit:F2}x** (target 1.8) | raw / mixed **{ratioRaw:F2}x** (target 1.6) |");
        mixed.Dispose();
        f32.Dispose();
        raw.Dispose();
    }

    /// <summary>What the hardware gives: a 1024x1024 matmul in float32 and in bfloat16 (GFLOP/s, interleaved, median of rounds).</summary>
    static void MatmulRate(bool quick)
    {
        const int n = 1024;
        using var a32 = randn(n, n);
        using var b32 = randn(n, n);
        using var a16 = a32.to(ScalarType.BFloat16);
        using var b16 = b32.to(ScalarType.BFloat16);
        double Time(Tensor a, Tensor b)
        {
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < 5; i++) { using var c = a.matmul(b); }
            return 2.0 * n * n * n * 5 / sw.Elapsed.TotalSeconds / 1e9;
        }
        Time(a32, b32);
        Time(a16, b16);
        var r32 = new List<double>();
        var r16 = new List<double>();
        for (int r = 0; r < (quick ? 5 : 15); r++)
        {
            if (r % 2 == 0) { r32.Add(Time(a32, b32)); r16.Add(Time(a16, b16)); }
            else { r16.Add(Time(a16, b16)); r32.Add(Time(a32, b32)); }
        }
        Console.WriteLine($"| matmul {n}x{n} | float32 {Median(r32):F1} GFLOP/s | bfloat16 {Median(r16):F1} GFLOP/s | bf16 / f32 **{Median(r16.Zip(r32, (h, f) => h / f)):F2}x** |");
    }

    static double Median(IEnumerable<double> xs) { var s = xs.Order().ToArray(); return s[s.Length / 2]; }

    public static void Run(Tensor mnistX, Tensor mnistY, Tensor digitsX, Tensor digitsY, bool quick)
    {
        var flags = Bf16Flags();
        Console.WriteLine($"mixed precision: CPU bf16 flags: {flags}");
        if (flags is "none" or "unknown")
            Console.WriteLine("  no fast bfloat16 on this CPU: no speed-up is expected from mixed_bfloat16 here (results stay the same).");
        MatmulRate(quick);
        int[] widths = [784, 512, 512, 10];
        var onehot = to_categorical(mnistY, 10);
        ThreeWay($"784-512-512-10, batch 128", () => Model("mixed_bfloat16", widths), () => Model("float32", widths),
            () => new RawLoop(RawLoop.Mlp(widths), mnistX, mnistY, 128), mnistX, onehot, 128, quick ? 3 : 9);

        // The CNN case: ConvCases's LeNet-5 on 2048 random 32x32x1 images, batch 64, one epoch per run.
        var (nhwc, nchw, labels) = ConvCases.Images(2048, 32, 32, 1);
        var lenetOnehot = to_categorical(labels, 10);
        ThreeWay("LeNet-5 32x32x1 (2048 images), batch 64", () => Under("mixed_bfloat16", ConvCases.LeNet), () => Under("float32", ConvCases.LeNet),
            () => new RawLoop(ConvCases.RawLeNet(), nchw, labels, 64), nhwc, lenetOnehot, 64, quick ? 3 : 9);

        var digitsOnehot = to_categorical(digitsY, 10);
        foreach (var policy in new[] { "float32", "mixed_bfloat16" })
        {
            set_random_seed(1234);
            var m = Model(policy, [64, 256, 256, 10]);
            var h = m.fit(digitsX, digitsOnehot, epochs: 20, batch_size: 64, verbose: 0);
            var acc = m.evaluate(digitsX, digitsOnehot, verbose: 0);
            Console.WriteLine($"| digits 64-256-256-10, 20 epochs | {policy} | last epoch accuracy {h.history["accuracy"][^1]:F4} | evaluate {string.Join(", ", acc.Select(kv => $"{kv.Key} {kv.Value:F4}"))} |");
            m.Dispose();
        }
    }
}
