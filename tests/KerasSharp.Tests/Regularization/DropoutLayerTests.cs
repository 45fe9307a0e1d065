using KerasSharp.Layers;
using KerasSharp.Saving;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Regularization;

/// <summary>
/// Dropout and the other regularization layers (keras/src/layers/regularization/*.py): inverted dropout's 1/(1-rate)
/// scaling and its rate measured over many draws, the identity outside training, seeds, noise shapes, configs.
/// </summary>
public sealed class DropoutLayerTests : TorchTest
{
    static float[] Values(Tensor t) => t.data<float>().ToArray();

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Training_DropsTheRate_AndScalesTheRestBy1OverKeep(double rate)
    {
        var x = ones(200, 500);
        var y = Values(Dropout(rate).call(x, training: true));
        var scaled = (float)(1 / (1 - rate));
        Assert.All(y, v => Assert.True(v == 0 || Math.Abs(v - scaled) < 1e-5, $"value {v}"));
        var dropped = y.Count(v => v == 0) / (double)y.Length;
        // 100 000 draws: the binomial standard deviation is at most 0.0016; 0.01 is over 6 of them.
        Assert.InRange(dropped, rate - 0.01, rate + 0.01);
    }

    [Fact]
    public void SeededDropout_MeasuresItsRate_AndScales()
    {
        var y = Values(Dropout(0.3, seed: 7).call(ones(200, 500), training: true));
        Assert.InRange(y.Count(v => v == 0) / (double)y.Length, 0.29, 0.31);
        Assert.All(y.Where(v => v != 0), v => Assert.Equal(1 / 0.7, v, 5));
    }

    [Fact]
    public void OutsideTraining_EveryLayerIsTheIdentity()
    {
        var x = randn(new long[] { 8, 3, 4, 5 });
        foreach (Layer layer in new Layer[] { Dropout(0.5), SpatialDropout2D(0.5), GaussianNoise(0.5), GaussianDropout(0.5), AlphaDropout(0.5), ActivityRegularization(0.1, 0.1) })
            Assert.Equal(Values(x), Values(layer.call(x, training: false)));
    }

    [Fact]
    public void PredictAndEvaluate_AreDeterministic_FitIsNot()
    {
        var model = Sequential([InputLayer(shape: [4]), Dense(16, activation: "relu"), Dropout(0.5), Dense(3, activation: "softmax")]);
        model.compile(loss: "categorical_crossentropy", optimizer: "sgd");
        var x = randn(32, 4);
        var y = eye(3).index_select(0, randint(0, 3, 32));
        var p1 = Values(model.predict(x, verbose: 0));
        var p2 = Values(model.predict(x, verbose: 0));
        Assert.Equal(p1, p2);
        Assert.Equal(model.evaluate(x, y, verbose: 0)["loss"], model.evaluate(x, y, verbose: 0)["loss"]);
        var layers = model.layers;
        var h = layers[0].call(x, false);
        var a = Values(layers[1].call(h, true));
        var b = Values(layers[1].call(h, true));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Seed_GivesTheSameSequenceOfMasksFromConstruction_WhateverTheGlobalSeed()
    {
        var x = ones(50, 40);
        var first = Dropout(0.5, seed: 42);
        keras.utils.set_random_seed(1);
        var a1 = Values(first.call(x, true));
        var a2 = Values(first.call(x, true));
        var second = Dropout(0.5, seed: 42);
        keras.utils.set_random_seed(2);
        Assert.Equal(a1, Values(second.call(x, true)));
        Assert.Equal(a2, Values(second.call(x, true)));
        Assert.NotEqual(a1, a2); // each call draws anew (Keras's SeedGenerator advances)
        Assert.NotEqual(a1, Values(Dropout(0.5, seed: 43).call(x, true)));
        foreach (var make in new Func<Layer>[] { () => GaussianNoise(0.3, seed: 3), () => GaussianDropout(0.3, seed: 3), () => AlphaDropout(0.3, seed: 3) })
            Assert.Equal(Values(make().call(x, true)), Values(make().call(x, true)));
    }

    [Fact]
    public void Unseeded_FollowsTheGlobalSeed()
    {
        var x = ones(50, 40);
        keras.utils.set_random_seed(5);
        var a = Values(Dropout(0.5).call(x, true));
        var g = Values(GaussianNoise(0.5).call(x, true));
        keras.utils.set_random_seed(5);
        Assert.Equal(a, Values(Dropout(0.5).call(x, true)));
        Assert.Equal(g, Values(GaussianNoise(0.5).call(x, true)));
    }

    [Fact]
    public void NoiseShape_SharesTheMaskAlongItsOnes()
    {
        var y = Dropout(0.5, noise_shape: [null, 1, null], seed: 1).call(ones(20, 6, 10), true);
        var first = y.select(1, 0);
        for (int t = 1; t < 6; t++) Assert.Equal(Values(first), Values(y.select(1, t)));
        Assert.Contains("rank 2", Assert.Throws<ArgumentException>(() => Dropout(0.5, noise_shape: [null, 1]).call(ones(2, 3, 4), true)).Message);
    }

    [Fact]
    public void SpatialDropout_DropsWholeFeatureMaps()
    {
        var y1 = SpatialDropout1D(0.5).call(ones(30, 7, 8), true);            // (batch, steps, channels)
        Assert.Equal(0, y1.amax(1).sub(y1.amin(1)).abs().max().item<float>());
        var y2 = SpatialDropout2D(0.5).call(ones(new long[] { 30, 4, 5, 8 }), true);          // channels last
        Assert.Equal(0, y2.amax([1, 2]).sub(y2.amin([1, 2])).abs().max().item<float>());
        var y2f = SpatialDropout2D(0.5, data_format: "channels_first").call(ones(new long[] { 30, 8, 4, 5 }), true);
        Assert.Equal(0, y2f.amax([2, 3]).sub(y2f.amin([2, 3])).abs().max().item<float>());
        var y3 = SpatialDropout3D(0.5).call(ones(new long[] { 10, 2, 3, 4, 8 }), true);
        Assert.Equal(0, y3.amax([1, 2, 3]).sub(y3.amin([1, 2, 3])).abs().max().item<float>());
        var kept = y1.select(1, 0);
        Assert.InRange(kept.eq(0).to_type(ScalarType.Float32).mean().item<float>(), 0.3, 0.7);
        Assert.Contains("rank 3", Assert.Throws<ArgumentException>(() => SpatialDropout1D(0.5).call(ones(3, 4), true)).Message);
        Assert.Contains("data_format=nhwc", Assert.Throws<ArgumentException>(() => SpatialDropout2D(0.5, data_format: "nhwc")).Message);
    }

    [Fact]
    public void GaussianNoise_AddsNoiseOfStddev_GaussianDropoutMultipliesNoiseOfSqrtRateOverKeep()
    {
        var x = full(400, 500, 2.0f);
        var noise = GaussianNoise(0.3).call(x, true).sub(x);
        Assert.Equal(0, noise.mean().item<float>(), 2);
        Assert.Equal(0.3, noise.std().item<float>(), 2);
        var factor = GaussianDropout(0.2).call(x, true).div(x);
        Assert.Equal(1, factor.mean().item<float>(), 2);
        Assert.Equal(Math.Sqrt(0.2 / 0.8), factor.std().item<float>(), 2);
    }

    [Fact]
    public void AlphaDropout_SetsDroppedUnitsToTheSeluSaturation_AndKeepsMeanAndVariance()
    {
        const double rate = 0.2, alphaP = -1.6732632423543772 * 1.0507009873554805;
        var a = Math.Pow((1 - rate) * (1 + rate * alphaP * alphaP), -0.5);
        var b = -a * alphaP * rate;
        var x = randn(400, 500);
        var y = AlphaDropout(rate, seed: 3).call(x, true);
        var xs = Values(x);
        var ys = Values(y);
        int dropped = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            var kept = Math.Abs(ys[i] - (a * xs[i] + b)) < 1e-4;
            var gone = Math.Abs(ys[i] - (a * alphaP + b)) < 1e-4;
            Assert.True(kept || gone, $"y={ys[i]} for x={xs[i]}");
            if (!kept) dropped++;
        }
        Assert.InRange(dropped / (double)xs.Length, 0.19, 0.21);
        Assert.Equal(0, y.mean().item<float>(), 1);
        Assert.Equal(1, y.var().item<float>(), 1);
    }

    [Fact]
    public void ActivityRegularization_AddsL1AndL2OfItsInput_OverTheBatch()
    {
        var layer = ActivityRegularization(l1: 0.1, l2: 0.01);
        var x = tensor(new float[] { 1, -2, 3, 4 }).reshape(2, 2);   // Σ|x| = 10, Σx² = 30
        Assert.Equal(Values(x), Values(layer.invoke(x, true)));
        Assert.Equal((0.1 * 10 + 0.01 * 30) / 2, layer.losses.Single().item<float>(), 6);
        Assert.False(layer.get_config().ContainsKey("activity_regularizer"));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void RatesOutsideZeroToOne_AreRefused_NamingTheValue(double rate)
    {
        foreach (var make in new Func<Layer>[] { () => Dropout(rate), () => SpatialDropout1D(rate), () => GaussianDropout(rate), () => AlphaDropout(rate) })
        {
            var e = Assert.Throws<ArgumentException>(make);
            Assert.Contains($"rate={rate}", e.Message);
            Assert.Contains("[0, 1)", e.Message);
        }
        Assert.Contains("stddev=-1", Assert.Throws<ArgumentException>(() => GaussianNoise(-1)).Message);
    }

    [Fact]
    public void Configs_AreKerasKeys_AndSurviveAKerasArchive()
    {
        Assert.Equal(["name", "trainable", "dtype", "rate", "seed", "noise_shape"], Dropout(0.2).get_config().Keys);
        Assert.Equal(["rate", "seed", "name", "dtype"], SpatialDropout1D(0.2).get_config().Keys);
        Assert.Equal(["rate", "seed", "name", "dtype", "data_format"], SpatialDropout3D(0.2).get_config().Keys);
        Assert.Equal(["name", "trainable", "dtype", "l1", "l2"], ActivityRegularization(0.1).get_config().Keys);
        var model = Sequential([InputLayer(shape: [2, 3]), Dropout(0.25, noise_shape: [null, 1, 3], seed: 9), GaussianNoise(0.1, seed: 2),
            SpatialDropout1D(0.1, seed: 4), GaussianDropout(0.3), AlphaDropout(0.1, seed: 1), ActivityRegularization(0.01, 0.02), Flatten(), Dense(2)]);
        using var dir = new TempFolder();
        model.save(dir.File("m.keras"));
        var loaded = load_model(dir.File("m.keras"));
        Assert.Equal(model.layers.Select(l => PythonJson.Dumps(l.get_config())), loaded.layers.Select(l => PythonJson.Dumps(l.get_config())));
        Assert.Equal(new int?[] { null, 1, 3 }, ((Dropout)loaded.layers[0]).noise_shape);
        var x = randn(new long[] { 4, 2, 3 });
        Assert.Equal(Values(model.predict(x, verbose: 0)), Values(loaded.predict(x, verbose: 0)));
    }
}
