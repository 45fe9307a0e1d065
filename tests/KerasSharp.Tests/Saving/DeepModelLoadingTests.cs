using System.Linq;
using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// Loading the weights of a model of many layers stays linear (issue 13: 60,000 layers took 27 s). PureHDF finds a
/// child by name by scanning its group's links, so asking it for each of n layers by name costs n²/2 comparisons;
/// the reader indexes a large group's children once instead. Counted, not timed.
/// </summary>
public sealed class DeepModelLoadingTests : TorchTest
{
    static Sequential Deep(int n)
    {
        var model = new Sequential([InputLayer(shape: [1])]);
        for (int i = 0; i < n; i++) model.add(Dense(1), rebuild: i == n - 1);
        return model;
    }

    [Theory]
    [InlineData(50)]
    [InlineData(400)]
    public void LoadingManyLayers_ScansALinearNumberOfLinks(int n)
    {
        manual_seed(3);
        using var saved = Deep(n);
        byte[] bytes;
        using (var captured = WeightsFile.Capture(saved)) bytes = SaveCaptureTests.Encoded(captured);
        using var target = Deep(n);
        using var reader = H5Reader.Open(bytes, "deep.weights.h5");
        WeightsFile.Load(target, reader, optimizerBuilt: false, "deep.weights.h5");
        var expected = saved.get_weights();
        var loaded = target.get_weights();
        Assert.Equal(2 * n, loaded.Count);
        Assert.All(Enumerable.Range(0, loaded.Count), i => Assert.True(loaded[i].eq(expected[i]).all().item<bool>(), $"weight {i}"));
        // A lookup per layer in "layers" scans its n links: n² in all. Indexed: a few scans, then one small group per layer.
        Assert.InRange(reader.name_scan_cost, n, 12L * n);
    }
}
