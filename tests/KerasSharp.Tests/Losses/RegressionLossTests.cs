using System;
using System.Linq;
using KerasSharp.Losses;
using Xunit;
using static KerasSharp.Tests.Losses.KerasFormulas;
using static KerasSharp.Tests.Losses.Numerics;

namespace KerasSharp.Tests.Losses;

/// <summary>
/// Per-sample values (<c>call</c>) and the default "sum_over_batch_size" reduction (<c>compute</c>) of the regression,
/// probabilistic and hinge losses against <see cref="KerasFormulas"/>, with a few rows worked by hand.
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class RegressionLossTests
{
    static readonly double[,] YTrue = { { 1, 2, 3 }, { 0.5, -1, 4 }, { 0, 0.25, -2 } };
    static readonly double[,] YPred = { { 1.5, 1, 3.5 }, { 0, 0.2, 2 }, { 0.3, -0.5, -2.5 } };

    static void Check(Loss loss, double[,] yTrue, double[,] yPred, Func<double[], double[], double> formula, double[]? byHand = null)
    {
        var expected = PerRow(Rows(yTrue), Rows(yPred), formula);
        if (byHand is not null) Close(byHand, T(expected), rel: 1e-6);   // the loop formula agrees with the hand arithmetic
        Close(expected, loss.call(T(yTrue), T(yPred)));
        Close(expected.Average(), loss.compute(T(yTrue), T(yPred)));
    }

    [Fact]
    public void MeanSquaredError()
    {
        // row 0: ((1-1.5)² + (2-1)² + (3-3.5)²) / 3 = (0.25 + 1 + 0.25) / 3 = 0.5
        // row 1: (0.5² + 1.2² + 2²) / 3 = (0.25 + 1.44 + 4) / 3 = 1.8966667
        // row 2: (0.3² + 0.75² + 0.5²) / 3 = (0.09 + 0.5625 + 0.25) / 3 = 0.3008333
        Check(new MeanSquaredError(), YTrue, YPred, Mse, new[] { 0.5, 5.69 / 3, 0.9025 / 3 });
    }

    [Fact]
    public void MeanAbsoluteError()
    {
        // row 0: (0.5 + 1 + 0.5) / 3; row 1: (0.5 + 1.2 + 2) / 3; row 2: (0.3 + 0.75 + 0.5) / 3
        Check(new MeanAbsoluteError(), YTrue, YPred, Mae, new[] { 2.0 / 3, 3.7 / 3, 1.55 / 3 });
    }

    [Fact]
    public void MeanAbsolutePercentageError_DividesByMaxOfAbsTrueAndEpsilon()
    {
        // row 0: 100 · (0.5/1 + 1/2 + 0.5/3) / 3 = 38.888889
        // row 2 has y_true = 0: 100 · (0.3/1e-7 + 0.75/0.25 + 0.5/2) / 3 ≈ 1.0e8, not infinity
        var expected = PerRow(Rows(YTrue), Rows(YPred), Mape);
        Close(100 * (0.5 + 0.5 + 0.5 / 3) / 3, expected[0], rel: 1e-7);
        Assert.InRange(expected[2], 0.99e8, 1.01e8);
        Check(new MeanAbsolutePercentageError(), YTrue, YPred, Mape);
    }

    [Fact]
    public void MeanSquaredLogarithmicError_ClipsNegativeValuesToEpsilon()
    {
        // row 1 has y_true = -1 and row 2 y_pred = -0.5, -2.5: log(max(v, 1e-7) + 1) ≈ 1e-7 for them
        Check(new MeanSquaredLogarithmicError(), YTrue, YPred, Msle);
    }

    [Fact]
    public void LogCosh()
    {
        // row 0: (log cosh 0.5 + log cosh 1 + log cosh 0.5) / 3 = (0.1201145 + 0.4337808 + 0.1201145) / 3 = 0.2246699
        var expected = PerRow(Rows(YTrue), Rows(YPred), KerasFormulas.LogCosh);
        Close(0.224669948, expected[0], rel: 1e-8);
        Check(new LogCosh(), YTrue, YPred, KerasFormulas.LogCosh);
    }

    [Fact]
    public void Huber_DefaultDeltaOne()
    {
        // x = y_pred - y_true; 0.5x² where |x| ≤ 1, else |x| - 0.5
        // row 0: x = 0.5, -1, 0.5 → 0.125, 0.5, 0.125 → 0.25
        // row 1: x = -0.5, 1.2, -2 → 0.125, 0.7, 1.5 → 0.775
        // row 2: x = 0.3, -0.75, -0.5 → 0.045, 0.28125, 0.125 → 0.15041667
        Check(new Huber(), YTrue, YPred, (t, p) => KerasFormulas.Huber(t, p, 1.0), new[] { 0.25, 0.775, 0.45125 / 3 });
    }

    [Fact]
    public void Huber_DeltaMovesTheKnee()
    {
        // delta 0.5: row 0: x = 0.5, -1, 0.5 → 0.125, 0.5·1 - 0.5·0.25 = 0.375, 0.125 → 0.2083333
        var expected = PerRow(Rows(YTrue), Rows(YPred), (t, p) => KerasFormulas.Huber(t, p, 0.5));
        Close(0.625 / 3, expected[0], rel: 1e-7);
        Check(new Huber(delta: 0.5), YTrue, YPred, (t, p) => KerasFormulas.Huber(t, p, 0.5));
        Assert.Equal("huber_loss", new Huber().name);   // Keras's default name, though "huber_loss" is not a loss identifier
    }

    [Fact]
    public void CosineSimilarity_IsNegativeAndZeroForAZeroVector()
    {
        // row 0: -(1·1.5 + 2·1 + 3·3.5) / (‖(1,2,3)‖ · ‖(1.5,1,3.5)‖) = -14 / (3.7416574 · 3.9370039) = -0.9503819;
        // row 1: y_pred = -y_true → +1; row 2: y_true = 0 → 0
        double[,] t = { { 1, 2, 3 }, { 0.5, -1, 4 }, { 0, 0, 0 } };
        double[,] p = { { 1.5, 1, 3.5 }, { -0.5, 1, -4 }, { 0.3, -0.5, -2.5 } };
        Check(new CosineSimilarity(), t, p, KerasFormulas.CosineSimilarity, new[] { -14 / (Math.Sqrt(14) * Math.Sqrt(15.5)), 1.0, 0.0 });
    }

    [Fact]
    public void KLDivergence_ClipsBothToEpsilonAndOne()
    {
        // row 0: 0.2·log(0.2/0.1) + 0.5·log(0.5/0.6) + 0.3·log(0.3/0.3) = 0.1386294 - 0.0911608 + 0 = 0.0474686
        // row 1 has y_true = 0 (→ 1e-7) and row 2 y_pred = 1.2 (→ 1) and y_pred = 0 (→ 1e-7)
        double[,] t = { { 0.2, 0.5, 0.3 }, { 0, 1, 0 }, { 0.6, 0.4, 0 } };
        double[,] p = { { 0.1, 0.6, 0.3 }, { 0.2, 0.7, 0.1 }, { 0.5, 1.2, 0 } };
        var byHand = PerRow(Rows(t), Rows(p), KLDivergence);
        Close(0.2 * Math.Log(2) + 0.5 * Math.Log(0.5 / 0.6), byHand[0], rel: 1e-6);
        Check(new KLDivergence(), t, p, KLDivergence);
    }

    [Fact]
    public void Poisson()
    {
        // row 0: ((0.5 - 1·log 0.5) + (0.1 - 0) + (2.5 - 3·log 2.5)) / 3 = (1.1931472 + 0.1 - 0.2488722) / 3 = 0.3480917
        // row 2: y_pred = 0 where y_true = 2: 0 - 2·log(0 + 1e-7) = 32.236191 (the epsilon keeps it finite)
        double[,] t = { { 1, 0, 3 }, { 2, 2, 0 }, { 2, 1, 0 } };
        double[,] p = { { 0.5, 0.1, 2.5 }, { 1.5, 3, 0.2 }, { 0, 1, 0.5 } };
        var byHand = PerRow(Rows(t), Rows(p), KerasFormulas.Poisson);
        Close((0.5 - Math.Log(0.5) + 0.1 + 2.5 - 3 * Math.Log(2.5)) / 3, byHand[0], rel: 1e-6);
        Close((2 * 16.118095639272223 + 1 + 0.5) / 3, byHand[2], rel: 1e-6);
        Check(new Poisson(), t, p, KerasFormulas.Poisson);
    }

    [Fact]
    public void Hinge_ConvertsZeroOneLabelsToMinusOneOne()
    {
        // labels {0, 1} → {-1, 1}: row 0: t = (-1, 1), p = (0.3, -0.2): max(1 + 0.3, 0) = 1.3, max(1 + 0.2, 0) = 1.2 → 1.25
        //                          row 1: t = (1, -1), p = (0.8, 1.5): 0.2, 2.5 → 1.35
        // (without the conversion row 0 would be (1 + 1.2) / 2 = 1.1)
        double[,] t = { { 0, 1 }, { 1, 0 } };
        double[,] p = { { 0.3, -0.2 }, { 0.8, 1.5 } };
        var converted = HingeLabels(Rows(t));
        var expected = PerRow(converted, Rows(p), KerasFormulas.Hinge);
        Close(new[] { 1.25, 1.35 }, T(expected), rel: 1e-6);
        Close(expected, new Hinge().call(T(t), T(p)));
        Close(1.3, new Hinge().compute(T(t), T(p)));
        // squared: row 0: (1.3² + 1.2²) / 2 = 1.565; row 1: (0.2² + 2.5²) / 2 = 3.145
        Close(new[] { 1.565, 3.145 }, new SquaredHinge().call(T(t), T(p)));
    }

    [Fact]
    public void Hinge_LeavesMinusOneOneAndNonBinaryLabelsAlone()
    {
        double[,] p = { { 0.3, -0.2 }, { 0.8, 1.5 } };
        // already -1/1: the same numbers as the converted 0/1 case
        Close(new[] { 1.25, 1.35 }, new Hinge().call(T(new double[,] { { -1, 1 }, { 1, -1 } }), T(p)));
        // one label outside {0, 1} anywhere in the batch: no conversion at all (Keras tests the whole tensor)
        double[,] t = { { 0, 1 }, { 1, 2 } };
        // row 0: max(1 - 0, 0) = 1, max(1 + 0.2, 0) = 1.2 → 1.1; row 1: max(1 - 0.8, 0) = 0.2, max(1 - 3, 0) = 0 → 0.1
        var expected = PerRow(HingeLabels(Rows(t)), Rows(p), KerasFormulas.Hinge);
        Close(new[] { 1.1, 0.1 }, T(expected), rel: 1e-6);
        Close(expected, new Hinge().call(T(t), T(p)));
        Close(PerRow(HingeLabels(Rows(t)), Rows(p), SquaredHinge), new SquaredHinge().call(T(t), T(p)));
    }

    [Fact]
    public void CategoricalHinge()
    {
        // row 0: pos = 0.6, neg = max(0.3, 0, 0.1) = 0.3 → max(0.3 - 0.6 + 1, 0) = 0.7
        // row 1: pos = 0.1, neg = max(0, 0.7, 0.2) = 0.7 → 1.6
        // row 2: pos = 2.0, neg = max(0.5, 0.2, 0) = 0.5 → max(-0.5, 0) = 0
        double[,] t = { { 0, 1, 0 }, { 1, 0, 0 }, { 0, 0, 1 } };
        double[,] p = { { 0.3, 0.6, 0.1 }, { 0.1, 0.7, 0.2 }, { 0.5, 0.2, 2.0 } };
        Check(new CategoricalHinge(), t, p, KerasFormulas.CategoricalHinge, new[] { 0.7, 1.6, 0.0 });
    }
}
