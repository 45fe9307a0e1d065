using KerasSharp.Layers;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Preprocessing;

/// <summary>
/// The random image layers' draws: rates and ranges from Keras's definitions
/// (keras/src/layers/preprocessing/image_preprocessing/random_*.py), seeded reproducibility, identity at inference,
/// Keras's layout and dtype handling, and refusals of bad arguments with Keras's messages (Fixtures/*.json "errors").
/// </summary>
public sealed class AugmentationBehaviourTests : TorchTest
{
    static Tensor Native(long n, long h, long w) => arange(n * h * w, dtype: ScalarType.Float32).reshape(n, 1, h, w);

    [Fact]
    public void RandomFlip_FlipsHalfTheImages_AndBothAxesTogether()
    {
        // (4000, 1, 2, 1) images [0, 1]: flipped left-right they read [1, 0].
        var x = tensor(new float[] { 0, 1 }).reshape(1, 1, 2, 1).expand(4000, 1, 2, 1);
        var y = RandomFlip("horizontal", seed: 1).call(x, true);
        var rate = y[.., 0, 0, 0].mean().item<float>();
        Assert.InRange(rate, 0.47f, 0.53f);
        Assert.True(y.sum(new long[] { 1, 2, 3 }).eq(1).all().item<bool>());
        // "horizontal_and_vertical": [[0, 1], [2, 3]] is either unchanged or turned by half a turn, never flipped once.
        var img = tensor(new float[] { 0, 1, 2, 3 }).reshape(1, 2, 2, 1).expand(400, 2, 2, 1);
        var both = RandomFlip(seed: 2).call(img, true).reshape(400, 4);
        var kept = both[.., 0].eq(0);
        var turned = both.eq(tensor(new float[] { 3, 2, 1, 0 })).all(1);
        Assert.True(kept.logical_or(turned).all().item<bool>());
        Assert.InRange(turned.to_type(ScalarType.Float32).mean().item<float>(), 0.4f, 0.6f);
    }

    [Fact]
    public void RandomRotation_AnglesStayInTheFactorRange_AndFillIt()
    {
        foreach (var (factor, lo, hi) in new[] { ((FloatRange)(-0.1, 0.2), -36.0, 72.0), ((FloatRange)0.1, -36.0, 36.0), ((FloatRange)(0.3, 0.1), 36.0, 108.0) })
        {
            var m = RandomRotation(factor, seed: 1).DrawTransform(Native(3000, 5, 5));
            var degrees = atan2(m[.., 3], m[.., 0]).rad2deg();
            var min = degrees.min().item<float>();
            var max = degrees.max().item<float>();
            Assert.InRange(min, lo - 1e-3, lo + 0.5);
            Assert.InRange(max, hi - 0.5, hi + 1e-3);
        }
    }

    [Fact]
    public void RandomZoom_AndRandomTranslation_DrawInTheirRanges()
    {
        var same = RandomZoom(0.3, seed: 1).DrawTransform(Native(2000, 5, 7));
        Assert.Equal(same[.., 0].data<float>().ToArray(), same[.., 4].data<float>().ToArray()); // width follows height
        Assert.InRange(same[.., 0].min().item<float>(), 0.7f - 1e-6f, 0.72f);
        Assert.InRange(same[.., 0].max().item<float>(), 1.28f, 1.3f + 1e-6f);
        var both = RandomZoom((0.1, 0.2), (-0.2, 0.1), seed: 1).DrawTransform(Native(2000, 5, 7));
        Assert.InRange(both[.., 4].min().item<float>(), 1.1f - 1e-6f, 1.11f);
        Assert.InRange(both[.., 0].min().item<float>(), 0.8f - 1e-6f, 0.82f);
        Assert.InRange(both[.., 0].max().item<float>(), 1.08f, 1.1f + 1e-6f);
        // Zoom about the centre: x' = z·x + (W - 1)/2·(1 - z) keeps the centre column in place.
        Assert.True((both[.., 0] * 3 + both[.., 2]).sub(3).abs().max().item<float>() < 1e-5f);

        var t = RandomTranslation((-0.2, 0.1), 0.25, seed: 1).DrawTransform(Native(2000, 10, 8));
        var dy = -t[.., 5] / 10;
        var dx = -t[.., 2] / 8;
        Assert.InRange(dy.min().item<float>(), -0.2f - 1e-6f, -0.19f);
        Assert.InRange(dy.max().item<float>(), 0.09f, 0.1f + 1e-6f);
        Assert.InRange(dx.min().item<float>(), -0.25f - 1e-6f, -0.24f);
        Assert.InRange(dx.max().item<float>(), 0.24f, 0.25f + 1e-6f);
    }

    [Fact]
    public void RandomContrast_ScalesDeviationsFromTheMean_InKerasRange_AndClips()
    {
        var x = rand(500, 4, 4, 2) * 100;
        foreach (var (factor, lo, hi) in new[] { ((FloatRange)(0.2, 0.4), 0.8f, 1.4f), ((FloatRange)0.3, 1.0f, 1.3f) })
        {
            var y = RandomContrast(factor, value_range: (-1e6, 1e6), seed: 4).call(x, true);
            var mean = x.mean(new long[] { 1, 2 }, keepdim: true);
            // c per image from its first pixel; every pixel of every channel follows (x - mean)·c + mean with that c.
            var c = ((y - mean) / (x - mean))[.., 0, 0, 0];
            Assert.InRange(c.min().item<float>(), lo - 1e-4f, lo + 0.02f);
            Assert.InRange(c.max().item<float>(), hi - 0.02f, hi + 1e-4f);
            var rebuilt = (x - mean) * c.view(-1, 1, 1, 1) + mean;
            Assert.True((rebuilt - y).abs().max().item<float>() < 1e-3f);
        }
        var clipped = RandomContrast((0.0, 1.0), seed: 1).call(x * 3, true);
        Assert.True(clipped.min().item<float>() >= 0 && clipped.max().item<float>() <= 255);
        Assert.True(clipped.eq(255).any().item<bool>());
    }

    [Fact]
    public void RandomCrop_TakesOneWindowPerBatch_AtEveryPosition()
    {
        var x = arange(2 * 6 * 7, dtype: ScalarType.Float32).reshape(2, 6, 7, 1);
        var layer = RandomCrop(3, 4, seed: 3);
        var seen = new HashSet<(int, int)>();
        for (int i = 0; i < 300; i++)
        {
            var y = layer.call(x, true);
            Assert.Equal(new long[] { 2, 3, 4, 1 }, y.shape);
            var first = (int)y[0, 0, 0, 0].item<float>();
            int top = first / 7, left = first % 7;
            Assert.InRange(top, 0, 3);
            Assert.InRange(left, 0, 3);
            Assert.True(y.eq(x[.., TensorIndex.Slice(top, top + 3), TensorIndex.Slice(left, left + 4), ..]).all().item<bool>());
            seen.Add((top, left));
        }
        Assert.Equal(16, seen.Count);
        Assert.Equal(x.data<float>().ToArray(), layer.call(x, false).data<float>().ToArray()); // Keras 3.11.3: unchanged at inference
    }

    [Fact]
    public void SeededLayers_RepeatTheirSequence_UnseededFollowTheGlobalSeed()
    {
        var x = rand(4, 6, 6, 3);
        Layer[] Make(int? seed) => new Layer[]
        {
            RandomFlip(seed: seed), RandomRotation(0.2, seed: seed), RandomZoom(0.3, seed: seed),
            RandomTranslation(0.2, 0.2, seed: seed), RandomCrop(4, 4, seed: seed), RandomContrast(0.5, seed: seed),
        };
        float[][] Run(Layer[] layers) => layers.SelectMany(l => Enumerable.Range(0, 3).Select(_ => l.call(x, true).contiguous().data<float>().ToArray())).ToArray();
        var a = Run(Make(5));
        Assert.Equal(a, Run(Make(5)));
        Assert.NotEqual(a, Run(Make(6)));
        for (int i = 0; i < a.Length; i += 3) Assert.NotEqual(a[i], a[i + 1]); // each call draws again
        keras.utils.set_random_seed(3);
        var u = Run(Make(null));
        keras.utils.set_random_seed(3);
        Assert.Equal(u, Run(Make(null)));
    }

    [Fact]
    public void RandomLayers_AreIdentities_InPredictAndEvaluate()
    {
        var model = Sequential([
            InputLayer(input_shape: [6, 6, 3]),
            RandomFlip(seed: 1), RandomRotation(0.3, seed: 1), RandomZoom(0.3, seed: 1),
            RandomTranslation(0.3, 0.3, seed: 1), RandomContrast(0.5, seed: 1),
        ]);
        var x = rand(5, 6, 6, 3) * 255;
        Assert.Equal(x.data<float>().ToArray(), model.predict(x).contiguous().data<float>().ToArray());
        model.compile(optimizer: "sgd", loss: "mse");
        Assert.Equal(0.0, model.evaluate(x, x, verbose: 0)["loss"], 6);
    }

    [Fact]
    public void Fit_SeesTheAugmentedImages()
    {
        // One SGD step (lr 1) of mse on w·x from w = 0 moves w by 2·mean(x seen): unflipped [0, 1] images give w = [0, 2];
        // flipped half the time, w ≈ [1, 1].
        var model = Sequential([
            InputLayer(input_shape: [1, 2, 1]), RandomFlip("horizontal", seed: 1), Flatten(),
            Dense(1, use_bias: false, kernel_initializer: new KerasSharp.Initializers.Zeros()),
        ]);
        model.compile(optimizer: new KerasSharp.Optimizers.SGD(learning_rate: 1.0), loss: "mse");
        var x = tensor(new float[] { 0, 1 }).reshape(1, 1, 2, 1).expand(2000, 1, 2, 1).contiguous();
        model.fit(x, ones(2000, 1), batch_size: 2000, epochs: 1, verbose: 0);
        var w = model.layers[^1].get_weights()[0].data<float>().ToArray();
        Assert.InRange(w[0], 0.9f, 1.1f);
        Assert.InRange(w[0] + w[1], 2f - 1e-4f, 2f + 1e-4f);
    }

    [Fact]
    public void Layout_DtypesAndSingleImages_FollowKeras()
    {
        // The channels_last result is a view of (N, C, H, W) storage, as the spatial layers pass it along.
        var y = Resizing(4, 4).call(rand(2, 5, 6, 3), false);
        Assert.True(y.permute(0, 3, 1, 2).is_contiguous());
        var model = Sequential([InputLayer(input_shape: [8, 8, 3]), Resizing(6, 6), CenterCrop(4, 4), Conv2D(2, 3), RandomFlip(seed: 1)]);
        Assert.Equal(new long[] { 3, 2, 2, 2 }, model.predict(rand(3, 8, 8, 3)).shape);
        // One image (height, width, channels) is one image out.
        Assert.Equal(new long[] { 5, 6, 3 }, RandomRotation(0.2, seed: 1).call(rand(5, 6, 3), true).shape);
        Assert.Equal(new long?[] { 3, 4, 3 }, CenterCrop(3, 4).compute_output_shape([5, 6, 3]));
        // Integer images: Resizing rounds back to their dtype; the random layers compute in float32.
        var bytes = randint(0, 256, new long[] { 1, 5, 6, 3 }).to_type(ScalarType.Byte);
        var resized = Resizing(3, 4).call(bytes, false);
        Assert.Equal(ScalarType.Byte, resized.dtype);
        var expected = Resizing(3, 4).call(bytes.to_type(ScalarType.Float32), false).round().to_type(ScalarType.Byte);
        Assert.True(resized.eq(expected).all().item<bool>());
        Assert.Equal(ScalarType.Float32, RandomFlip(seed: 1).call(bytes, false).dtype);
    }

    [Fact]
    public void BadArguments_AreRefused_WithKerasMessages()
    {
        foreach (var e in PreprocessingFixtures.root.GetProperty("errors").EnumerateArray())
        {
            var cls = e.GetProperty("class_name").GetString()!;
            var error = Assert.Throws<System.IO.InvalidDataException>(() => PreprocessingFixtures.FromKerasConfig(cls, e.GetProperty("kwargs").GetRawText()));
            Assert.Contains(e.GetProperty("error").GetString()!, error.Message);
        }
        Assert.StartsWith("The `factor` argument should be a number (or a list of two numbers) in the range [-1, 1]. Received: factor=1.5",
            Assert.Throws<ArgumentException>(() => RandomRotation(1.5)).Message);
        Assert.StartsWith("Unknown `fill_mode` mirror.", Assert.Throws<ArgumentException>(() => RandomZoom(0.1, fill_mode: "mirror")).Message);
        Assert.Contains("Lanczos", Assert.Throws<ArgumentException>(() => Resizing(2, 2, interpolation: "lanczos3")).Message);
        Assert.Contains("interpolation=area", Assert.Throws<ArgumentException>(() => Resizing(2, 2, interpolation: "area")).Message);
        Assert.Contains("Only one of", Assert.Throws<ArgumentException>(() => Resizing(2, 2, crop_to_aspect_ratio: true, pad_to_aspect_ratio: true)).Message);
        Assert.Contains("height=0", Assert.Throws<ArgumentException>(() => CenterCrop(0, 2)).Message);
        Assert.Contains("diagonal", Assert.Throws<ArgumentException>(() => RandomFlip("diagonal")).Message);
        Assert.Contains("value_range=(5, 1)", Assert.Throws<ArgumentException>(() => RandomContrast(0.1, value_range: (5, 1))).Message);
        Assert.Contains("data_format=NHWC", Assert.Throws<ArgumentException>(() => RandomCrop(2, 2, data_format: "NHWC")).Message);
        Assert.Contains("fill_value", Assert.Throws<ArgumentException>(() => RandomTranslation(0.1, 0.1, fill_value: double.NaN)).Message);
        var rank = Assert.Throws<ArgumentException>(() => RandomFlip(seed: 1).call(rand(4, 5), true));
        Assert.Contains("(batch, height, width, channels)", rank.Message);
        Assert.Contains("(4, 5)", rank.Message);
        Assert.Throws<ArgumentException>(() => Sequential([InputLayer(input_shape: [5]), Resizing(2, 2)]));
    }
}
