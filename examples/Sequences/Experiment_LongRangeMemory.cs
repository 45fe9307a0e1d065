using KerasSharp.Callbacks;
using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Plotting;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Examples.Sequences;

/// <summary>
/// The chapter's point as an experiment: sequences of T = 50 steps whose label is decided by the first steps only: the
/// first feature is the label's sign (±1) on steps 0-2 and Gaussian noise on every later step, the second feature
/// flags the first steps. A model must carry that bit across
/// 47 noisy steps: LSTM and GRU learn it, a SimpleRNN of the same width stays near chance, since its gradient back to
/// the first steps is a product of 47 tanh' factors and recurrent matrices.
/// </summary>
public static class Experiment_LongRangeMemory
{
    /// <summary>The task's constants.</summary>
    public const int T = 50, Features = 2, Signal = 3, Units = 8, Epochs = 20, BatchSize = 32;

    /// <summary>n sequences (n, T, 2) and their 0/1 labels (n, 1), reproducible from <paramref name="seed"/>.</summary>
    public static (Tensor x, Tensor y) Data(int n, int seed)
    {
        using var _ = no_grad();
        var g = new Generator((ulong)seed);
        // Feature 0: the label's sign (±1) on the first steps, Gaussian noise after; feature 1: 1 on the first steps, 0 after.
        var sign = randint(0, 2, new long[] { n, 1 }, generator: g).to_type(ScalarType.Float32);
        var x = zeros(n, T, Features);
        x.select(2, 0).copy_(randn(new long[] { n, T }, generator: g));
        x.narrow(1, 0, Signal).select(2, 0).copy_(sign.mul(2).sub(1).expand(n, Signal));
        x.narrow(1, 0, Signal).select(2, 1).fill_(1);
        return (x, sign);
    }

    /// <summary>Input, one recurrent layer of <see cref="Units"/> units, a sigmoid unit.</summary>
    public static Sequential Model(string kind)
    {
        Layer rnn = kind switch
        {
            "LSTM" => LSTM(Units),
            "GRU" => GRU(Units),
            "SimpleRNN" => SimpleRNN(Units),
            _ => throw new ArgumentException($"Unknown recurrent layer '{kind}'; expected LSTM, GRU or SimpleRNN.", nameof(kind)),
        };
        var model = Sequential([InputLayer(shape: [T, Features]), rnn, Dense(1, activation: "sigmoid")]);
        model.compile(loss: "binary_crossentropy", optimizer: keras.optimizers.Adam(learning_rate: 0.01), metrics: ["accuracy"]);
        return model;
    }

    /// <summary>Trains the three models on the same data; returns each one's History.</summary>
    public static Dictionary<string, History> Train(int trainSize = 1024, int validationSize = 256, int epochs = Epochs, int seed = 0)
    {
        var (x, y) = Data(trainSize, seed);
        var (xv, yv) = Data(validationSize, seed + 1);
        var result = new Dictionary<string, History>();
        foreach (var kind in new[] { "LSTM", "GRU", "SimpleRNN" })
        {
            keras.utils.set_random_seed(seed);
            using var model = Model(kind);
            result[kind] = model.fit(x, y, epochs: epochs, batch_size: BatchSize, validation_data: (xv, yv), verbose: 0);
        }
        return result;
    }

    /// <summary>Runs the experiment: prints the final accuracies and writes <c>long_range_memory.png</c>.</summary>
    public static void Run(string figuresDir)
    {
        Console.WriteLine($"Experiment: the label is in the first {Signal} of T = {T} steps");
        var histories = Train();
        var fig = new Figure(12, 4);
        var loss = fig.Subplot(1, 2, 1);
        var acc = fig.Subplot(1, 2, 2);
        foreach (var (kind, h) in histories)
        {
            Console.WriteLine($"  {kind,-9} val_accuracy {h.history["val_accuracy"][^1]:F3}  val_loss {h.history["val_loss"][^1]:F3}");
            var epochs = Enumerable.Range(1, h.history["loss"].Count).Select(e => (double)e).ToArray();
            loss.Plot(epochs, h.history["val_loss"], label: kind);
            acc.Plot(epochs, h.history["val_accuracy"], label: kind);
        }
        loss.Title = "validation loss";
        acc.Title = "validation accuracy";
        foreach (var p in new[] { loss, acc })
        {
            p.XLabel = "epoch";
            p.Grid = true;
            p.Legend = true;
        }
        string png = fig.SavePng(Path.Combine(figuresDir, "long_range_memory.png"));
        Console.WriteLine($"  wrote {Path.GetFileName(png)}");
    }
}
