using KerasSharp.Layers;
using KerasSharp.Models;
using TorchSharp;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

/// <summary>Sequential as Keras 3 defines it (keras/src/models/sequential.py) and as a TorchSharp module.</summary>
public sealed class SequentialTests : TorchTest
{
    [Fact]
    public void WithInputLayer_IsBuiltEagerly_AndLayersExcludeTheInput()
    {
        var model = Sequential([InputLayer(shape: [4]), Dense(8, activation: "relu"), Dense(3)]);
        Assert.True(model.built);
        Assert.Equal(2, model.layers.Count);
        Assert.All(model.layers, l => Assert.IsType<Dense>(l));
        Assert.Equal(new long?[] { null, 3 }, model.output_shape);
        Assert.Equal(4 * 8 + 8 + 8 * 3 + 3, model.count_params());
    }

    [Fact]
    public void WithoutInput_StaysUnbuilt_UntilBuild()
    {
        var model = Sequential([Dense(8), Dense(3)]);
        Assert.False(model.built);
        Assert.Throws<InvalidOperationException>(() => model.count_params());
        model.build(new long?[] { null, 5 });
        Assert.True(model.built);
        Assert.Equal(5 * 8 + 8 + 8 * 3 + 3, model.count_params());
    }

    [Fact]
    public void InputShapeOnFirstDense_AddsAnInputLayer_AsKerasDoes()
    {
        var model = Sequential([Dense(20, input_shape: [10]), Dense(3)]);
        Assert.True(model.built);
        Assert.NotNull(model.input_layer);
        Assert.Equal(new long?[] { null, 10 }, model.input_layer!.batch_shape);
        Assert.Equal(283, model.count_params());
    }

    [Fact]
    public void AddAndPop_RebuildWithoutTouchingExistingWeights()
    {
        var model = new Sequential();
        model.add(InputLayer(shape: [3]));
        model.add(Dense(4));
        var kernel = model.layers[0].get_weights()[0];
        model.add(Dense(2));
        Assert.Equal(new long?[] { null, 2 }, model.output_shape);
        Assert.True(kernel.eq(model.layers[0].get_weights()[0]).all().item<bool>());
        var popped = model.pop();
        Assert.Equal(2, ((Dense)popped).units);
        Assert.Single(model.layers);
        Assert.Equal(new long?[] { null, 4 }, model.compute_output_shape(new long?[] { null, 3 }));
        Assert.Throws<InvalidOperationException>(() => { model.pop(); model.pop(); });
    }

    [Fact]
    public void DuplicateNamesAndSecondInputLayer_AreRefused()
    {
        var model = Sequential([InputLayer(shape: [3]), Dense(2, name: "a")]);
        var dup = Assert.Throws<ArgumentException>(() => model.add(Dense(2, name: "a")));
        Assert.Contains("unique names", dup.Message);
        Assert.Contains("'a'", dup.Message);
        var input = Assert.Throws<ArgumentException>(() => model.add(InputLayer(shape: [2])));
        Assert.Contains("InputLayer", input.Message);
        Assert.Throws<ArgumentNullException>(() => model.add(null!));
        Assert.Single(model.layers);
    }

    [Fact]
    public void IsATorchSharpModule_ParametersStateDictAndForward()
    {
        var model = Sequential([InputLayer(shape: [3]), Dense(4, activation: "relu"), Dense(2)]);
        Assert.Equal(4, model.parameters().Count());
        var keys = model.state_dict().Keys.ToArray();
        Assert.Equal(new[] { "dense.kernel", "dense.bias", "dense_1.kernel", "dense_1.bias" }, keys);
        var x = randn(5, 3);
        var k0 = model.layers[0].get_weights();
        var k1 = model.layers[1].get_weights();
        var expected = nn.functional.relu(x.matmul(k0[0]) + k0[1]).matmul(k1[0]) + k1[1];
        using var _ = no_grad();
        Assert.True(expected.allclose(model.forward(x), 1e-5, 1e-6));
    }

    [Fact]
    public void TorchSharpModule_InsideSequential_IsTrainedByFit()
    {
        var norm = nn.LayerNorm(8);
        var model = Sequential([InputLayer(shape: [4]), Dense(8), TorchModule(norm), Dense(2)]);
        Assert.Equal("torch_module", model.layers[1].name);
        Assert.Equal(4 * 8 + 8 + 16 + 8 * 2 + 2, model.count_params());
        var before = norm.weight!.detach().clone();
        model.compile(loss: "mse", optimizer: keras.optimizers.SGD(learning_rate: 0.1));
        model.fit(randn(16, 4), randn(16, 2), epochs: 3, verbose: 0);
        Assert.False(before.allclose(norm.weight!.detach()));
        string? text = null;
        model.summary(line_length: 120, print_fn: s => text = s);
        Assert.Contains("torch_module (TorchModule[LayerNorm])", text);
    }
}
