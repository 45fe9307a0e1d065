using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Layers;
using KerasSharp.Tests.Models;
using Xunit;
using static KerasSharp.keras.layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers;

/// <summary>
/// Merge layers against real Keras 3's outputs on the same inputs (Models/Fixtures/functional_fixtures.json, made by
/// make_functional_fixtures.py) and Keras's broadcasting rules and errors (keras/src/layers/merging/).
/// </summary>
public sealed class MergeTests : TorchTest
{
    public static IEnumerable<object[]> Cases() => new[]
    {
        "add", "add_broadcast", "subtract", "multiply", "average", "maximum", "minimum", "add_rank",
        "concatenate", "concatenate_axis1", "dot", "dot_normalize", "dot_axes", "dot_matrix_vector",
    }.Select(c => new object[] { c });

    static Merge Make(string name) => name switch
    {
        "add" or "add_broadcast" or "add_rank" => Add(),
        "subtract" => Subtract(),
        "multiply" => Multiply(),
        "average" => Average(),
        "maximum" => Maximum(),
        "minimum" => Minimum(),
        "concatenate" => Concatenate(),
        "concatenate_axis1" => Concatenate(axis: 1),
        "dot" => Dot(axes: [1]),
        "dot_normalize" => Dot(axes: [1], normalize: true),
        "dot_axes" => Dot(axes: [2, 2]),
        "dot_matrix_vector" => Dot(axes: [2, 1]),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EagerValues_MatchKeras(string name)
    {
        var fixture = FunctionalFixtures.Merge(name);
        var inputs = fixture.GetProperty("inputs").EnumerateArray().Select(k => FunctionalFixtures.Input(k.GetString()!)).ToList();
        var expected = FunctionalFixtures.Array(fixture.GetProperty("value"));
        var actual = Make(name).call(inputs);
        Assert.Equal(expected.shape, actual.shape);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6), $"{name}: max difference {actual.sub(expected).abs().max().item<float>()}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SymbolicShapes_MatchKeras(string name)
    {
        var fixture = FunctionalFixtures.Merge(name);
        var inputs = fixture.GetProperty("inputs").EnumerateArray()
            .Select(k => keras.Input(shape: FunctionalFixtures.Input(k.GetString()!).shape.Skip(1).Select(d => (int)d).ToArray()))
            .ToList();
        var output = Make(name).call(inputs);
        Assert.Equal(FunctionalFixtures.Shape(fixture.GetProperty("symbolic_shape")), output.shape);
    }

    [Theory]
    [InlineData("add_incompatible")]
    [InlineData("subtract_three")]
    [InlineData("concatenate_mismatch")]
    [InlineData("dot_mismatch")]
    [InlineData("batch_sizes")]
    public void BadShapes_RaiseKerasMessage_NamingTheLayer(string name)
    {
        (Merge layer, int?[][] shapes) = name switch
        {
            "add_incompatible" => ((Merge)Add(), new[] { new int?[] { null, 3 }, new int?[] { null, 4 } }),
            "subtract_three" => (Subtract(), new[] { new int?[] { null, 3 }, new int?[] { null, 3 }, new int?[] { null, 3 } }),
            "concatenate_mismatch" => (Concatenate(), new[] { new int?[] { null, 3, 2 }, new int?[] { null, 4, 2 } }),
            "dot_mismatch" => (Dot(axes: [1]), new[] { new int?[] { null, 3 }, new int?[] { null, 4 } }),
            _ => (Add(), new[] { new int?[] { 2, 3 }, new int?[] { 5, 3 } }),
        };
        var inputs = shapes.Select(s => keras.Input(batch_shape: s)).ToList();
        var e = Assert.Throws<ArgumentException>(() => layer.call(inputs));
        Assert.Contains(FunctionalFixtures.MergeError(name)!, e.Message);
        Assert.Contains($"'{layer.name}'", e.Message);
        Assert.False(layer.built);
    }

    [Fact]
    public void OneTensor_IsRefused_AMergeTakesAList()
    {
        var x = keras.Input(shape: [3]);
        var e = Assert.Throws<ArgumentException>(() => Add().call(x));
        Assert.Contains("A merge layer should be called on a list of inputs", e.Message);
        var eager = Assert.Throws<ArgumentException>(() => Add().call(ones(2, 3), false));
        Assert.Contains("list of inputs", eager.Message);
    }

    [Fact]
    public void EagerShapes_AreCheckedBeforeTorchSeesThem()
    {
        var e = Assert.Throws<ArgumentException>(() => Add().call([ones(2, 3), ones(2, 4)]));
        Assert.Contains("Inputs have incompatible shapes. Received shapes (3,) and (4,)", e.Message);
    }

    [Fact]
    public void Dot_HandComputed_AndConfig()
    {
        // (1·4 + 2·5 + 3·6) = 32 per sample; normalised: 32 / (|a| |b|).
        var a = tensor(new float[] { 1, 2, 3, 1, 2, 3 }).reshape(2, 3);
        var b = tensor(new float[] { 4, 5, 6, 4, 5, 6 }).reshape(2, 3);
        var dot = Dot(axes: [1]).call([a, b]);
        Assert.Equal(new long[] { 2, 1 }, dot.shape);
        Assert.Equal(32f, dot[0, 0].item<float>());
        var cos = Dot(axes: [-1], normalize: true).call([a, b]);
        Assert.Equal(32 / (Math.Sqrt(14) * Math.Sqrt(77)), cos[1, 0].item<float>(), 5);
        Assert.Equal(1, Dot(axes: [1]).get_config()["axes"]);
        Assert.Equal(new List<object?> { 1, 2 }, (List<object?>)Dot(axes: [1, 2]).get_config()["axes"]!);
        Assert.Equal(false, Dot(axes: [1]).get_config()["normalize"]);
        Assert.Equal(2, Concatenate(axis: 2).get_config()["axis"]);
        Assert.Throws<ArgumentException>(() => Dot(axes: [1, 2, 3]));
    }
}
