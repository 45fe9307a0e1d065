using KerasSharp.Layers;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Convolutional;

/// <summary>Errors, hand-computed values, penalties and the memory layout of the transposed, depthwise and separable convolutions.</summary>
public sealed class TransposeSeparableBehaviourTests : TorchTest
{
    [Fact]
    public void WrongRank_NamesTheExpectedShape()
    {
        var e = Assert.Throws<ArgumentException>(() => Sequential([InputLayer(shape: [5, 5]), Conv2DTranspose(2, 3)]));
        Assert.Contains("(batch, height, width, channels)", e.Message);
        Assert.Contains("(None, 5, 5)", e.Message);
        e = Assert.Throws<ArgumentException>(() => DepthwiseConv1D(3).invoke(zeros(2, 4, 5, 3), false));
        Assert.Contains("(batch, steps, channels)", e.Message);
        e = Assert.Throws<ArgumentException>(() => SeparableConv2D(2, 3, data_format: "channels_first").compute_output_shape([null, 4, 4]));
        Assert.Contains("(batch, channels, height, width)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Conv3DTranspose(2, 2).compute_output_shape([null, 4, 4, 4]));
        Assert.Contains("(batch, depth, height, width, channels)", e.Message);
    }

    [Fact]
    public void KernelLargerThanValidInput_NamesBothSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => Sequential([InputLayer(shape: [3, 7, 1]), DepthwiseConv2D(5)]));
        Assert.Contains("kernel size 5", e.Message);
        Assert.Contains("size 3", e.Message);
        e = Assert.Throws<ArgumentException>(() => Sequential([InputLayer(shape: [4, 2]), SeparableConv1D(2, 3, dilation_rate: 2)]));
        Assert.Contains("dilated to 5", e.Message);
        // A transposed convolution grows its input: any kernel fits.
        var model = Sequential([InputLayer(shape: [1, 1, 2]), Conv2DTranspose(3, 4)]);
        Assert.Equal(new long?[] { null, 4, 4, 3 }, model.layers[0].output_shape);
    }

    [Fact]
    public void BadArguments_AreRefusedWithTheValue()
    {
        Assert.Contains("filters=0", Assert.Throws<ArgumentException>(() => Conv1DTranspose(0, 3)).Message);
        Assert.Contains("filters=-1", Assert.Throws<ArgumentException>(() => SeparableConv2D(-1, 3)).Message);
        Assert.Contains("depth_multiplier=0", Assert.Throws<ArgumentException>(() => DepthwiseConv2D(3, depth_multiplier: 0)).Message);
        Assert.Contains("depth_multiplier=0", Assert.Throws<ArgumentException>(() => SeparableConv1D(2, 3, depth_multiplier: 0)).Message);
        Assert.Contains("padding=causal", Assert.Throws<ArgumentException>(() => DepthwiseConv1D(3, padding: "causal")).Message);
        Assert.Contains("padding=causal", Assert.Throws<ArgumentException>(() => Conv1DTranspose(2, 3, padding: "causal")).Message);
        Assert.Contains("kernel_size=(3, 3, 3)", Assert.Throws<ArgumentException>(() => SeparableConv2D(2, new[] { 3, 3, 3 })).Message);
        Assert.Contains("kernel_size=0", Assert.Throws<ArgumentException>(() => DepthwiseConv2D(0)).Message);
        Assert.Contains("strides=2", Assert.Throws<ArgumentException>(() => Conv2DTranspose(2, 3, strides: 2, dilation_rate: 2)).Message);
        Assert.Contains("strides=2", Assert.Throws<ArgumentException>(() => DepthwiseConv1D(3, strides: 2, dilation_rate: 2)).Message);
        Assert.Contains("data_format=nhwc", Assert.Throws<ArgumentException>(() => SeparableConv2D(2, 3, data_format: "nhwc")).Message);
        // output_padding must be below the stride (Keras 3.15's check; torch cannot do more) and non-negative.
        var e = Assert.Throws<ArgumentException>(() => Conv2DTranspose(2, 3, strides: (2, 1), output_padding: (1, 1)));
        Assert.Contains("At index 1, `output_padding` is 1 and `strides` is 1", e.Message);
        Assert.Contains("output_padding=-1", Assert.Throws<ArgumentException>(() => Conv1DTranspose(2, 3, strides: 2, output_padding: -1)).Message);
        Assert.Contains("output_padding=(1, 1)", Assert.Throws<ArgumentException>(() => Conv3DTranspose(2, 3, strides: 2, output_padding: (1, 1))).Message);
    }

    [Fact]
    public void ChannelCount_DifferentFromTheBuiltOne_IsRefused()
    {
        foreach (var layer in new Layer[] { Conv2DTranspose(2, 3), DepthwiseConv2D(3), SeparableConv2D(2, 3) })
        {
            layer.invoke(randn(1, 5, 5, 3), false);
            var e = Assert.Throws<ArgumentException>(() => layer.invoke(randn(1, 5, 5, 4), false));
            Assert.Contains("has 4 channels", e.Message);
            Assert.Contains("built for 3", e.Message);
            // The layer stays usable.
            Assert.Equal(4, layer.invoke(randn(1, 5, 5, 3), false).dim());
        }
    }

    [Fact]
    public void Conv1DTranspose_HandComputed()
    {
        // One channel in and out, kernel [1, 2, 3], stride 2, "valid": each input value stamps the kernel at 2i.
        // x = [1, 10]: [1, 2, 3, 0, 0] + [0, 0, 10, 20, 30] = [1, 2, 13, 20, 30], length (2 - 1) * 2 + 3 = 5.
        var layer = Conv1DTranspose(1, 3, strides: 2, use_bias: false);
        layer.invoke(zeros(1, 2, 1), false);
        layer.set_weights([tensor(new float[] { 1, 2, 3 }).reshape(3, 1, 1)]);
        var y = layer.invoke(tensor(new float[] { 1, 10 }).reshape(1, 2, 1), false);
        Assert.Equal(new float[] { 1, 2, 13, 20, 30 }, y.contiguous().data<float>().ToArray());
        // "same" (Keras's torch backend): output n * s = 4, the full result cropped by 1 at the start.
        var same = Conv1DTranspose(1, 3, strides: 2, padding: "same", use_bias: false);
        same.invoke(zeros(1, 2, 1), false);
        same.set_weights([tensor(new float[] { 1, 2, 3 }).reshape(3, 1, 1)]);
        Assert.Equal(new float[] { 2, 13, 20, 30 }, same.invoke(tensor(new float[] { 1, 10 }).reshape(1, 2, 1), false).contiguous().data<float>().ToArray());
    }

    [Fact]
    public void DepthwiseConv1D_HandComputed_OrdersOutputChannelsAsKeras()
    {
        // Two channels, depth_multiplier 2: output channel c * 2 + m is channel c through filter m.
        var layer = DepthwiseConv1D(1, depth_multiplier: 2, use_bias: true);
        layer.invoke(zeros(1, 1, 2), false);
        // kernel (1, in=2, dm=2): channel 0 x [1, 2], channel 1 x [3, 4]; bias [0.5, 0.5, 0.5, 0.5].
        layer.set_weights([tensor(new float[] { 1, 2, 3, 4 }).reshape(1, 2, 2), full(4, 0.5f)]);
        var y = layer.invoke(tensor(new float[] { 10, 100 }).reshape(1, 1, 2), false);
        Assert.Equal(new float[] { 10.5f, 20.5f, 300.5f, 400.5f }, y.contiguous().data<float>().ToArray());
    }

    [Fact]
    public void SeparableConv_Penalties_CountInLosses_AndConstraintsApply()
    {
        var layer = SeparableConv2D(3, 2, depth_multiplier: 2, depthwise_regularizer: new KerasSharp.Regularizers.L2(0.5),
            pointwise_regularizer: new KerasSharp.Regularizers.L1(0.25), pointwise_constraint: "non_neg");
        var model = Sequential([InputLayer(shape: [5, 5, 2]), layer, Flatten(), Dense(1)]);
        var dk = layer.depthwise_kernel!.value;
        var pk = layer.pointwise_kernel!.value;
        var expected = dk.square().sum().item<float>() * 0.5f + pk.abs().sum().item<float>() * 0.25f;
        Assert.Equal(expected, layer.losses.Select(l => l.item<float>()).Sum(), 4);
        Assert.Equal(2, layer.losses.Count);
        model.compile(optimizer: "sgd", loss: "mse");
        model.fit(randn(8, 5, 5, 2), randn(8, 1), epochs: 1, batch_size: 4, verbose: 0);
        Assert.True(layer.pointwise_kernel.value.min().item<float>() >= 0);
        Assert.Equal(new long[] { 2, 2, 2, 2 }, layer.depthwise_kernel.shape);
        Assert.Equal(new long[] { 1, 1, 4, 3 }, layer.pointwise_kernel.shape);
    }

    [Fact]
    public void ConsecutiveSpatialLayers_PassNativeStorageWithoutCopies()
    {
        var x = randn(2, 6, 6, 3);
        foreach (var layer in new Layer[] { Conv2DTranspose(4, 3, strides: 2, padding: "same"), DepthwiseConv2D(3, depth_multiplier: 2, padding: "same"), SeparableConv2D(4, 3) })
        {
            var y = layer.invoke(x, false);
            // Keras's shape, native storage: the view back to (N, C, H, W) is contiguous, so the next layer copies nothing.
            Assert.Equal(4, y.dim());
            Assert.True(y.permute(0, 3, 1, 2).is_contiguous(), layer.class_name);
            x = y;
        }
        Assert.Equal(new long[] { 2, 10, 10, 4 }, x.shape);
    }

    [Fact]
    public void ChannelsFirst_MatchesChannelsLast_OnTransposedData()
    {
        var pairs = new (Layer last, Layer first)[]
        {
            (Conv2DTranspose(3, (2, 3), strides: 2, padding: "same"), Conv2DTranspose(3, (2, 3), strides: 2, padding: "same", data_format: "channels_first")),
            (DepthwiseConv2D((2, 3), strides: 2, padding: "same", depth_multiplier: 2), DepthwiseConv2D((2, 3), strides: 2, padding: "same", depth_multiplier: 2, data_format: "channels_first")),
            (SeparableConv2D(3, (2, 3), strides: 2, padding: "same"), SeparableConv2D(3, (2, 3), strides: 2, padding: "same", data_format: "channels_first")),
        };
        var x = randn(2, 7, 6, 2);
        foreach (var (last, first) in pairs)
        {
            var yl = last.invoke(x, false);
            first.invoke(x.permute(0, 3, 1, 2), false);
            first.set_weights(last.get_weights());
            var yf = first.invoke(x.permute(0, 3, 1, 2), false);
            Assert.True(yl.permute(0, 3, 1, 2).allclose(yf, atol: 1e-6), last.class_name);
        }
    }
}
