using KerasSharp.Losses;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Losses;

/// <summary>compile's "crossentropy"/"ce" shortcut picks the crossentropy from the shapes, as Keras's get_loss does.</summary>
public sealed class AutoCrossentropyTests : TorchTest
{
    static readonly Tensor Probabilities = tensor(new float[,] { { 0.7f, 0.2f, 0.1f }, { 0.1f, 0.3f, 0.6f } });

    [Theory]
    [InlineData("ce")]
    [InlineData("CE")]
    [InlineData("crossentropy")]
    [InlineData("CrossEntropy")]
    public void SparseLabels_GiveSparseCategoricalCrossentropy(string name)
    {
        Loss loss = name;
        Assert.Equal(name, loss.name);
        var labels = tensor(new long[] { 0, 2 });
        // -(log 0.7 + log 0.6) / 2
        Assert.Equal(-(Math.Log(0.7) + Math.Log(0.6)) / 2, loss.compute(labels, Probabilities).item<float>(), 1e-6);
    }

    [Fact]
    public void OneHotLabels_GiveCategoricalCrossentropy_AndBinaryOutputsGiveBinaryCrossentropy()
    {
        Loss categorical = "ce";
        var onehot = tensor(new float[,] { { 0, 1, 0 }, { 0, 0, 1 } });
        Assert.Equal(-(Math.Log(0.2) + Math.Log(0.6)) / 2, categorical.compute(onehot, Probabilities).item<float>(), 1e-6);
        Loss binary = "crossentropy";
        var p = tensor(new float[,] { { 0.9f }, { 0.2f } });
        var y = tensor(new float[] { 1, 0 });
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.8)) / 2, binary.compute(y, p).item<float>(), 1e-6);
    }

    [Fact]
    public void InCompile_TrainsWithTheResolvedLoss()
    {
        var model = keras.models.Sequential([keras.layers.InputLayer(shape: [2]), keras.layers.Dense(3, activation: "softmax")]);
        model.compile(loss: "ce", optimizer: "adam", metrics: ["accuracy"]);
        var h = model.fit(randn(12, 2), arange(12).remainder(3), verbose: 0);
        Assert.Equal(new[] { "accuracy", "loss" }, h.history.Keys);
        var e = Assert.Throws<ArgumentException>(() => model.fit(randn(12, 2), arange(12).remainder(4), verbose: 0));
        Assert.Contains("[0, 2]", e.Message);
    }
}
