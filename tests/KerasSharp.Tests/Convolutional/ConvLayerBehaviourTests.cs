using KerasSharp.Layers;
using KerasSharp.Models;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Convolutional;

/// <summary>Errors, shapes, configs and the memory layout of the convolution and pooling layers.</summary>
public sealed class ConvLayerBehaviourTests : TorchTest
{
    [Fact]
    public void WrongRank_NamesTheExpectedShape()
    {
        var e = Assert.Throws<ArgumentException>(() => Sequential([InputLayer(shape: [5, 5]), Conv2D(2, 3)]));
        Assert.Contains("(batch, height, width, channels)", e.Message);
        Assert.Contains("(None, 5, 5)", e.Message);
        var layer = Conv1D(2, 3);
        e = Assert.Throws<ArgumentException>(() => layer.invoke(zeros(2, 4, 5, 3), false));
        Assert.Contains("(batch, steps, channels)", e.Message);
        e = Assert.Throws<ArgumentException>(() => MaxPooling3D(data_format: "channels_first").compute_output_shape([null, 4, 4]));
        Assert.Contains("(batch, channels, depth, height, width)", e.Message);
    }

    [Fact]
    public void KernelLargerThanValidInput_NamesBothSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => Sequential([InputLayer(shape: [3, 7, 1]), Conv2D(2, 5)]));
        Assert.Contains("kernel size 5", e.Message);
        Assert.Contains("size 3", e.Message);
        e = Assert.Throws<ArgumentException>(() => Sequential([InputLayer(shape: [3, 3, 1]), MaxPool2D(4)]));
        Assert.Contains("pool size 4", e.Message);
        Assert.Contains("size 3", e.Message);
        // "same" pads instead.
        var model = Sequential([InputLayer(shape: [3, 3, 1]), Conv2D(2, 5, padding: "same")]);
        Assert.Equal(new long?[] { null, 3, 3, 2 }, model.compute_output_shape([null, 3, 3, 1]));
    }

    [Fact]
    public void BadArguments_AreRefusedWithTheValue()
    {
        Assert.Contains("filters=0", Assert.Throws<ArgumentException>(() => Conv2D(0, 3)).Message);
        Assert.Contains("padding=causal", Assert.Throws<ArgumentException>(() => Conv2D(2, 3, padding: "causal")).Message);
        Assert.Contains("kernel_size=(3, 3, 3)", Assert.Throws<ArgumentException>(() => Conv2D(2, new[] { 3, 3, 3 })).Message);
        Assert.Contains("groups=4", Assert.Throws<ArgumentException>(() => Conv2D(6, 3, groups: 4)).Message);
        Assert.Contains("data_format=nhwc", Assert.Throws<ArgumentException>(() => MaxPool2D(data_format: "nhwc")).Message);
        Assert.Contains("strides=2", Assert.Throws<ArgumentException>(() => Conv1D(2, 3, strides: 2, dilation_rate: 2)).Message);
    }

    [Fact]
    public void ConsecutiveSpatialLayers_PassNativeStorageWithoutCopies()
    {
        var conv = Conv2D(4, 3, padding: "same");
        var pool = MaxPool2D(2);
        var x = randn(2, 8, 8, 3);
        var y = conv.invoke(x, false);
        Assert.Equal(new long[] { 2, 8, 8, 4 }, y.shape);
        // Keras's shape, native storage: the view back to (N, C, H, W) is contiguous, so the next layer copies nothing.
        Assert.False(y.is_contiguous());
        Assert.True(y.permute(0, 3, 1, 2).is_contiguous());
        var z = pool.invoke(y, false);
        Assert.True(z.permute(0, 3, 1, 2).is_contiguous());
        // One input channel: (N, H, W, 1) seen as (N, 1, H, W) is contiguous with channels_last strides, which libtorch
        // would answer with a channels_last output; the layer re-strides it, so its output is native too.
        var one = Conv2D(4, 3).invoke(randn(2, 8, 8, 1), false);
        Assert.True(one.permute(0, 3, 1, 2).is_contiguous());
        Assert.Equal(new long[] { 4 * 6 * 6, 6 * 6, 6, 1 }, one.permute(0, 3, 1, 2).stride());
        // Flatten gives Keras's (H, W, C) element order.
        var flat = Flatten().invoke(z, false);
        Assert.Equal(z.contiguous().reshape(2, -1).data<float>().ToArray(), flat.data<float>().ToArray());
        Assert.Equal(z[0, 0, 1, 2].item<float>(), flat[0, 1 * 4 + 2].item<float>());
    }

    [Fact]
    public void ChannelsFirst_MatchesChannelsLast_OnTransposedData()
    {
        var last = Conv2D(3, (2, 3), strides: 2, padding: "same");
        var first = Conv2D(3, (2, 3), strides: 2, padding: "same", data_format: "channels_first");
        var x = randn(2, 7, 6, 2);
        var yl = last.invoke(x, false);
        first.invoke(x.permute(0, 3, 1, 2), false);
        first.set_weights(last.get_weights());
        var yf = first.invoke(x.permute(0, 3, 1, 2), false);
        Assert.True(yl.permute(0, 3, 1, 2).allclose(yf, atol: 1e-6));
    }

    [Fact]
    public void Config_RoundTripsThroughSaveAndLoad()
    {
        using var dir = new KerasSharp.Tests.Saving.TempFolder();
        var model = Sequential([
            InputLayer(shape: [12, 10, 3]),
            Rescaling(0.5, offset: 0.1),
            Conv2D(4, (3, 2), strides: (2, 1), padding: "same", dilation_rate: 1, activation: "tanh", use_bias: false, kernel_initializer: "he_normal"),
            BatchNormalization(momentum: 0.9, epsilon: 0.01, center: false),
            AvgPool2D((2, 3), strides: 1, padding: "same"),
            UpSampling2D((1, 2)),
            Conv2D(4, 3, groups: 2, data_format: "channels_last"),
            GlobalMaxPooling2D(keepdims: true),
            Flatten(),
            Dense(2),
        ]);
        model.save(dir.File("m.keras"));
        var loaded = Assert.IsType<Sequential>(load_model(dir.File("m.keras")));
        for (int i = 0; i < model.layers.Count; i++)
            Assert.Equal(KerasSharp.Saving.PythonJson.Dumps(model.layers[i].get_config()), KerasSharp.Saving.PythonJson.Dumps(loaded.layers[i].get_config()));
        var x = randn(2, 12, 10, 3);
        Assert.True(model.predict(x, verbose: 0).allclose(loaded.predict(x, verbose: 0), rtol: 0, atol: 0));
        var conv = Assert.IsType<Conv2D>(loaded.layers[1]);
        Assert.Equal(new[] { 3, 2 }, conv.kernel_size);
        Assert.Equal(new[] { 2, 1 }, conv.strides);
        Assert.Equal(("same", "tanh", false), (conv.padding, conv.activation.name, conv.use_bias));
    }

    /// <summary>Clips every value to [-limit, limit] (a test constraint).</summary>
    sealed class Clip(double limit) : KerasSharp.Constraints.Constraint
    {
        public override Tensor call(Tensor w) => w.clamp(-limit, limit);
    }

    [Fact]
    public void Constraints_AreAppliedAfterEachStep()
    {
        var model = Sequential([
            InputLayer(shape: [6, 6, 2]),
            Conv2D(3, 3, kernel_initializer: "ones", kernel_constraint: new Clip(0.01), bias_constraint: new Clip(0.002)),
            BatchNormalization(gamma_constraint: new Clip(0.5)),
            Flatten(), Dense(2),
        ]);
        model.compile(optimizer: "sgd", loss: "mse");
        model.fit(randn(8, 6, 6, 2), randn(8, 2), epochs: 1, batch_size: 4, verbose: 0);
        var conv = Assert.IsType<Conv2D>(model.layers[0]);
        var bn = Assert.IsType<BatchNormalization>(model.layers[1]);
        Assert.True(conv.kernel!.value.abs().max().item<float>() <= 0.01f + 1e-7f);
        Assert.True(conv.bias!.value.abs().max().item<float>() <= 0.002f + 1e-7f);
        Assert.True(bn.gamma!.value.abs().max().item<float>() <= 0.5f + 1e-7f);
        Assert.True(bn.gamma.value.abs().max().item<float>() > 0.4f); // was 1, clipped to 0.5
    }

    [Fact]
    public void Conv2D_Summary_ParamCount_AsKeras()
    {
        // Keras: Conv2D(filters=6, kernel_size=5) on (32, 32, 1): 5*5*1*6 + 6 = 156 parameters, (None, 28, 28, 6).
        var model = Sequential([InputLayer(shape: [32, 32, 1]), Conv2D(filters: 6, kernel_size: 5, padding: "valid", activation: "relu")]);
        Assert.Equal(156, model.count_params());
        Assert.Equal(new long?[] { null, 28, 28, 6 }, model.layers[0].output_shape);
        Assert.Equal(new long[] { 5, 5, 1, 6 }, model.get_weights()[0].shape);
    }
}
