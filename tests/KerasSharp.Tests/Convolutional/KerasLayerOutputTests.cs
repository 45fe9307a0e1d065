using KerasSharp.Layers;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Convolutional;

/// <summary>
/// Every convolution, pooling and BatchNormalization case real Keras 3 computed (Fixtures/layer_outputs.json: all
/// paddings, strides, dilations, even kernels, groups, data formats): the same input and weights (Keras's layout,
/// through set_weights) give Keras's output shape, compute_output_shape and values.
/// </summary>
public sealed class KerasLayerOutputTests : TorchTest
{
    public static TheoryData<string> Conv => Names("conv");
    public static TheoryData<string> Pooling => Names("maxpool", "averagepool");
    public static TheoryData<string> GlobalPooling => Names("global");
    public static TheoryData<string> BatchNorm => Names("batchnorm");
    public static TheoryData<string> Resampling => Names("upsampling", "rescaling");

    static TheoryData<string> Names(params string[] prefixes)
    {
        var data = new TheoryData<string>();
        foreach (var p in prefixes) foreach (var n in OracleFixtures.CaseNames(p)) data.Add(n);
        return data;
    }

    [Theory, MemberData(nameof(Conv))]
    public void Convolution_MatchesKeras(string name) => Check(name);

    [Theory, MemberData(nameof(Pooling))]
    public void Pooling_MatchesKeras(string name) => Check(name);

    [Theory, MemberData(nameof(GlobalPooling))]
    public void GlobalPooling_MatchesKeras(string name) => Check(name);

    [Theory, MemberData(nameof(BatchNorm))]
    public void BatchNormalizationInference_MatchesKeras(string name) => Check(name);

    [Theory, MemberData(nameof(Resampling))]
    public void UpSamplingAndRescaling_MatchKeras(string name) => Check(name);

    static void Check(string name)
    {
        var c = OracleFixtures.Case(name);
        var layer = OracleFixtures.MakeLayer(c.GetProperty("class_name").GetString()!, c.GetProperty("kwargs"));
        var x = OracleFixtures.Tensor(c.GetProperty("input"), c.GetProperty("input_shape"));
        var shape = x.shape.Select(d => (long?)d).ToArray();
        layer.ensure_built(shape);
        var weights = c.GetProperty("weights").EnumerateArray().Zip(c.GetProperty("weight_shapes").EnumerateArray(),
            (w, s) => OracleFixtures.Tensor(w, s)).ToList();
        Assert.Equal(weights.Count, layer.variables.Count);
        layer.set_weights(weights);

        var expectedShape = OracleFixtures.Shape(c.GetProperty("output_shape"));
        Assert.Equal(expectedShape.Select(d => (long?)d), layer.compute_output_shape(shape));
        var y = layer.call(x, training: false);
        Assert.Equal(expectedShape, y.shape);
        var actual = y.contiguous().data<float>().ToArray();
        var closeness = OracleFixtures.Closeness(actual, OracleFixtures.Floats(c.GetProperty("output")));
        Assert.True(closeness <= 1, $"{name}: output differs from Keras's (closeness {closeness:G4}, 1 = tolerance)");
    }
}
