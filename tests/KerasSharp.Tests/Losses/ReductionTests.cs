using System.Linq;
using KerasSharp.Losses;
using Xunit;
using static KerasSharp.Tests.Losses.KerasFormulas;
using static KerasSharp.Tests.Losses.Numerics;

namespace KerasSharp.Tests.Losses;

/// <summary>
/// Keras's reductions (loss.py, reduce_weighted_values / reduce_values) with and without sample weights, and its
/// squeeze_or_expand_to_same_rank rule, on mean squared error.
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class ReductionTests
{
    static readonly double[,] YTrue = { { 1, 2 }, { 0, -1 }, { 3, 3 }, { 0.5, 0 } };
    static readonly double[,] YPred = { { 0, 2 }, { 1, 1 }, { 2.5, 4 }, { 0.5, 3 } };
    // per-sample MSE: (1 + 0)/2 = 0.5, (1 + 4)/2 = 2.5, (0.25 + 1)/2 = 0.625, (0 + 9)/2 = 4.5
    static readonly double[] PerSample = { 0.5, 2.5, 0.625, 4.5 };
    static readonly double[] Weights = { 1, 0.5, 2, 0 };

    [Fact]
    public void PerSampleValuesAreTheHandValues() =>
        Close(PerSample, new MeanSquaredError().call(T(YTrue), T(YPred)));

    [Theory]
    [InlineData("sum_over_batch_size")]
    [InlineData("mean")]
    [InlineData("sum")]
    [InlineData("mean_with_sample_weight")]
    public void WithoutWeights(string reduction)
    {
        // sum = 8.125; the means divide by 4 → 2.03125 (mean_with_sample_weight without weights divides by the count too)
        double expected = Reduce(PerSample, null, reduction);
        Assert.Equal(reduction == "sum" ? 8.125 : 2.03125, expected);
        Close(expected, new MeanSquaredError(reduction: reduction).compute(T(YTrue), T(YPred)));
    }

    [Theory]
    [InlineData("sum_over_batch_size")]
    [InlineData("mean")]
    [InlineData("sum")]
    [InlineData("mean_with_sample_weight")]
    public void WithWeights(string reduction)
    {
        // weighted values: 0.5·1, 2.5·0.5, 0.625·2, 4.5·0 = 0.5, 1.25, 1.25, 0 → sum 3.0
        // sum_over_batch_size / mean: 3.0 / 4 (the number of values, not the weight sum 3.5) = 0.75
        // mean_with_sample_weight: 3.0 / 3.5 = 0.857142857
        double expected = Reduce(PerSample, Weights, reduction);
        Assert.Equal(reduction switch { "sum" => 3.0, "mean_with_sample_weight" => 3.0 / 3.5, _ => 0.75 }, expected, 12);
        var loss = new MeanSquaredError(reduction: reduction);
        Close(expected, loss.compute(T(YTrue), T(YPred), T(Weights)));
        // weights shaped (N, 1) are squeezed to the values' rank
        Close(expected, loss.compute(T(YTrue), T(YPred), Col(Weights)));
    }

    [Fact]
    public void None_ReturnsTheWeightedPerSampleValues()
    {
        var loss = new MeanSquaredError(reduction: "none");
        Close(PerSample, loss.compute(T(YTrue), T(YPred)));
        Close(new[] { 0.5, 1.25, 1.25, 0 }, loss.compute(T(YTrue), T(YPred), T(Weights)));
    }

    [Fact]
    public void SumOverBatchSize_DividesByTheElementCountOfHigherRankValues()
    {
        // y (2, 3, 2): per-sample values have shape (2, 3) and the loss is their mean over all 6, not over 2
        var t = TorchSharp.torch.arange(12, dtype: TorchSharp.torch.ScalarType.Float32).reshape(2, 3, 2).div(4);
        var p = t.mul(t).sub(0.5);
        var values = new MeanSquaredError().call(t, p);
        Assert.Equal(new long[] { 2, 3 }, values.shape);
        var tv = Values(t);
        var pv = Values(p);
        var expected = Enumerable.Range(0, 6).Select(i => Mse(new[] { tv[2 * i], tv[2 * i + 1] }, new[] { pv[2 * i], pv[2 * i + 1] })).ToArray();
        Close(expected, values, new long[] { 2, 3 });
        Close(expected.Average(), new MeanSquaredError().compute(t, p));
        Close(expected.Sum(), new MeanSquaredError(reduction: "sum").compute(t, p));
    }

    [Fact]
    public void MeanWithSampleWeight_AllZeroWeightsGiveZeroNotNaN()
    {
        // Keras's reduce_values uses divide_no_nan
        Close(0.0, new MeanSquaredError(reduction: "mean_with_sample_weight").compute(T(YTrue), T(YPred), T(0, 0, 0, 0)));
        Close(0.0, new MeanSquaredError().compute(T(YTrue), T(YPred), T(0, 0, 0, 0)));
    }

    [Fact]
    public void SqueezeOrExpand_LabelsOfShapeNAgainstPredictionsOfShapeNBy1()
    {
        // y_true (3) vs y_pred (3, 1): y_true is expanded to (3, 1), so each sample is compared with its own prediction:
        // (1 - 0.5)², (2 - 2.5)², (4 - 1)² = 0.25, 0.25, 9. Broadcasting would compare every pair instead.
        var values = new MeanSquaredError().call(T(1, 2, 4), Col(0.5, 2.5, 1));
        Close(new[] { 0.25, 0.25, 9 }, values);
        Close(9.5 / 3, new MeanSquaredError().compute(T(1, 2, 4), Col(0.5, 2.5, 1)));
        // the other way round, and y_true (N, 1) against y_pred (N) of rank 1 (expanded)
        Close(new[] { 0.25, 0.25, 9 }, new MeanSquaredError().call(Col(1, 2, 4), T(0.5, 2.5, 1)));
        Close(new[] { 0.5, 0.5, 3 }, new MeanAbsoluteError().call(L(1, 2, 4), Col(0.5, 2.5, 1)));
        // rank 3 vs rank 2 with a trailing 1: the (2, 2, 1) side is squeezed to (2, 2)
        var t3 = T(new double[,] { { 1, 2 }, { 3, 4 } }).reshape(2, 2, 1);
        Close(new[] { (0.25 + 0.25) / 2, (1 + 0) / 2.0 }, new MeanSquaredError().call(t3, T(new double[,] { { 1.5, 1.5 }, { 2, 4 } })));
    }
}
