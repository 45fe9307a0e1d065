// `--case callbacks-epochs`: where ModelCheckpoint(save_best_only)'s cost lands in the callbacks case's fits. Times every
// epoch (on_epoch_begin to the first on_epoch_end, so the checkpoint's own hook is outside it) in alternating fits
// with and without the checkpoint, and sorts the epochs into those right after an improvement (a save), the second
// after, and the others; the same positions are counted in the plain fits for comparison.
// KERASSHARP_BENCH_IN_PLACE=1 saves on the training thread (save_on_background: false).

using System.Diagnostics;
using KerasSharp.Callbacks;
using static TorchSharp.torch;

static class CallbackEpochs
{
    public static void Run(Tensor x, Tensor onehot)
    {
        using var model = Bench.KerasModel([4, 256, 256, 256, 3]);
        var dir = Path.Combine(Path.GetTempPath(), "kerassharp-ep-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        for (int w = 0; w < 6; w++) model.fit(x, onehot, epochs: 10, batch_size: 30, verbose: 0, validation_split: 0.3);
        var stats = new Dictionary<string, List<double>>();
        void Add(string k, double v) { if (!stats.TryGetValue(k, out var l)) stats[k] = l = new(); l.Add(v); }
        for (int round = 0; round < 16; round++)
            foreach (bool withCk in round % 2 == 0 ? new[] { true, false } : new[] { false, true })
            {
                var epochMs = new List<double>();
                var saved = new List<int>();
                double best = double.PositiveInfinity;
                long t0 = 0;
                var probe = new LambdaCallback(
                    on_epoch_begin: (_, _) => t0 = Stopwatch.GetTimestamp(),
                    on_epoch_end: (e, logs) => { epochMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds); if (logs!["val_loss"] < best) { best = logs["val_loss"]; saved.Add(e); } });
                Callback[] cbs = withCk ? [probe, new ModelCheckpoint(Path.Combine(dir, "b.keras"), save_best_only: true, save_on_background: Environment.GetEnvironmentVariable("KERASSHARP_BENCH_IN_PLACE") is null)] : [probe];
                var sw = Stopwatch.StartNew();
                model.fit(x, onehot, epochs: 100, batch_size: 30, verbose: 0, validation_split: 0.3, callbacks: cbs);
                Add(withCk ? "fit with" : "fit plain", sw.Elapsed.TotalMilliseconds);
                for (int e = 0; e < epochMs.Count; e++)
                {
                    string kind = saved.Contains(e - 1) ? "after save" : saved.Contains(e - 2) ? "2nd after save" : "other";
                    Add($"{(withCk ? "with" : "plain")} {kind}", epochMs[e]);
                }
                Add(withCk ? "saves" : "improvements plain", saved.Count);
            }
        foreach (var (k, v) in stats.OrderBy(p => p.Key))
            Console.WriteLine($"  {k}: n {v.Count}, mean {v.Average():F3}, median {v.Order().ElementAt(v.Count / 2):F3}, p90 {v.Order().ElementAt(v.Count * 9 / 10):F3}, p99 {v.Order().ElementAt(v.Count * 99 / 100):F3}, max {v.Max():F1}");
        Directory.Delete(dir, true);
    }
}
