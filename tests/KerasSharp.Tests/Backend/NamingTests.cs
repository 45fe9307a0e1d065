using KerasSharp.Backend;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.optimizers;

namespace KerasSharp.Tests.Backend;

/// <summary>Keras's automatic names (keras/src/utils/naming.py) and clear_session.</summary>
public sealed class NamingTests : TorchTest
{
    [Fact]
    public void LayersModelsAndInputs_AreNamedPerPrefix_AsKerasDoes()
    {
        var model = Sequential([InputLayer(shape: [10]), Dense(20, activation: "relu"), Dense(3, activation: "softmax")]);
        Assert.Equal("sequential", model.name);
        Assert.Equal(new[] { "dense", "dense_1" }, model.layers.Select(l => l.name));
        Assert.Equal("input_layer", model.input_layer!.name);
        var second = Sequential([Dense(2)]);
        Assert.Equal("sequential_1", second.name);
        Assert.Equal("dense_2", second.layers[0].name);
    }

    [Fact]
    public void ClearSession_RestartsCounters_SetRandomSeedDoesNot()
    {
        Assert.Equal("dense", Dense(1).name);
        Assert.Equal("dense_1", Dense(1).name);
        keras.utils.set_random_seed(3);
        Assert.Equal("dense_2", Dense(1).name);
        keras.backend.clear_session();
        Assert.Equal("dense", Dense(1).name);
    }

    [Fact]
    public void Optimizers_AreNamedFromSnakeCasedClassNames()
    {
        Assert.Equal("adam", Adam().name);
        Assert.Equal("adam_1", Adam().name);
        Assert.Equal("rm_sprop", RMSprop().name);
        Assert.Equal("adam_w", AdamW().name);
        Assert.Equal("sgd", SGD().name);
    }

    [Theory]
    [InlineData("Dense", "dense")]
    [InlineData("InputLayer", "input_layer")]
    [InlineData("RMSprop", "rm_sprop")]
    [InlineData("AdamW", "adam_w")]
    [InlineData("BatchNormalization", "batch_normalization")]
    [InlineData("Conv2D", "conv2d")]
    [InlineData("AUC", "auc")]
    public void ToSnakeCase_FollowsKerasRegexes(string className, string expected) =>
        Assert.Equal(expected, Naming.ToSnakeCase(className));

    [Fact]
    public void ExplicitNames_AreKept_AndInvalidNamesRefused()
    {
        Assert.Equal("hidden", Dense(3, name: "hidden").name);
        var e = Assert.Throws<System.ArgumentException>(() => Dense(3, name: "a/b"));
        Assert.Contains("a/b", e.Message);
    }
}
