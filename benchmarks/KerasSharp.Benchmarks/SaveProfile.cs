// `--case save`: what one model.save / save_weights costs on the calling thread for the callbacks case's model
// (4-256-256-256-3 with Adam: 1.6 MB of weights and slots), the work ModelCheckpoint(save_best_only) repeats at every
// improvement: wall and process CPU time per save, managed bytes allocated per save and blocking collections.

using System.Diagnostics;
using static TorchSharp.torch;

static class SaveProfile
{
    public static void Run(Tensor x, Tensor onehot, bool quick)
    {
        using var model = Bench.KerasModel([4, 256, 256, 256, 3]);
        model.fit(x, onehot, epochs: 2, batch_size: 30, verbose: 0);
        var dir = Path.Combine(Path.GetTempPath(), "kerassharp-save-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        int n = quick ? 20 : 200;
        foreach (var kind in new[] { "keras", "weights.h5", "keras", "weights.h5" })
        {
            var path = Path.Combine(dir, "m." + kind);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            int gen2 = GC.CollectionCount(2);
            long allocated = GC.GetTotalAllocatedBytes(true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < n; i++)
                if (kind == "keras") model.save(path);
                else model.save_weights(path);
            sw.Stop();
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            Console.WriteLine($"  save .{kind}: {sw.Elapsed.TotalMilliseconds / n:F2} ms wall, {cpuMs / n:F2} ms process CPU per save, "
                + $"{(GC.GetTotalAllocatedBytes(true) - allocated) / (double)n / 1e6:F2} MB allocated per save, "
                + $"{(GC.CollectionCount(2) - gen2) / (double)n:F2} gen-2 collections per save; file {new FileInfo(path).Length / 1e6:F2} MB");
        }
        Directory.Delete(dir, recursive: true);
    }
}
