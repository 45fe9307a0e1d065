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

    static void Check(string name) => OracleFixtures.CheckLayerCase(OracleFixtures.Case(name));
}
