using KerasSharp.Layers;
using KerasSharp.Models;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers;

/// <summary>Dense as Keras 3 defines it (keras/src/layers/core/dense.py): layout, initialisers, activations, weights API.</summary>
public sealed class DenseTests : TorchTest
{
    [Fact]
    public void KernelIsInByOut_BiasZero_WeightsInKerasOrder()
    {
        var model = Sequential([InputLayer(shape: [10]), Dense(20, activation: "relu"), Dense(3, activation: "softmax")]);
        var shapes = model.get_weights().Select(w => w.shape).ToArray();
        Assert.Equal(new[] { new long[] { 10, 20 }, new long[] { 20 }, new long[] { 20, 3 }, new long[] { 3 } }, shapes);
        Assert.All(model.get_weights(), w => Assert.Equal(ScalarType.Float32, w.dtype));
        Assert.Equal(0f, model.get_weights()[1].abs().max().item<float>());
        Assert.Equal(0f, model.get_weights()[3].abs().max().item<float>());
    }

    [Fact]
    public void GlorotUniform_StaysWithinItsLimit_AndHasItsVariance()
    {
        // U(±sqrt(6/(in+out))): for (300, 200) the limit is sqrt(6/500) = 0.10954 and the variance limit²/3 = 0.004.
        var layer = Dense(200);
        layer.build(new long?[] { null, 300 });
        var k = layer.kernel!.value;
        double limit = Math.Sqrt(6.0 / 500);
        Assert.True(k.abs().max().item<float>() <= limit);
        Assert.True(k.abs().max().item<float>() > 0.95 * limit);
        Assert.InRange(k.var().item<float>(), 0.004 * 0.95, 0.004 * 1.05);
        Assert.InRange(k.mean().item<float>(), -0.001, 0.001);
    }

    [Fact]
    public void SameSeed_SameWeights_DifferentSeed_DifferentWeights()
    {
        keras.utils.set_random_seed(7);
        var a = Sequential([InputLayer(shape: [4]), Dense(5)]).get_weights()[0];
        keras.utils.set_random_seed(7);
        var b = Sequential([InputLayer(shape: [4]), Dense(5)]).get_weights()[0];
        keras.utils.set_random_seed(8);
        var c = Sequential([InputLayer(shape: [4]), Dense(5)]).get_weights()[0];
        Assert.True(a.eq(b).all().item<bool>());
        Assert.False(a.eq(c).all().item<bool>());
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("relu")]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("softmax")]
    [InlineData("leaky_relu")]
    [InlineData("hard_sigmoid")]
    [InlineData("elu")]
    [InlineData("softplus")]
    [InlineData("exponential")]
    public void Activations_MatchKerasFormulas(string name)
    {
        var x = tensor(new float[] { -4f, -1.5f, -0.5f, 0f, 0.5f, 2f, 5f }).reshape(1, 7);
        var xs = x.data<float>().ToArray();
        double[] expected = name switch
        {
            "linear" => xs.Select(v => (double)v).ToArray(),
            "relu" => xs.Select(v => Math.Max(0.0, v)).ToArray(),
            "sigmoid" => xs.Select(v => 1 / (1 + Math.Exp(-v))).ToArray(),
            "tanh" => xs.Select(v => Math.Tanh(v)).ToArray(),
            "softmax" => xs.Select(v => Math.Exp(v) / xs.Sum(u => Math.Exp(u))).ToArray(),
            "leaky_relu" => xs.Select(v => v > 0 ? v : 0.2 * v).ToArray(),            // Keras default slope 0.2
            "hard_sigmoid" => xs.Select(v => Math.Clamp(v / 6.0 + 0.5, 0, 1)).ToArray(), // Keras 3: x/6 + 1/2
            "elu" => xs.Select(v => v > 0 ? v : Math.Exp(v) - 1).ToArray(),
            "softplus" => xs.Select(v => Math.Log(1 + Math.Exp(v))).ToArray(),
            "exponential" => xs.Select(v => Math.Exp(v)).ToArray(),
            _ => throw new InvalidOperationException(),
        };
        var actual = Activation(name).call(x, false).data<float>().ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5 * Math.Max(1, Math.Abs(expected[i])));
    }

    [Fact]
    public void UnknownActivation_ListsValidNames()
    {
        var e = Assert.Throws<ArgumentException>(() => Dense(3, activation: "rellu"));
        Assert.Contains("rellu", e.Message);
        Assert.Contains("relu", e.Message);
        Assert.Contains("softmax", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void NonPositiveUnits_AreRefused(int units)
    {
        var e = Assert.Throws<ArgumentException>(() => Dense(units));
        Assert.Contains($"units={units}", e.Message);
    }

    [Fact]
    public void SetWeights_RefusesWrongCountOrShape_WithKerasMessages_AndChangesNothing()
    {
        var model = Sequential([InputLayer(shape: [2]), Dense(3)]);
        var before = model.get_weights();
        var count = Assert.Throws<ArgumentException>(() => model.set_weights([zeros(2, 3)]));
        Assert.Contains("weight list of length 1, but the layer was expecting 2 weights", count.Message);
        var shape = Assert.Throws<ArgumentException>(() => model.set_weights([zeros(3, 2), zeros(3)]));
        Assert.Contains("(2, 3)", shape.Message);
        Assert.Contains("(3, 2)", shape.Message);
        Assert.True(before[0].eq(model.get_weights()[0]).all().item<bool>());
        model.set_weights([ones(2, 3), full(3, 0.5f)]);
        using var _ = no_grad();
        var y = model.forward(tensor(new float[,] { { 1, 2 } }));
        Assert.Equal(new[] { 3.5f, 3.5f, 3.5f }, y.data<float>().ToArray());
    }

    [Fact]
    public void KernelRegularizer_IsGetConfigured_AndConfigListsKerasArguments()
    {
        var d = Dense(4, activation: "relu", kernel_regularizer: "l2", name: "d");
        var c = d.get_config();
        Assert.Equal("d", c["name"]);
        Assert.Equal(4, c["units"]);
        Assert.Equal("relu", c["activation"]);
        Assert.Equal(true, c["use_bias"]);
        Assert.Equal("GlorotUniform", ((Dictionary<string, object?>)c["kernel_initializer"]!)["class_name"]);
        Assert.Equal("Zeros", ((Dictionary<string, object?>)c["bias_initializer"]!)["class_name"]);
        Assert.Equal("L2", ((Dictionary<string, object?>)c["kernel_regularizer"]!)["class_name"]);
        Assert.Equal("linear", Dense(2).get_config()["activation"]);
    }

    [Fact]
    public void Freezing_MovesWeightsToNonTrainable()
    {
        var model = Sequential([InputLayer(shape: [2]), Dense(3), Dense(1)]);
        model.layers[0].trainable = false;
        Assert.Equal(2, model.trainable_weights.Count);
        Assert.Equal(2, model.non_trainable_weights.Count);
        var frozen = model.layers[0].get_weights()[0];
        model.compile(loss: "mse", optimizer: "sgd");
        model.fit(randn(8, 2), randn(8, 1), epochs: 2, verbose: 0);
        Assert.True(frozen.eq(model.layers[0].get_weights()[0]).all().item<bool>());
        string? text = null;
        model.summary(print_fn: s => text = s);
        Assert.Contains(" Non-trainable params: 9 (36.00 B)", text);
    }
}
