using KerasSharp.Callbacks;
using KerasSharp.Models;
using TorchSharp;
using Xunit;
using static KerasSharp.keras.layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

/// <summary>
/// fit, evaluate and predict free every tensor they make: the number of live TorchSharp tensors does not grow from
/// one epoch, or one call, to the next. Counted with TorchSharp's per-thread statistics (created minus disposed on this
/// thread, in and out of dispose scopes), so a tensor left to the garbage collector also counts as a leak.
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class MemoryTests
{
    public MemoryTests()
    {
        keras.backend.clear_session();
        keras.config.set_device("cpu");
        keras.utils.set_random_seed(0);
    }

    static long LiveTensors => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    static (Tensor x, Tensor y) Data(long n)
    {
        var labels = randint(0, 3, new long[] { n });
        return (randn(n, 4).add(nn.functional.one_hot(labels, 4).mul(2)), keras.utils.to_categorical(labels, 3));
    }

    static Sequential Model()
    {
        var model = new Sequential([InputLayer(shape: [4]), Dense(8, activation: "relu"), Dense(3, activation: "softmax")]);
        model.compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: ["accuracy", "AUC"]);
        return model;
    }

    /// <summary>The live tensor count at the end of every epoch.</summary>
    sealed class EpochProbe : Callback
    {
        internal readonly List<long> counts = new();
        public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null) => counts.Add(LiveTensors);
    }

    [Fact]
    public void Fit_WithValidationAndMetrics_KeepsTheLiveTensorCountFlatAcrossEpochs()
    {
        var (x, y) = Data(130);   // 104 training rows: three full batches of 32 and a partial one
        var model = Model();
        var probe = new EpochProbe();
        model.fit(x, y, epochs: 20, batch_size: 32, validation_split: 0.2, callbacks: [probe], verbose: 0);
        Assert.Equal(20, probe.counts.Count);
        // The probe runs inside the epoch, whose temporaries (the permutation, from the second epoch on the metric
        // resets) are still alive; from the second epoch on they are the same each time, so the count is flat.
        Assert.All(probe.counts.Skip(1), c => Assert.Equal(probe.counts[1], c));
        Assert.True(probe.counts[0] <= probe.counts[1]);
    }

    [Fact]
    public void RepeatedFitEvaluatePredict_KeepTheLiveTensorCountFlat()
    {
        var (x, y) = Data(100);
        var (vx, vy) = Data(40);
        var model = Model();
        var afterFit = new List<long>();
        var afterEvaluate = new List<long>();
        var afterPredict = new List<long>();
        for (int i = 0; i < 5; i++)
        {
            model.fit(x, y, epochs: 2, batch_size: 16, validation_data: (vx, vy), verbose: 0);
            afterFit.Add(LiveTensors);
            model.evaluate(vx, vy, batch_size: 16, verbose: 0);
            afterEvaluate.Add(LiveTensors);
            model.predict(vx, batch_size: 16, verbose: 0).Dispose();
            afterPredict.Add(LiveTensors);
        }
        Assert.All(afterFit, c => Assert.Equal(afterFit[0], c));
        Assert.All(afterEvaluate, c => Assert.Equal(afterEvaluate[0], c));
        Assert.All(afterPredict, c => Assert.Equal(afterPredict[0], c));
    }

    [Fact]
    public void TheCount_SeesALeak()
    {
        // The probe itself: a callback keeping one tensor per epoch shows up as growth of one per epoch.
        var (x, y) = Data(64);
        var model = Model();
        var probe = new EpochProbe();
        var leaked = new List<Tensor>();
        var leak = new LambdaCallback(on_epoch_end: (_, _) => leaked.Add(zeros(1).DetachFromDisposeScope()));
        model.fit(x, y, epochs: 5, batch_size: 32, callbacks: [leak, probe], verbose: 0);
        Assert.Equal(new long[] { 0, 1, 2, 3 }, probe.counts.Skip(1).Select(c => c - probe.counts[1]));
        foreach (var t in leaked) t.Dispose();
    }
}
