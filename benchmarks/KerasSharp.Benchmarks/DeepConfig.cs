using System.Diagnostics;
using KerasSharp.Models;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;

/// <summary>
/// Saving and loading a Sequential of many small layers (InputLayer + N × Dense(1)): each phase should take time
/// linear in N (issue 13: a config of 60,000 layers took 27 s to load). Prints ms per phase and µs per layer.
/// </summary>
static class DeepConfig
{
    public static void Run(bool quick)
    {
        var dir = Path.Combine(Path.GetTempPath(), "kerassharp-deep-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            Console.WriteLine("Deep configs: Sequential(InputLayer([1]), N x Dense(1)), one run each (after a warm-up at N = 500):");
            Measure(500, dir, print: false);
            foreach (int n in quick ? new[] { 2500, 5000, 10000 } : new[] { 5000, 10000, 20000, 60000 }) Measure(n, dir, print: true);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    static void Measure(int n, string dir, bool print)
    {
        var path = Path.Combine(dir, $"deep{n}.keras");
        var sw = Stopwatch.StartNew();
        var model = new Sequential([InputLayer(shape: [1])]);
        for (int i = 0; i < n; i++) model.add(Dense(1), rebuild: i == n - 1);
        double build = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        model.save(path);
        double save = sw.Elapsed.TotalMilliseconds;
        model.Dispose();
        sw.Restart();
        var loaded = load_model(path);
        double load = sw.Elapsed.TotalMilliseconds;
        if (loaded.layers.Count != n) throw new InvalidOperationException($"loaded {loaded.layers.Count} layers, expected {n}");
        loaded.Dispose();
        File.Delete(path);
        if (print)
            Console.WriteLine($"  N = {n}: build {build:F0} ms ({build * 1000 / n:F1} us/layer), save {save:F0} ms ({save * 1000 / n:F1} us/layer), "
                + $"load_model {load:F0} ms ({load * 1000 / n:F1} us/layer)");
    }
}
