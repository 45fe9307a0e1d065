using System;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Models;
using KerasSharp.Optimizers;
using Xunit;
using static KerasSharp.Tests.Losses.Numerics;

namespace KerasSharp.Tests.Losses;

/// <summary>
/// Loss identifiers (keras/src/losses/__init__.py <c>get</c>: exact, case-sensitive names and aliases) and the errors for
/// bad arguments and labels: each an <see cref="ArgumentException"/> that names the bad value.
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class LossValidationTests
{
    [Theory]
    [InlineData("mean_squared_error", typeof(MeanSquaredError))]
    [InlineData("MeanSquaredError", typeof(MeanSquaredError))]
    [InlineData("mse", typeof(MeanSquaredError))]
    [InlineData("MSE", typeof(MeanSquaredError))]
    [InlineData("mae", typeof(MeanAbsoluteError))]
    [InlineData("MAE", typeof(MeanAbsoluteError))]
    [InlineData("mape", typeof(MeanAbsolutePercentageError))]
    [InlineData("MAPE", typeof(MeanAbsolutePercentageError))]
    [InlineData("msle", typeof(MeanSquaredLogarithmicError))]
    [InlineData("MSLE", typeof(MeanSquaredLogarithmicError))]
    [InlineData("kld", typeof(KLDivergence))]
    [InlineData("KLD", typeof(KLDivergence))]
    [InlineData("kl_divergence", typeof(KLDivergence))]
    [InlineData("bce", typeof(BinaryCrossentropy))]
    [InlineData("BCE", typeof(BinaryCrossentropy))]
    [InlineData("binary_crossentropy", typeof(BinaryCrossentropy))]
    [InlineData("categorical_crossentropy", typeof(CategoricalCrossentropy))]
    [InlineData("CategoricalCrossentropy", typeof(CategoricalCrossentropy))]
    [InlineData("sparse_categorical_crossentropy", typeof(SparseCategoricalCrossentropy))]
    [InlineData("log_cosh", typeof(LogCosh))]
    [InlineData("LogCosh", typeof(LogCosh))]
    [InlineData("huber", typeof(Huber))]
    [InlineData("Huber", typeof(Huber))]
    [InlineData("poisson", typeof(Poisson))]
    [InlineData("cosine_similarity", typeof(CosineSimilarity))]
    [InlineData("hinge", typeof(Hinge))]
    [InlineData("squared_hinge", typeof(SquaredHinge))]
    [InlineData("categorical_hinge", typeof(CategoricalHinge))]
    public void KnownNames_ResolveAndKeepTheGivenName(string identifier, Type type)
    {
        var loss = Loss.get(identifier);
        Assert.IsType(type, loss);
        Assert.Equal(identifier, loss.name);
        Assert.Equal("sum_over_batch_size", loss.reduction);
        Loss implicitly = identifier;
        Assert.IsType(type, implicitly);
    }

    [Theory]
    [InlineData("Mse")]
    [InlineData("logcosh")]
    [InlineData("huber_loss")]
    [InlineData("Binary_Crossentropy")]
    [InlineData("crossentropy_loss")]
    [InlineData("")]
    public void UnknownNames_ThrowAndListTheValidOnes(string identifier)
    {
        var e = Assert.Throws<ArgumentException>(() => Loss.get(identifier));
        Assert.Contains($"'{identifier}'", e.Message);
        Assert.Contains("mean_squared_error", e.Message);
        Assert.Contains("log_cosh", e.Message);
        Assert.Contains("huber", e.Message);
        Assert.Throws<ArgumentException>(() => { Loss l = identifier; });
    }

    [Fact]
    public void InvalidReduction_NamesTheValue()
    {
        var e = Assert.Throws<ArgumentException>(() => new MeanSquaredError(reduction: "avg"));
        Assert.Contains("'avg'", e.Message);
        Assert.Contains("sum_over_batch_size", e.Message);
        Assert.Throws<ArgumentException>(() => new CategoricalCrossentropy(reduction: "Sum"));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void LabelSmoothingOutsideZeroOne_NamesTheValue(double s)
    {
        var e = Assert.Throws<ArgumentException>(() => new CategoricalCrossentropy(label_smoothing: s));
        Assert.Contains($"label_smoothing={s}", e.Message);
        e = Assert.Throws<ArgumentException>(() => new BinaryCrossentropy(label_smoothing: s));
        Assert.Contains($"label_smoothing={s}", e.Message);
    }

    [Fact]
    public void LabelSmoothingBoundsAreAccepted()
    {
        Assert.Equal(1.0, new CategoricalCrossentropy(label_smoothing: 1.0).label_smoothing);
        Assert.Equal(0.0, new BinaryCrossentropy(label_smoothing: 0.0).label_smoothing);
    }

    [Fact]
    public void OneHotWidthDifferentFromOutputs_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new CategoricalCrossentropy().compute(T(new double[,] { { 0, 1, 0, 0 }, { 1, 0, 0, 0 } }), T(new double[,] { { 0.2, 0.5, 0.3 }, { 0.1, 0.1, 0.8 } })));
        Assert.Contains("(2, 4)", e.Message);
        Assert.Contains("(2, 3)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new BinaryCrossentropy().compute(T(new double[,] { { 0, 1 } }), T(new double[,] { { 0.2, 0.5, 0.3 } })));
        Assert.Contains("(1, 2)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new MeanSquaredError().compute(T(1, 2, 3), T(1, 2)));
        Assert.Contains("(3,)", e.Message);
        Assert.Contains("(2,)", e.Message);
    }

    static readonly double[,] P = { { 0.2, 0.5, 0.3 }, { 0.1, 0.1, 0.8 } };

    [Fact]
    public void SparseLabelOutOfRange_NamesTheLabel()
    {
        var e = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().compute(L(0, 3), T(P)));
        Assert.Contains("3 output classes", e.Message);
        Assert.Contains("to 3", e.Message);
    }

    [Fact]
    public void SparseLabelNegative_NamesTheLabel()
    {
        var e = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().compute(L(-1, 2), T(P)));
        Assert.Contains("-1", e.Message);
        // but a negative ignore_class is fine
        Close(-Math.Log(0.8), new SparseCategoricalCrossentropy(ignore_class: -1).compute(L(-1, 2), T(P)));
    }

    [Fact]
    public void SparseLabelFractional_NamesTheLabel()
    {
        var e = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().compute(T(0, 1.5), T(P)));
        Assert.Contains("fractional", e.Message);
        Assert.Contains("1.5", e.Message);
    }

    [Fact]
    public void SparseLabelsOfTheWrongShape_Throw()
    {
        var e = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().compute(L(0, 1, 2), T(P)));
        Assert.Contains("(3,)", e.Message);
        Assert.Contains("(2, 3)", e.Message);
        Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().compute(T(P), T(P)));
    }

    static Sequential SoftmaxModel() => new(new Layer[] { keras.layers.Input(shape: new[] { 2 }), keras.layers.Dense(3, activation: "softmax") });

    [Fact]
    public void Fit_RefusesOneHotLabelsOfTheWrongWidth()
    {
        var model = SoftmaxModel();
        model.compile(new SGD(learning_rate: 0.0), "categorical_crossentropy");
        var x = new double[,] { { 1, 2 }, { 3, 4 } };
        var e = Assert.Throws<ArgumentException>(() => model.fit(x, new double[,] { { 0, 1, 0, 0 }, { 1, 0, 0, 0 } }, verbose: 0));
        Assert.Contains("(1, 4)", e.Message);   // checked on the first sample: y_true.shape=(1, 4)
        Assert.Contains("(None, 3)", e.Message);
    }

    [Fact]
    public void Fit_RefusesSparseLabelsOutOfRange()
    {
        var model = SoftmaxModel();
        model.compile(new SGD(learning_rate: 0.0), "sparse_categorical_crossentropy");
        var x = new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } };
        var e = Assert.Throws<ArgumentException>(() => model.fit(x, new[] { 0, 1, 3 }, verbose: 0));
        Assert.Contains("to 3", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.evaluate(x, new[] { 0, -2, 1 }, verbose: 0));
        Assert.Contains("-2", e.Message);
    }
}
