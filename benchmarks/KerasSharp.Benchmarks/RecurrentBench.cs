using System.Diagnostics;
using KerasSharp.Models;
using TorchSharp;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

/// <summary>
/// Embedding(1000, 32) + LSTM(64) + Dense(1, sigmoid) on sequences of 50 token ids, batch 64: fit against a
/// hand-written TorchSharp loop with nn.Embedding, nn.LSTM (batch first) and a Linear head, Adam 1e-3,
/// binary_cross_entropy_with_logits; alternated rounds as the other cases, then memory over 100 epochs of fit.
/// </summary>
static class RecurrentBench
{
    const int Vocab = 1000, Dim = 32, Units = 64, T = 50, Batch = 64, N = 2048;

    public static void Run(bool quick)
    {
        var x = randint(1, Vocab, new long[] { N, T });
        var y = x.select(1, 0).lt(Vocab / 2).to_type(ScalarType.Float32).unsqueeze(1);
        var model = Sequential([InputLayer(shape: [T]), Embedding(Vocab, Dim), LSTM(Units), Dense(1, activation: "sigmoid")]);
        model.compile(loss: "binary_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        using var raw = new RawLstm(x, y);
        int epochs = 1, rounds = quick ? 3 : 11;
        long steps = (N + Batch - 1) / Batch * epochs;
        model.fit(x, y, epochs: 1, batch_size: Batch, verbose: 0);
        raw.Train(1);
        var fit = new List<double>();
        var rawTimes = new List<double>();
        for (int round = 0; round < rounds; round++)
            for (int side = 0; side < 2; side++)
            {
                bool fitSide = (side == 0) == (round % 2 == 0);
                GC.Collect();
                var sw = Stopwatch.StartNew();
                if (fitSide) model.fit(x, y, epochs: epochs, batch_size: Batch, verbose: 0);
                else raw.Train(epochs);
                (fitSide ? fit : rawTimes).Add(sw.Elapsed.TotalMilliseconds / steps);
            }
        var ratios = fit.Zip(rawTimes, (f, r) => f / r).Order().ToArray();
        double Med(IEnumerable<double> v) { var a = v.Order().ToArray(); return a[a.Length / 2]; }
        Console.WriteLine($"| Embedding + LSTM(64), T=50, batch 64 | {steps} | {rounds} | {Med(rawTimes):F2} | {Med(fit):F2} | **{Med(ratios):F3}** | {ratios[ratios.Length / 4]:F2}-{ratios[3 * ratios.Length / 4]:F2} |");

        // Memory: 100 epochs of fit (in 4 calls of 25), live tensors and RSS after each.
        int memEpochs = quick ? 20 : 100;
        for (int call = 0; call < 4; call++)
        {
            model.fit(x.narrow(0, 0, 256), y.narrow(0, 0, 256), epochs: memEpochs / 4, batch_size: Batch, verbose: 0);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Console.WriteLine($"  memory after {(call + 1) * memEpochs / 4} epochs: {torch.Tensor.TotalCount} live tensors, RSS {File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS")).Split(':')[1].Trim()}");
        }
    }

    sealed class RawLstm : IDisposable
    {
        readonly TorchSharp.Modules.Embedding _emb = nn.Embedding(Vocab, Dim);
        readonly TorchSharp.Modules.LSTM _lstm = nn.LSTM(Dim, Units, batchFirst: true);
        readonly TorchSharp.Modules.Linear _head = nn.Linear(Units, 1);
        readonly optim.Optimizer _opt;
        readonly Tensor _x, _y;

        public RawLstm(Tensor x, Tensor y)
        {
            _x = x;
            _y = y;
            _opt = optim.Adam(_emb.parameters().Concat(_lstm.parameters()).Concat(_head.parameters()), lr: 1e-3);
        }

        public void Train(int epochs)
        {
            long n = _x.shape[0];
            using var lossSum = zeros(1);
            for (int e = 0; e < epochs; e++)
            {
                using var epochScope = NewDisposeScope();
                lossSum.zero_();
                var order = randperm(n);
                for (long start = 0; start < n; start += Batch)
                {
                    using var stepScope = NewDisposeScope();
                    long size = Math.Min(Batch, n - start);
                    var idx = order.narrow(0, start, size);
                    var (seq, _, _) = _lstm.call(_emb.call(_x.index_select(0, idx)));
                    var logits = _head.call(seq.select(1, -1));
                    var loss = nn.functional.binary_cross_entropy_with_logits(logits, _y.index_select(0, idx));
                    _opt.zero_grad();
                    loss.backward();
                    _opt.step();
                    using (no_grad()) lossSum.add_(loss.detach(), alpha: size);
                }
                _ = lossSum.item<float>();
            }
        }

        public void Dispose()
        {
            _opt.Dispose();
            _emb.Dispose();
            _lstm.Dispose();
            _head.Dispose();
        }
    }
}
