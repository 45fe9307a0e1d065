using KerasSharp.DTypePolicies;
using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Saving;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.optimizers;
using static KerasSharp.keras.utils;
using static TorchSharp.torch;

namespace KerasSharp.Tests.DTypePolicies;

/// <summary>Dtype policies against keras/src/dtype_policies/dtype_policy.py and Layer.__call__'s autocasting.</summary>
public sealed class DTypePolicyTests : TorchTest
{
    [Theory]
    [InlineData("float32", "float32", "float32")]
    [InlineData("mixed_bfloat16", "bfloat16", "float32")]
    [InlineData("mixed_float16", "float16", "float32")]
    [InlineData("bfloat16", "bfloat16", "bfloat16")]
    [InlineData("float16", "float16", "float16")]
    public void Policy_ParsesComputeAndVariableDtypes(string name, string compute, string variable)
    {
        var p = new DTypePolicy(name);
        Assert.Equal(name, p.name);
        Assert.Equal(compute, p.compute_dtype);
        Assert.Equal(variable, p.variable_dtype);
        Assert.Equal($"<DTypePolicy \"{name}\">", p.ToString());
    }

    [Fact]
    public void UnknownPolicy_IsRefusedByName()
    {
        var e = Assert.Throws<ArgumentException>(() => new DTypePolicy("mixed_int8"));
        Assert.Contains("mixed_int8", e.Message);
        var l = Assert.Throws<NotSupportedException>(() => Dense(2, dtype: "float64"));
        Assert.Contains("float64", l.Message);
        Assert.Throws<ArgumentException>(() => keras.config.set_dtype_policy("half"));
        Assert.Equal("float32", keras.config.dtype_policy().name);
    }

    [Fact]
    public void GlobalPolicy_IsReadAtConstruction_PerLayerDtypeWins_AndClearSessionResets()
    {
        Assert.Equal("float32", keras.config.dtype_policy().name);
        keras.config.set_dtype_policy("mixed_bfloat16");
        Assert.Equal("mixed_bfloat16", keras.mixed_precision.global_policy().name);
        var mixed = Dense(3);
        var own = Dense(3, dtype: "float32");
        var byObject = Dense(3, dtype: new DTypePolicy("mixed_float16"));
        keras.mixed_precision.set_global_policy("float32");
        var later = Dense(3);
        Assert.Equal(("mixed_bfloat16", "bfloat16", "float32"), (mixed.dtype_policy.name, mixed.compute_dtype, mixed.variable_dtype));
        Assert.Equal(("float32", "float32", "float32"), (own.dtype_policy.name, own.compute_dtype, own.variable_dtype));
        Assert.Equal(("mixed_float16", "float16", "float32"), (byObject.dtype_policy.name, byObject.compute_dtype, byObject.variable_dtype));
        Assert.Equal("float32", later.dtype_policy.name);
        keras.config.set_dtype_policy("bfloat16");
        keras.backend.clear_session();
        Assert.Equal("float32", keras.config.dtype_policy().name);
    }

    [Fact]
    public void MixedDense_KeepsFloat32Weights_ComputesAndOutputsBfloat16_GradientsReachFloat32Weights()
    {
        var layer = Dense(4, activation: "relu", dtype: "mixed_bfloat16");
        var x = randn(8, 5);
        var y = layer.forward(x);
        Assert.Equal(ScalarType.Float32, layer.kernel!.value.dtype);
        Assert.Equal(ScalarType.Float32, layer.bias!.value.dtype);
        Assert.Equal(ScalarType.BFloat16, y.dtype);
        // The same computation by hand: inputs and weights rounded to bfloat16, then bfloat16 arithmetic.
        var k = layer.kernel.value.detach();
        var expected = x.to_type(ScalarType.BFloat16).matmul(k.to_type(ScalarType.BFloat16)).add(layer.bias.value.detach().to_type(ScalarType.BFloat16)).relu();
        Assert.True(y.detach().to_type(ScalarType.Float32).allclose(expected.to_type(ScalarType.Float32), rtol: 1e-2, atol: 1e-2));
        // And close to float32 (bfloat16 has 8 significant bits).
        var exact = x.matmul(k).add(layer.bias.value.detach()).relu();
        Assert.True(y.to_type(ScalarType.Float32).detach().allclose(exact, rtol: 3e-2, atol: 3e-2));
        y.to_type(ScalarType.Float32).sum().backward();
        Assert.Equal(ScalarType.Float32, layer.kernel.value.grad!.dtype);
        Assert.True(layer.kernel.value.grad.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void PureBfloat16Layer_StoresWeightsInBfloat16()
    {
        var layer = Dense(2, dtype: "bfloat16");
        var y = layer.forward(ones(3, 4));
        Assert.Equal(ScalarType.BFloat16, layer.kernel!.value.dtype);
        Assert.Equal(ScalarType.BFloat16, y.dtype);
        Assert.Equal(ScalarType.Float32, layer.get_weights()[0].dtype);
    }

    [Fact]
    public void Float32LayerInMixedModel_ComputesInFloat32_EachLayerHasItsPolicy()
    {
        keras.config.set_dtype_policy("mixed_bfloat16");
        var model = Sequential([InputLayer(shape: [4]), Dense(3, activation: "relu"), Dense(2, activation: "softmax", dtype: "float32")]);
        Assert.Equal("mixed_bfloat16", model.dtype_policy.name);
        var first = (Dense)model.layers[0];
        var x = ones(1, 4);
        Assert.Equal(ScalarType.BFloat16, first.forward(x).dtype);
        Assert.Equal(ScalarType.Float32, model.predict(x, verbose: 0).dtype);
    }

    static (Tensor X, Tensor Y) Blobs()
    {
        var g = new TorchSharp.torch.Generator(3);
        var X = randn(new long[] { 256, 8 }, generator: g);
        return (X, to_categorical(X.narrow(1, 0, 3).argmax(1), 3));
    }

    static List<double> Train(string policy, string loss)
    {
        keras.backend.clear_session();
        set_random_seed(0);
        keras.config.set_dtype_policy(policy);
        var (X, Y) = Blobs();
        var model = Sequential([InputLayer(shape: [8]), Dense(16, activation: "relu"), Dense(3, activation: "softmax")]);
        model.compile(optimizer: Adam(learning_rate: 0.01), loss: loss, metrics: ["accuracy"]);
        var h = model.fit(X, Y, epochs: 5, batch_size: 32, verbose: 0, shuffle: false);
        Assert.All(model.trainable_weights, v => Assert.Equal(ScalarType.Float32, v.value.dtype));
        return h.history["loss"].Concat(h.history["accuracy"]).ToList();
    }

    [Theory]
    [InlineData("categorical_crossentropy")]
    [InlineData("mse")]
    public void MixedBfloat16Fit_MatchesFloat32ToBfloat16Tolerance(string loss)
    {
        var reference = Train("float32", loss);
        var mixed = Train("mixed_bfloat16", loss);
        Assert.Equal(reference.Count, mixed.Count);
        for (int i = 0; i < reference.Count; i++)
            Assert.True(Math.Abs(reference[i] - mixed[i]) <= 0.03 * Math.Abs(reference[i]) + 0.02, $"entry {i}: float32 {reference[i]}, mixed {mixed[i]}");
        // Float32 training is unchanged by the feature: the same seed gives the same numbers.
        Assert.Equal(reference, Train("float32", loss));
    }

    [Fact]
    public void Config_CarriesThePolicyAsKerasWritesIt()
    {
        keras.config.set_dtype_policy("mixed_bfloat16");
        var model = Sequential([InputLayer(shape: [4]), Dense(3, activation: "relu"), Dense(2, activation: "softmax", dtype: "float32")]);
        var keras311 = (Dictionary<string, object?>)PythonJson.Loads(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DTypePolicies", "Fixtures", "mixed_bfloat16_config.json")))!;
        var ours = Serialization.Layer(model);
        string DType(Dictionary<string, object?> layerObject) => PythonJson.Dumps(((Dictionary<string, object?>)layerObject["config"]!)["dtype"]);
        Assert.Equal(DType(keras311), DType(ours));
        var kerasLayers = (List<object?>)((Dictionary<string, object?>)keras311["config"]!)["layers"]!;
        var ourLayers = (List<object?>)((Dictionary<string, object?>)ours["config"]!)["layers"]!;
        Assert.Equal(kerasLayers.Count, ourLayers.Count);
        for (int i = 0; i < kerasLayers.Count; i++)
            Assert.Equal(DType((Dictionary<string, object?>)kerasLayers[i]!), DType((Dictionary<string, object?>)ourLayers[i]!));
    }

    [Fact]
    public void SavedMixedModel_LoadsWithItsPolicies_AndEqualPredictions()
    {
        using var dir = new TempFolder();
        keras.config.set_dtype_policy("mixed_bfloat16");
        var model = Sequential([InputLayer(shape: [4]), Dense(3, activation: "relu"), Dense(2, activation: "softmax", dtype: "float32")]);
        model.compile(optimizer: "adam", loss: "categorical_crossentropy");
        model.save(dir.File("m.keras"));
        keras.backend.clear_session();
        var loaded = load_model(dir.File("m.keras"));
        Assert.Equal("mixed_bfloat16", loaded.dtype_policy.name);
        Assert.Equal(new[] { "mixed_bfloat16", "float32" }, loaded.layers.Select(l => l.dtype_policy.name));
        Assert.Equal(ScalarType.Float32, loaded.layers[0].get_weights()[0].dtype);
        var x = randn(5, 4);
        Assert.True(RoundTripTests.Same(model.predict(x, verbose: 0), loaded.predict(x, verbose: 0)));
    }
}
