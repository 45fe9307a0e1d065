// `--case densepath`: issue 12's compute-bound path on the mnist-sized MLP (784-512-512-10, batch 128), as raw
// TorchSharp training steps that differ only in the Dense forward: x·W then + b (Keras's torch Dense: ops.matmul then
// ops.add) against one fused addmm(b, x, W), and relu into a new tensor against relu_ in place on the addmm result
// (autograd allows it: addmm's backward does not need its output, relu's needs only its own result).

using System.Diagnostics;
using static TorchSharp.torch;

static class DensePath
{
    public static void Run(bool quick)
    {
        int[] widths = [784, 512, 512, 10];
        const int batch = 128;
        var x = randn(batch * 40, 784);
        var y = randint(0, 10, new long[] { batch * 40 });
        var variants = new (string name, bool addmm, bool inplace)[]
        {
            ("matmul + add, relu", false, false), ("addmm, relu", true, false), ("addmm, relu_ in place", true, true),
        };
        var ws = Enumerable.Range(1, widths.Length - 1).Select(i => (randn(widths[i - 1], widths[i]).mul_(0.05).requires_grad_(), zeros(widths[i]).requires_grad_())).ToArray();
        double Step((string name, bool addmm, bool inplace) v)
        {
            var sw = Stopwatch.StartNew();
            for (long start = 0; start < x.shape[0]; start += batch)
            {
                using var scope = NewDisposeScope();
                var h = x.narrow(0, start, batch);
                for (int i = 0; i < ws.Length; i++)
                {
                    var (w, b) = ws[i];
                    h = v.addmm ? addmm(b, h, w, 1, 1) : h.matmul(w).add(b);
                    if (i < ws.Length - 1) h = v.inplace ? h.relu_() : h.relu();
                }
                var loss = nn.functional.cross_entropy(h, y.narrow(0, start, batch));
                loss.backward();
                using (no_grad())
                    foreach (var (w, b) in ws)
                    {
                        w.add_(w.grad!, alpha: -1e-3); b.add_(b.grad!, alpha: -1e-3);
                        w.grad!.zero_(); b.grad!.zero_();
                    }
            }
            return sw.Elapsed.TotalMilliseconds / (x.shape[0] / batch);
        }
        foreach (var v in variants) Step(v);
        int rounds = quick ? 5 : 15;
        var times = variants.Select(_ => new List<double>()).ToArray();
        for (int r = 0; r < rounds; r++)
            for (int k = 0; k < variants.Length; k++)
            {
                int side = (k + r) % variants.Length;
                times[side].Add(Step(variants[side]));
            }
        double Median(IEnumerable<double> xs) { var s = xs.Order().ToArray(); return s[s.Length / 2]; }
        Console.WriteLine($"dense path, 784-512-512-10 batch 128, {rounds} rounds (forward + backward + SGD step, ms/step):");
        for (int k = 0; k < variants.Length; k++)
            Console.WriteLine($"| {variants[k].name} | {Median(times[k]):F3} ms/step | vs matmul + add: **{Median(times[0].Zip(times[k], (a, b) => a / b)):F3}x** |");
    }
}
