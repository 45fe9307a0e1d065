using System.Linq;
using KerasSharp.Metrics;
using Xunit;
using static KerasSharp.Tests.Losses.KerasFormulas;
using static KerasSharp.Tests.Losses.Numerics;

namespace KerasSharp.Tests.Metrics;

/// <summary>
/// The mean squared / absolute error metrics: per-sample values (mean over the last axis) averaged sample-wise over every
/// batch since the last reset (reduction_metrics.py, Mean / MeanMetricWrapper), with optional sample weights.
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class RegressionMetricTests
{
    static readonly double[,] T1 = { { 1, 2 } };
    static readonly double[,] P1 = { { 3, 2 } };
    static readonly double[,] T2 = { { 0, 0 }, { 1, -1 }, { 2, 2 } };
    static readonly double[,] P2 = { { 0.5, -0.5 }, { 1, 1 }, { 2, 5 } };

    [Fact]
    public void MeanSquaredError_RunningSampleWiseMean()
    {
        // batch 1 (1 sample): (4 + 0)/2 = 2; batch 2 (3 samples): 0.25, 2, 4.5
        // → (2 + 0.25 + 2 + 4.5) / 4 = 2.1875, not the mean of batch means (2 + 2.25) / 2 = 2.125
        var perSample = PerRow(Rows(T1), Rows(P1), Mse).Concat(PerRow(Rows(T2), Rows(P2), Mse)).ToArray();
        Assert.Equal(new[] { 2, 0.25, 2, 4.5 }, perSample);
        var m = new MeanSquaredError();
        Assert.Equal("mean_squared_error", m.name);
        m.update_state(T(T1), T(P1));
        Close(2.0, m.result());
        m.update_state(T(T2), T(P2));
        Close(perSample.Average(), m.result());
        var named = Metric.get("mse");
        Assert.IsType<MeanSquaredError>(named);
        Assert.Equal("mse", named.name);
    }

    [Fact]
    public void MeanAbsoluteError_RunningSampleWiseMean()
    {
        // batch 1: (2 + 0)/2 = 1; batch 2: 0.5, 1, 1.5 → 4 / 4 = 1.0
        var perSample = PerRow(Rows(T1), Rows(P1), Mae).Concat(PerRow(Rows(T2), Rows(P2), Mae)).ToArray();
        var m = Metric.get("mae");
        Assert.IsType<MeanAbsoluteError>(m);
        Assert.Equal("mae", m.name);
        m.update_state(T(T1), T(P1));
        m.update_state(T(T2), T(P2));
        Close(perSample.Average(), m.result());
        // a third batch (2 samples, error 3 each): (4 + 6) / 6
        m.update_state(T(new double[,] { { 0, 0 }, { 1, 1 } }), T(new double[,] { { 3, 3 }, { -2, -2 } }));
        Close(10.0 / 6, m.result());
    }

    [Fact]
    public void SampleWeights_DivideByTheWeightSum()
    {
        // per-sample 0.25, 2, 4.5 with weights 2, 1, 0 → (0.5 + 2 + 0) / 3
        var m = new MeanSquaredError();
        m.update_state(T(T2), T(P2), T(2, 1, 0));
        Close(2.5 / 3, m.result());
        var a = new MeanAbsoluteError();
        a.update_state(T(T2), T(P2), T(2, 1, 0));   // 0.5·2 + 1·1 → 2 / 3
        Close(2.0 / 3, a.result());
    }

    [Fact]
    public void ResetState_StartsOver()
    {
        var m = new MeanSquaredError();
        m.update_state(T(T2), T(P2));
        m.reset_state();
        Close(0.0, m.result());
        m.update_state(T(T1), T(P1));
        Close(2.0, m.result());
    }

    [Fact]
    public void Mean_WeightsAndCounts()
    {
        // keras.metrics.Mean: total += sum(v·w), count += sum(w)
        var m = new Mean();
        m.update_state(T(1, 2, 3));
        m.update_state(T(10), T(3));
        Close((6 + 30) / 6.0, m.result());
    }
}
