using System.Reflection;
using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Saving;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers;

/// <summary>What the base Layer gives every layer: losses (Keras: <c>Layer.losses</c>), the generic from_config, containment checks.</summary>
public sealed class LayerBaseTests : TorchTest
{
    [Fact]
    public void Losses_AreTheLastCallsActivityPenalties_PlusWeightPenalties_AndDoNotAccumulate()
    {
        var dense = Dense(2, use_bias: false, kernel_initializer: "ones", activity_regularizer: keras.regularizers.l2(0.1),
            kernel_regularizer: keras.regularizers.l1(0.01));
        var model = Sequential([InputLayer(shape: [2]), dense]);
        var x = tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        // outputs [[3, 3], [7, 7]]: activity 0.1 * (9 + 9 + 49 + 49) / 2 (batch) = 5.8; kernel 0.01 * 4 = 0.04.
        for (int call = 0; call < 3; call++)
        {
            model.call(x, false);
            Assert.Equal(2, model.losses.Count);
            Assert.Equal(5.8f, model.losses[0].item<float>(), 5);
            Assert.Equal(0.04f, model.losses[1].item<float>(), 6);
            Assert.Equal(2, dense.losses.Count);
        }
        model.forward(x);
        Assert.Single(dense.activity_losses);
        model.predict(x);
        Assert.True(dense.activity_losses.Count() <= 1);
        Assert.Empty(Sequential([InputLayer(shape: [2]), Dense(2)]).losses);
    }

    [Fact]
    public void AModelAddedIntoItselfThroughAnother_IsRefused()
    {
        var a = Sequential([InputLayer(shape: [2]), Dense(2)], name: "a");
        var b = Sequential([a], name: "b");
        var e = Assert.Throws<ArgumentException>(() => a.add(b));
        Assert.Contains("'b' cannot be added to Sequential model 'a'", e.Message);
        var c = Sequential([b], name: "c");
        Assert.Throws<ArgumentException>(() => a.add(c));
        Assert.Single(a.layers);
        Assert.Equal(new long[] { 1, 2 }, a.predict(ones(1, 2)).shape);
    }

    [Fact]
    public void ManyLayers_AddAndLoad()
    {
        var model = Sequential(Enumerable.Range(0, 5000).Select(i => (Layer)Identity()).Prepend(InputLayer(shape: [2])));
        Assert.Equal(5000, model.layers.Count);
        Assert.Equal("identity_4999", model.layers[^1].name);
        Assert.Throws<ArgumentException>(() => model.add(Identity(name: "identity_17")));
        model.pop();
        model.add(Identity(name: "identity_4999"));
    }

    static Layer FromConfig(string json) =>
        Serialization.DeserializeLayer(PythonJson.Loads(json));

    [Fact]
    public void GenericFromConfig_ConvertsKeys_IgnoresDefaults_RefusesTheRest()
    {
        var p = Assert.IsType<Permute>(FromConfig("""{"module": "keras.layers", "class_name": "Permute", "config": {"name": "p", "trainable": false, "dtype": "float32", "dims": [2, 1], "some_future_option": null}, "registered_name": null}"""));
        Assert.Equal(new[] { 2, 1 }, p.dims);
        Assert.Equal(("p", false), (p.name, p.trainable));
        var r = Assert.IsType<RepeatVector>(FromConfig("""{"class_name": "RepeatVector", "config": {"n": 4}}"""));
        Assert.Equal(4, r.n);
        var id = Assert.IsType<Identity>(FromConfig("""{"class_name": "Identity", "config": {"name": "id", "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}}}"""));
        Assert.Equal("id", id.name);

        var e = Assert.Throws<NotSupportedException>(() => FromConfig("""{"class_name": "Flatten", "config": {"name": "f", "some_future_option": 3}}"""));
        Assert.Contains("`some_future_option`=3", e.Message);
        e = Assert.Throws<NotSupportedException>(() => FromConfig("""{"class_name": "Flatten", "config": {"name": "f", "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "mixed_int8"}, "registered_name": null}}}"""));
        Assert.Contains("mixed_int8", e.Message);
        var bad = Assert.Throws<InvalidDataException>(() => FromConfig("""{"class_name": "Reshape", "config": {"target_shape": [-1, -1]}}"""));
        Assert.Contains("at most one unknown dimension", bad.Message);
        bad = Assert.Throws<InvalidDataException>(() => FromConfig("""{"class_name": "Reshape", "config": {"target_shape": "3x4"}}"""));
        Assert.Contains("target_shape", bad.Message);
        // (MaxNorm was the unknown class here until the constraints existed; an unknown class is still refused, naming it.)
        var constraint = Assert.Throws<NotSupportedException>(() => ClassRegistry.Constraint(PythonJson.Loads("""{"class_name": "MaxNorm2", "config": {"max_value": 2}}"""), "kernel_constraint"));
        Assert.Contains("'MaxNorm2'", constraint.Message);
        Assert.Contains("MaxNorm, MinMaxNorm, NonNeg, UnitNorm", constraint.Message);
    }

    [Fact]
    public void SaveChecks_ReadEachConfigBack()
    {
        using var dir = new TempFolder();
        var custom = Sequential([InputLayer(shape: [3]), Dense(2, kernel_initializer: new HalfInit())]);
        var e = Assert.Throws<NotSupportedException>(() => custom.save(dir.File("c.keras")));
        Assert.Contains("HalfInit", e.Message);
        Assert.False(File.Exists(dir.File("c.keras")));
    }

    sealed class HalfInit : KerasSharp.Initializers.Initializer
    {
        public override Tensor call(long[] shape) => full(shape, 0.5f);
    }

    /// <summary>Every keras.* factory that returns the class it is named after has that class's constructor's parameter names and defaults.</summary>
    [Fact]
    public void FacadeFactories_MatchTheirConstructors()
    {
        var checkedCount = 0;
        foreach (var facade in typeof(keras).GetNestedTypes(BindingFlags.Public))
            foreach (var method in facade.GetMethods(BindingFlags.Public | BindingFlags.Static))
            {
                var type = method.ReturnType;
                if (type.Name != method.Name || type.IsAbstract || type.Assembly != typeof(keras).Assembly) continue;
                var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
                var expected = ctor.GetParameters().Select(p => (p.Name, p.ParameterType, p.HasDefaultValue ? p.DefaultValue : "<required>"));
                var actual = method.GetParameters().Select(p => (p.Name, p.ParameterType, p.HasDefaultValue ? p.DefaultValue : "<required>"));
                Assert.True(expected.SequenceEqual(actual), $"keras.{facade.Name}.{method.Name}({string.Join(", ", actual)}) differs from new {type.Name}({string.Join(", ", expected)}).");
                checkedCount++;
            }
        Assert.True(checkedCount >= 8, $"only {checkedCount} factories checked");
    }
}
