using KerasSharp.Models;
using KerasSharp.Utils;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.utils;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// Misuse around saving (issue 13 items 13, 19, 20): concurrent saves to one path, labels at the edge of int, typos in
/// names.
/// </summary>
public sealed class HostileMisuseTests : TorchTest
{
    [Fact]
    public void TwoThreadsSavingToOnePath_NeverLeaveAPartialFile_ForAReaderOrAfterwards()
    {
        using var dir = new TempFolder();
        var a = Sequential([InputLayer(shape: [4]), Dense(64), Dense(3)]);
        var b = Sequential([InputLayer(shape: [4]), Dense(64), Dense(3)]);
        var path = dir.File("m.keras");
        var weightsPath = dir.File("m.weights.h5");
        a.save(path);
        a.save_weights(weightsPath);
        var expected = new[] { HostileFileTests.Weights(a), HostileFileTests.Weights(b) };

        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        int reads = 0;
        var reader = new Thread(() =>
        {
            var probe = Sequential([InputLayer(shape: [4]), Dense(64), Dense(3)]);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var loaded = HostileFileTests.Weights(load_model(path, compile: false));
                    Assert.Contains(expected, w => w.Zip(loaded).All(p => p.First.SequenceEqual(p.Second)));
                    probe.load_weights(weightsPath);
                    reads++;
                }
                catch (Exception e) { failures.Add(e); }
            }
        });
        reader.Start();
        var writers = new[] { a, b }.Select(m => new Thread(() =>
        {
            for (int i = 0; i < 25; i++)
            {
                try { m.save(path); m.save_weights(weightsPath); }
                catch (Exception e) { failures.Add(e); }
            }
        })).ToList();
        writers.ForEach(t => t.Start());
        writers.ForEach(t => t.Join());
        stop.Cancel();
        reader.Join();

        Assert.Empty(failures);
        Assert.True(reads > 0);
        var final = HostileFileTests.Weights(load_model(path));
        Assert.Contains(expected, w => w.Zip(final).All(p => p.First.SequenceEqual(p.Second)));
        Assert.Equal(new[] { "m.keras", "m.weights.h5" }, Directory.GetFiles(dir.path).Select(Path.GetFileName).Order());   // no temporary files left
    }

    [Fact]
    public void ASaveReplacesTheWholeFile_EvenWhenTheNewOneIsSmaller()
    {
        using var dir = new TempFolder();
        var big = Sequential([InputLayer(shape: [4]), Dense(500), Dense(3)]);
        var small = Sequential([InputLayer(shape: [4]), Dense(3)]);
        big.save(dir.File("m.keras"));
        small.save(dir.File("m.keras"));
        var loaded = load_model(dir.File("m.keras"));
        Assert.Equal(HostileFileTests.Weights(small), HostileFileTests.Weights(loaded));
    }

    [Fact]
    public void ToCategorical_WithTheLargestInt_RefusesClearly()
    {
        var e = Assert.Throws<ArgumentException>(() => to_categorical(new[] { 0, int.MaxValue }));
        Assert.Contains("the largest label is 2147483647, so num_classes would be 2147483648", e.Message);
        var big = to_categorical(new long[] { 0, 9 });
        Assert.Equal(new long[] { 2, 10 }, big.shape);
    }

    [Theory]
    [InlineData("optimizer", "adma", "adam")]
    [InlineData("loss", "categorical_crossentopy", "categorical_crossentropy")]
    [InlineData("loss", "Categorical_Crossentropy", "categorical_crossentropy")]
    [InlineData("metric", "acuracy", "accuracy")]
    [InlineData("activation", "rleu", "relu")]
    [InlineData("regularizer", "l3", "l1")]
    [InlineData("initializer", "glorot_unifrom", "glorot_uniform")]
    public void UnknownNames_PutTheClosestFirst_ThenListTheValidOnes(string kind, string typo, string closest)
    {
        Action act = kind switch
        {
            "optimizer" => () => KerasSharp.Optimizers.Optimizer.get(typo),
            "loss" => () => KerasSharp.Losses.Loss.get(typo),
            "metric" => () => KerasSharp.Metrics.Metric.get(typo),
            "activation" => () => KerasSharp.Activations.ActivationFunction.get(typo),
            "regularizer" => () => KerasSharp.Regularizers.Regularizer.get(typo),
            _ => () => KerasSharp.Initializers.Initializer.get(typo),
        };
        var e = Assert.Throws<ArgumentException>(act);
        Assert.Contains($"'{typo}'. Did you mean '{closest}'? Expected one of: ", e.Message);
        Assert.True(e.Message.IndexOf("Did you mean", StringComparison.Ordinal) < e.Message.IndexOf("Expected one of", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownLayerClassInAConfig_SuggestsTheClosest()
    {
        var e = Assert.Throws<NotSupportedException>(() => KerasSharp.Saving.ClassRegistry.Layer("Dence", null, new Dictionary<string, object?>()));
        Assert.Contains("'Dence': KerasSharp cannot rebuild it from a Keras config. Did you mean 'Dense'? ", e.Message);
    }

    [Fact]
    public void ClosestName_SuggestsOnlyTypos()
    {
        Assert.Equal(1, ClosestName.Distance("acuracy", "accuracy"));
        Assert.Equal(1, ClosestName.Distance("rleu", "relu"));             // a swap of neighbours costs 1
        Assert.Equal(3, ClosestName.Distance("kitten", "sitting"));
        Assert.Equal("", ClosestName.DidYouMean("completely_unrelated", new[] { "adam", "sgd" }));
        Assert.Equal("", ClosestName.DidYouMean("adam", new[] { "adam", "sgd" }));
        Assert.Equal("Did you mean 'sgd'? ", ClosestName.DidYouMean("SGD", new[] { "adam", "sgd" }));
    }
}
