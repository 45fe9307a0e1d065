using KerasSharp.Metrics;
using KerasSharp.Tests.Callbacks;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Metrics;

/// <summary>Mean with element-wise weights and confusion counts with per-sample weights, as real Keras 3.11.3 computes them.</summary>
public sealed class WeightedMeanTests : TorchTest
{
    static double Keras(string key) => Oracle.Schedules.GetProperty("mean").GetProperty(key).GetDouble();

    static double MeanOf(Tensor values, Tensor? weights)
    {
        var m = new Mean();
        m.update_state(values, weights);
        return m.result().item<float>();
    }

    [Fact]
    public void ElementwiseWeights_MultiplyBeforeAveraging()
    {
        Assert.Equal(1.0, Keras("elementwise_1x2"));   // the example
        Assert.Equal(Keras("elementwise_1x2"), MeanOf(tensor(new float[,] { { 1, 3 } }), tensor(new float[,] { { 1, 0 } })), 6);
        Assert.Equal(Keras("elementwise_2x2"), MeanOf(tensor(new float[,] { { 1, 3 }, { 5, 7 } }), tensor(new float[,] { { 1, 0 }, { 0.5f, 0.5f } })), 6);
        Assert.Equal(Keras("rowwise_2x2"), MeanOf(tensor(new float[,] { { 1, 3 }, { 5, 7 } }), tensor(new float[] { 2, 1 })), 6);
        Assert.Equal(Keras("vector"), MeanOf(tensor(new float[] { 1, 3, 5 }), tensor(new float[] { 1, 0, 2 })), 6);
    }

    [Fact]
    public void ScalarWeight_AveragesEverything_AndBadShapesAreRefused()
    {
        // Keras: a 0-d weight reduces the values to one mean, counted with the weight: mean([1, 3]) = 2.
        Assert.Equal(2.0, MeanOf(tensor(new float[,] { { 1, 3 } }), tensor(2f)), 6);
        var e = Assert.Throws<ArgumentException>(() => MeanOf(tensor(new float[,] { { 1, 3 }, { 5, 7 } }), tensor(new float[] { 1, 2, 3 })));
        Assert.Contains("sample_weight", e.Message);
    }

    [Fact]
    public void ConfusionCounts_BroadcastPerSampleWeightsOverColumns()
    {
        var f = Oracle.Schedules.GetProperty("confusion_weighted");
        Tensor Matrix(string key) => tensor(f.GetProperty(key).EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => (float)v.GetDouble())).ToArray()).reshape(3, 3);
        var yTrue = Matrix("y_true");
        var yPred = Matrix("y_pred");
        var sw = tensor(f.GetProperty("sample_weight").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray());
        var results = f.GetProperty("results");
        foreach (var (name, metric) in new (string, Metric)[] { ("Precision", new Precision()), ("Recall", new Recall()) })
        {
            metric.update_state(yTrue, yPred, sw);
            Assert.Equal(results.GetProperty(name).GetDouble(), metric.result().item<float>(), 6);
        }
    }
}
