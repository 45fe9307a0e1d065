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

    public static void Run(Tensor mnistX, Tensor mnistY, Tensor digitsX, Tensor digitsY, bool quick)
    {
        var flags = Bf16Flags();
        Console.WriteLine($"mixed precision: CPU bf16 flags: {flags}");
        if (flags is "none" or "unknown")
            Console.WriteLine("  no fast bfloat16 on this CPU: no speed-up is expected from mixed_bfloat16 here (results stay the same).");
        int[] widths = [784, 512, 512, 10];
        var onehot = to_categorical(mnistY, 10);
        var mixed = Model("mixed_bfloat16", widths);
        var f32 = Model("float32", widths);
        var raw = new RawLoop(RawLoop.Mlp(widths), mnistX, mnistY, 128);
        mixed.fit(mnistX, onehot, epochs: 1, batch_size: 128, verbose: 0);
        f32.fit(mnistX, onehot, epochs: 1, batch_size: 128, verbose: 0);
        raw.Train(1);
        var times = new List<double>[] { new(), new(), new() };
        long steps = (mnistX.shape[0] + 127) / 128;
        int rounds = quick ? 3 : 9;
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < 3; k++)
            {
                int side = (k + round) % 3;
                GC.Collect();
                var sw = Stopwatch.StartNew();
                if (side == 0) mixed.fit(mnistX, onehot, epochs: 1, batch_size: 128, verbose: 0);
                else if (side == 1) f32.fit(mnistX, onehot, epochs: 1, batch_size: 128, verbose: 0);
                else raw.Train(1);
                times[side].Add(sw.Elapsed.TotalMilliseconds / steps);
            }
        }
        double Median(IEnumerable<double> xs) { var s = xs.Order().ToArray(); return s[s.Length / 2]; }
        var ratioFit = Median(times[1].Zip(times[0], (f, m) => f / m));
        var ratioRaw = Median(times[2].Zip(times[0], (r, m) => r / m));
        Console.WriteLine($"| 784-512-512-10, batch 128, {rounds} rounds | mixed_bfloat16 fit {Median(times[0]):F3} ms/step | float32 fit {Median(times[1]):F3} | raw float32 {Median(times[2]):F3} | "
            + $"float32 fit / mixed **{ratioFit:F2}x** (target 1.8) | raw / mixed **{ratioRaw:F2}x** (target 1.6) |");
        mixed.Dispose();
        f32.Dispose();
        raw.Dispose();

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
