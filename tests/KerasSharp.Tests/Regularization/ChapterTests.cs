using KerasSharp.Callbacks;
using KerasSharp.Examples.Regularization;
using Microsoft.Data.Analysis;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Regularization;

/// <summary>
/// The regularization chapter's outcome, as Keras shows it on this data: the plain model overfits (validation loss
/// rises again after a minimum well before epoch 100), early stopping ends 10 epochs after its best epoch with the
/// best weights restored, L2(0.01) on the hidden kernels makes the first epochs' loss several units higher, and a
/// model with Dropout predicts deterministically.
/// </summary>
public sealed class ChapterTests : TorchTest
{
    static (DataFrame X, object y) Data() => Chapter.load(Path.Combine(AppContext.BaseDirectory, "data", "iris.csv"));

    [Fact]
    public void PlainRun_ValidationLossRisesAgainAfterItsMinimum()
    {
        var (X, y) = Data();
        var (_, h) = Chapter.train(X, y, () => Chapter.make_model());
        var val = h.history["val_loss"];
        Assert.Equal(100, val.Count);
        var best = Chapter.best_epoch(h);
        Assert.InRange(best, 5, 70);
        Assert.Equal(val.Min(), val[best - 1]);
        // Overfitting: the last 10 epochs' validation loss is well above the minimum while the training loss keeps falling.
        Assert.True(val.TakeLast(10).Average() > 1.5 * val.Min(), $"min {val.Min()}, last {val[^1]}");
        Assert.True(h.history["loss"][^1] < h.history["loss"][best - 1]);
    }

    [Fact]
    public void L2_MakesTheFirstEpochsLossSeveralUnitsHigher()
    {
        var (X, y) = Data();
        var (_, plain) = Chapter.train(X, y, () => Chapter.make_model(), epochs: 5);
        var (_, l2) = Chapter.train(X, y, () => Chapter.make_model(hidden: () => keras.layers.Dense(256, activation: "relu", kernel_regularizer: keras.regularizers.L2(0.01))), epochs: 5);
        // The penalty at initialisation: 0.01 * Σw² of Glorot-uniform kernels ≈ 0.01 * (4·256·2/260 + 2 · 256·256·2/512) ≈ 5.2.
        for (int e = 0; e < 5; e++)
            Assert.True(l2.history["loss"][e] - plain.history["loss"][e] > 2, $"epoch {e + 1}: {l2.history["loss"][e]} vs {plain.history["loss"][e]}");
        Assert.True(l2.history["loss"][0] - plain.history["loss"][0] > 4);
    }

    [Fact]
    public void Dropout_KeepsPredictAndEvaluateDeterministic()
    {
        var (X, y) = Data();
        var (model, h) = Chapter.train(X, y, () => Chapter.make_model(dropout: 0.2), epochs: 10);
        Assert.Equal(["Dropout", "Dense", "Dropout", "Dense", "Dropout", "Dense", "Dropout", "Dense"], model.layers.Select(l => l.class_name));
        var p1 = model.predict(X, verbose: 0).data<float>().ToArray();
        var p2 = model.predict(X, verbose: 0).data<float>().ToArray();
        Assert.Equal(p1, p2);
        Assert.Equal(model.evaluate(X, y, verbose: 0)["loss"], model.evaluate(X, y, verbose: 0)["loss"]);
    }

    [Fact]
    public void Chapter_SharesNumpysShuffleWithTheOptimizationChapter()
    {
        var (X, _) = Data();
        Assert.Equal(150, X.Rows.Count);
        Assert.Equal(4, X.Columns.Count);
        // np.random.seed(0); np.random.permutation(150)[:5] is [114, 62, 33, 107, 7] in NumPy.
        Assert.Equal(new long[] { 114, 62, 33, 107, 7 }, new NumpyRandom(0).permutation(150).Take(5));
        foreach (var column in X.Columns)
        {
            var v = Enumerable.Range(0, 150).Select(i => Convert.ToDouble(column[i])).ToArray();
            Assert.Equal(0, v.Average(), 5);
            Assert.Equal(1, Math.Sqrt(v.Sum(x => x * x) / 149), 5);
        }
    }

    [Fact]
    public void EarlyStopping_Ends10EpochsAfterItsBest_WithTheBestWeightsRestored()
    {
        var (X, y) = Data();
        var snapshots = new List<List<float[]>>();
        KerasSharp.Models.Sequential? trained = null;
        var record = new LambdaCallback(on_epoch_end: (_, _) => snapshots.Add(trained!.get_weights().Select(w => w.data<float>().ToArray()).ToList()));
        var (model, h) = Chapter.train(X, y, () => trained = Chapter.make_model(),
            callbacks: [record, keras.callbacks.EarlyStopping(monitor: "val_loss", patience: 10, restore_best_weights: true)]);
        var best = Chapter.best_epoch(h);
        Assert.Equal(best + 10, h.history["val_loss"].Count);
        Assert.True(h.history["val_loss"].Count < 100);
        var final = model.get_weights().Select(w => w.data<float>().ToArray()).ToList();
        Assert.Equal(snapshots[best - 1], final);
        Assert.NotEqual(snapshots[^1], final);
    }
}
