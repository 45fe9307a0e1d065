using KerasSharp.Models;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.optimizers;
using static KerasSharp.keras.utils;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

/// <summary>
/// Bad input gets a .NET exception that names the bad value and what was expected, and the model is unchanged and
/// still trains afterwards.
/// </summary>
public sealed class BadInputTests : TorchTest
{
    readonly Tensor _x = randn(30, 4);
    readonly Tensor _labels = arange(30).remainder(3);

    static Sequential Compiled(string loss = "categorical_crossentropy")
    {
        var model = Sequential([InputLayer(shape: [4]), Dense(8, activation: "relu"), Dense(3, activation: "softmax")]);
        model.compile(loss: loss, optimizer: "adam", metrics: ["accuracy"]);
        return model;
    }

    /// <summary>Runs a refused call, then checks the weights did not move and the model still trains.</summary>
    T Refused<T>(Sequential model, Action call) where T : Exception
    {
        var before = model.get_weights();
        var e = Assert.Throws<T>(call);
        var after = model.get_weights();
        Assert.Equal(before.Count, after.Count);
        for (int i = 0; i < before.Count; i++) Assert.True(before[i].eq(after[i]).all().item<bool>(), $"weight {i} changed");
        var h = model.fit(_x, model.loss is KerasSharp.Losses.SparseCategoricalCrossentropy ? _labels : to_categorical(_labels), epochs: 2, verbose: 0);
        Assert.All(h.history["loss"], l => Assert.True(double.IsFinite(l)));
        Assert.False(model.get_weights()[0].eq(before[0]).all().item<bool>(), "the model no longer trains");
        return e;
    }

    [Fact]
    public void UnknownNames_ListTheValidOnes()
    {
        var opt = Assert.Throws<ArgumentException>(() => Compiled().compile(loss: "mse", optimizer: "adamm"));
        Assert.Contains("'adamm'", opt.Message);
        Assert.Contains("rmsprop", opt.Message);
        var loss = Assert.Throws<ArgumentException>(() => Compiled().compile(loss: "categorical_crossentropyy", optimizer: "adam"));
        Assert.Contains("'categorical_crossentropyy'", loss.Message);
        Assert.Contains("sparse_categorical_crossentropy", loss.Message);
        var metric = Assert.Throws<ArgumentException>(() => Compiled().compile(loss: "mse", metrics: ["accuracyy"]));
        Assert.Contains("'accuracyy'", metric.Message);
        Assert.Contains("binary_accuracy", metric.Message);
        Assert.Equal("adam", ((KerasSharp.Optimizers.Optimizer)"ADAM").name[..4]);   // optimizer names are case-insensitive
    }

    [Fact]
    public void FitBeforeCompile_IsAnInvalidOperation()
    {
        var model = Sequential([InputLayer(shape: [4]), Dense(3)]);
        var e = Assert.Throws<InvalidOperationException>(() => model.fit(_x, _labels, verbose: 0));
        Assert.Contains("compile()", e.Message);
        Assert.Throws<InvalidOperationException>(() => model.evaluate(_x, _labels, verbose: 0));
    }

    [Fact]
    public void SampleCountMismatch()
    {
        var model = Compiled();
        var e = Refused<ArgumentException>(model, () => model.fit(_x, to_categorical(_labels)[..20], verbose: 0));
        Assert.Contains("30", e.Message);
        Assert.Contains("20", e.Message);
    }

    [Fact]
    public void FeatureSizeNotMatchingTheInputShape()
    {
        var model = Compiled();
        var e = Refused<ArgumentException>(model, () => model.fit(randn(30, 5), to_categorical(_labels), verbose: 0));
        Assert.Contains("(None, 4)", e.Message);
        Assert.Contains("(30, 5)", e.Message);
        Assert.Throws<ArgumentException>(() => model.predict(randn(2, 5), verbose: 0));
    }

    [Fact]
    public void LabelWidthNotMatchingTheOutput()
    {
        var model = Compiled();
        var e = Refused<ArgumentException>(model, () => model.fit(_x, to_categorical(_labels, num_classes: 4), verbose: 0));
        Assert.Contains("(1, 4)", e.Message);
        Assert.Contains("(1, 3)", e.Message);
        var mse = Compiled("mse");
        var e2 = Refused<ArgumentException>(mse, () => mse.fit(_x, randn(30, 1), verbose: 0));   // would broadcast silently
        Assert.Contains("same shape", e2.Message);
    }

    [Fact]
    public void SparseLabelsOutOfRange()
    {
        var model = Compiled("sparse_categorical_crossentropy");
        var bad = _labels.clone();
        bad[7] = tensor(3L);
        var e = Refused<ArgumentException>(model, () => model.fit(_x, bad, verbose: 0));
        Assert.Contains("[0, 2]", e.Message);
        Assert.Contains("3", e.Message);
        var negative = _labels.clone();
        negative[0] = tensor(-1L);
        Refused<ArgumentException>(model, () => model.fit(_x, negative, verbose: 0));
        Refused<ArgumentException>(model, () => model.evaluate(_x, negative, verbose: 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void NonPositiveBatchSize(int batch)
    {
        var model = Compiled();
        var e = Refused<ArgumentException>(model, () => model.fit(_x, to_categorical(_labels), batch_size: batch, verbose: 0));
        Assert.Contains($"batch_size={batch}", e.Message);
        Assert.Throws<ArgumentException>(() => model.predict(_x, batch_size: batch, verbose: 0));
    }

    [Fact]
    public void ValidationSplitOutsideTheUnitInterval()
    {
        var model = Compiled();
        var e = Refused<ArgumentException>(model, () => model.fit(_x, to_categorical(_labels), validation_split: 1.5, verbose: 0));
        Assert.Contains("validation_split=1.5", e.Message);
    }

    [Fact]
    public void NonFiniteInputs_AreRefused_WithTheirPosition()
    {
        var model = Compiled();
        var x = _x.clone();
        x[3, 2] = tensor(float.NaN);
        var e = Refused<ArgumentException>(model, () => model.fit(x, to_categorical(_labels), verbose: 0));
        Assert.Contains("NaN or infinite", e.Message);
        Assert.Contains("[3, 2]", e.Message);
        var y = to_categorical(_labels).to_type(ScalarType.Float32);
        y[0, 0] = tensor(float.PositiveInfinity);
        Refused<ArgumentException>(model, () => model.fit(_x, y, verbose: 0));
        Assert.Throws<ArgumentException>(() => model.predict(x, verbose: 0));
    }

    [Fact]
    public void UnsupportedOrNullData()
    {
        var model = Compiled();
        Refused<ArgumentNullException>(model, () => model.fit(null, _labels, verbose: 0));
        var e = Refused<ArgumentException>(model, () => model.fit("data.csv", _labels, verbose: 0));
        Assert.Contains("string", e.Message);
        var ragged = Refused<ArgumentException>(model, () => model.fit(new[] { new double[] { 1, 2, 3, 4 }, new double[] { 1 } }, new[] { 0, 1 }, verbose: 0));
        Assert.Contains("ragged", ragged.Message);
    }

    [Fact]
    public void BadVerboseEpochsAndOptimizerArguments()
    {
        var model = Compiled();
        Assert.Contains("verbose=3", Refused<ArgumentException>(model, () => model.fit(_x, to_categorical(_labels), verbose: 3)).Message);
        Assert.Contains("epochs=-1", Refused<ArgumentException>(model, () => model.fit(_x, to_categorical(_labels), epochs: -1, verbose: 0)).Message);
        Assert.Contains("learning_rate=-0.1", Assert.Throws<ArgumentException>(() => Adam(learning_rate: -0.1)).Message);
        Assert.Contains("beta_1=1", Assert.Throws<ArgumentException>(() => Adam(beta_1: 1.0)).Message);
        Assert.Contains("momentum=1.5", Assert.Throws<ArgumentException>(() => SGD(momentum: 1.5)).Message);
    }
}
