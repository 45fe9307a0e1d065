using KerasSharp.Layers;
using KerasSharp.Models;
using Xunit;
using static KerasSharp.keras.layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Convolutional;

/// <summary>
/// Spatial layers and Sequential free the handles of intermediate tensors during the call (as TorchSharp's
/// nn.Sequential does), so a training step's memory is what autograd keeps; values and gradients are unchanged.
/// </summary>
public sealed class ConvMemoryTests : TorchTest
{
    static Sequential ConvStack(params Layer[] extra)
    {
        var layers = new List<Layer>
        {
            InputLayer(shape: [12, 12, 3]),
            Conv2D(4, 3, padding: "same", activation: "relu"), MaxPool2D(2),
            Conv2D(5, 3, activation: "relu"), AvgPool2D(2, padding: "same"),
        };
        layers.AddRange(extra);
        layers.Add(Flatten());
        var model = new Sequential(layers);
        model.build([null, 12, 12, 3]);
        return model;
    }

    [Fact]
    public void SequentialOfSpatialLayers_LeavesOnlyItsOutputInTheScope()
    {
        var model = ConvStack();
        var x = randn(2, 12, 12, 3);
        using var scope = NewDisposeScope();
        var y = model.call(x, true);
        // Without the releases every layer left its result, its native view, the pre-activation result and the kernel
        // copies in the scope (16 live tensors here); now only the model's output is live.
        var live = scope.DisposablesView.OfType<Tensor>().Where(t => !t.IsInvalid).ToList();
        Assert.True(live.Count == 1, string.Join("; ", live.Select(t => $"{string.Join(",", t.shape)} {t.dtype}")));
        Assert.Same(y, live[0]);
        Assert.False(x.IsInvalid); // the caller's input is never released
        Assert.Equal(new long[] { 2, 20 }, y.shape);
    }

    [Fact]
    public void ReleasedIntermediates_GiveTheSameValuesAndGradients()
    {
        var model = ConvStack();
        var x = randn(2, 12, 12, 3);
        var target = randn(2, 20);
        // Through the model (intermediates released) and layer by layer (every intermediate kept), the same weights.
        var y = model.call(x, true);
        y.sub(target).square().sum().backward();
        var grads = model.trainable_weights.Select(w => w.value.grad!.clone()).ToList();
        foreach (var w in model.trainable_weights) w.value.grad!.zero_();
        var kept = new List<Tensor>();
        var z = x;
        foreach (var layer in model.layers)
        {
            z = layer.call(z, true);
            kept.Add(z);
        }
        z.sub(target).square().sum().backward();
        Assert.True(y.eq(z).all().item<bool>());
        foreach (var (w, g) in model.trainable_weights.Zip(grads)) Assert.True(w.value.grad!.eq(g).all().item<bool>(), w.name);
        Assert.All(kept, t => Assert.False(t.IsInvalid));
    }

    /// <summary>A user's layer that keeps the tensor it was given and returns it unchanged.</summary>
    sealed class KeepsInput : Layer
    {
        public Tensor? seen;
        public override Tensor call(Tensor inputs, bool training) => seen = inputs;
    }

    [Fact]
    public void UserLayersNextToSpatialLayers_KeepTheirTensors()
    {
        var keep = new KeepsInput();
        var model = ConvStack(keep, Conv2D(3, 1));
        var x = randn(2, 12, 12, 3);
        var y = model.call(x, true);
        // The pooling output went to a user's layer, which kept it and returned it to a Conv2D: neither is released.
        Assert.NotNull(keep.seen);
        Assert.False(keep.seen!.IsInvalid);
        Assert.Equal(new long[] { 2, 2, 2, 5 }, keep.seen.shape);
        Assert.Equal(new long[] { 2, 12 }, y.shape);
        y.sum().backward();
        Assert.All(model.trainable_weights, w => Assert.NotNull(w.value.grad));
    }

    [Fact]
    public void Fit_OfAConvNet_TrainsAsLayerByLayerSteps()
    {
        // One SGD step by fit (intermediates released, fused softmax head) against the same step computed by hand from
        // the layers' calls with nothing released: the same weights after it.
        var model = new Sequential([InputLayer(shape: [6, 6, 2]), Conv2D(3, 3, padding: "same", activation: "relu"), MaxPool2D(2),
            Flatten(), Dense(4, activation: "softmax")]);
        model.compile(optimizer: new KerasSharp.Optimizers.SGD(0.1), loss: "categorical_crossentropy");
        var x = randn(4, 6, 6, 2);
        var y = nn.functional.one_hot(tensor(new long[] { 0, 1, 2, 3 }), 4).to_type(ScalarType.Float32);
        var before = model.get_weights().Select(w => w.clone()).ToList();
        var z = x;
        foreach (var layer in model.layers) z = layer.call(z, true);
        var loss = z.clamp(1e-7, 1 - 1e-7).log().mul(y).sum(1).neg().mean();
        loss.backward();
        var expected = model.trainable_weights.Select((w, i) => before[i].sub(w.value.grad!.mul(0.1))).ToList();
        foreach (var w in model.trainable_weights) w.value.grad = null;
        model.fit(x, y, epochs: 1, batch_size: 4, shuffle: false, verbose: 0);
        foreach (var (w, e) in model.get_weights().Zip(expected)) Assert.True(w.allclose(e, rtol: 1e-5, atol: 1e-6));
    }

    [Theory]
    [InlineData("channels_last")]
    [InlineData("channels_first")]
    public void Flatten_OfASpatialLayersView_GivesKerasOrderAndAGradientInTheNativeLayout(string dataFormat)
    {
        // A spatial layer's result: native (N, C, H, W) storage, seen as (N, H, W, C) for channels_last.
        var leaf = randn(2, 3, 4, 5).requires_grad_(true);
        var native = leaf.mul(2);
        var x = dataFormat == "channels_last" ? native.permute(0, 2, 3, 1) : native;
        var flat = Flatten(data_format: dataFormat).call(x, true);
        // Keras's element order: flat[n, (h * W + w) * C + c] = native[n, c, h, w].
        Assert.Equal(new long[] { 2, 60 }, flat.shape);
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 3; c++)
                for (int h = 0; h < 4; h++)
                    for (int w = 0; w < 5; w++)
                        Assert.Equal(native[n, c, h, w].item<float>(), flat[n, (h * 5 + w) * 3 + c].item<float>());
        var weights = randn(2, 60);
        // d/d native[n, c, h, w] = weights[n, (h * W + w) * C + c], laid out like native (canonical NCHW strides): the
        // layer before gets a gradient its backward kernels take without copies (a permute's backward gave it
        // channels_last strides). autograd.grad returns the gradient as backward hands it on.
        var grad = autograd.grad([flat.mul(weights).sum()], [native])[0];
        Assert.Equal(new long[] { 60, 20, 5, 1 }, grad.stride());
        Assert.True(grad.eq(weights.view(2, 4, 5, 3).permute(0, 3, 1, 2)).all().item<bool>());
    }
}
