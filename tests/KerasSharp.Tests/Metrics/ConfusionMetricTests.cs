using System;
using System.Linq;
using KerasSharp.Metrics;
using Xunit;
using static KerasSharp.Tests.Losses.Numerics;

namespace KerasSharp.Tests.Metrics;

/// <summary>
/// AUC (ROC, Riemann sum over 200 thresholds), Precision and Recall (threshold 0.5) against a double implementation of
/// keras/src/metrics/confusion_metrics.py and metrics_utils.update_confusion_matrix_variables.
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class ConfusionMetricTests
{
    static readonly double[] Labels = { 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1 };
    static readonly double[] Preds =
    {
        0.93, 0.12, 0.71, 0.48, 0.37, 0.66, 0.82, 0.05, 0.56, 0.44, 0.29, 0.91,
        0.38, 0.61, 0.77, 0.23, 0.52, 0.64, 0.83, 0.35, 0.99, 0.07, 0.41, 0.58,
    };

    /// <summary>
    /// Keras's AUC for curve="ROC": thresholds [-1e-7, 1/(n-1), ..., (n-2)/(n-1), 1 + 1e-7]; predictions clipped to [0, 1];
    /// labels cast to bool (non-zero = positive); a prediction is positive at threshold t when p > t; tp/fp/tn/fn summed
    /// with the sample weights; recall = tp/(tp+fn), fpr = fp/(fp+tn) (0 when undefined); the area is
    /// sum_i (fpr_i - fpr_{i+1}) · h_i with h_i the mean (interpolation), min (minoring) or max (majoring) of recall_i, recall_{i+1}.
    /// </summary>
    static double KerasRocAuc(double[] labels, double[] preds, double[]? weights = null, int n = 200, string summation = "interpolation")
    {
        var thresholds = new double[n];
        thresholds[0] = -1e-7;
        for (int i = 1; i < n - 1; i++) thresholds[i] = i / (double)(n - 1);
        thresholds[n - 1] = 1 + 1e-7;
        var recall = new double[n];
        var fpr = new double[n];
        for (int i = 0; i < n; i++)
        {
            double tp = 0, fp = 0, tn = 0, fn = 0;
            for (int j = 0; j < labels.Length; j++)
            {
                double w = weights?[j] ?? 1.0;
                bool positiveLabel = labels[j] != 0;
                bool positivePrediction = Math.Clamp(F(preds[j]), 0.0, 1.0) > thresholds[i];
                if (positiveLabel && positivePrediction) tp += w;
                else if (!positiveLabel && positivePrediction) fp += w;
                else if (!positiveLabel) tn += w;
                else fn += w;
            }
            recall[i] = tp + fn == 0 ? 0 : tp / (tp + fn);
            fpr[i] = fp + tn == 0 ? 0 : fp / (fp + tn);
        }
        double area = 0;
        for (int i = 0; i < n - 1; i++)
        {
            double h = summation switch
            {
                "interpolation" => (recall[i] + recall[i + 1]) / 2,
                "minoring" => Math.Min(recall[i], recall[i + 1]),
                _ => Math.Max(recall[i], recall[i + 1]),
            };
            area += (fpr[i] - fpr[i + 1]) * h;
        }
        return area;
    }

    /// <summary>The exact ROC AUC: P(score of a positive > score of a negative), ties counting one half.</summary>
    static double ExactAuc(double[] labels, double[] preds)
    {
        double wins = 0, pairs = 0;
        for (int i = 0; i < labels.Length; i++)
            for (int j = 0; j < labels.Length; j++)
                if (labels[i] != 0 && labels[j] == 0)
                {
                    pairs++;
                    wins += preds[i] > preds[j] ? 1 : preds[i] == preds[j] ? 0.5 : 0;
                }
        return wins / pairs;
    }

    [Fact]
    public void Auc_MatchesKerasRiemannSum()
    {
        // no prediction sits on a threshold k/199, where float32 rounding could move it between buckets
        Assert.All(Preds, p => Assert.True(Math.Abs(p * 199 - Math.Round(p * 199)) > 1e-3));
        double expected = KerasRocAuc(Labels, Preds);
        // the 200-threshold approximation is close to the exact area (two same-bucket pairs make the difference)
        Assert.InRange(expected - ExactAuc(Labels, Preds), -0.01, 0.01);
        var auc = new AUC();
        Assert.Equal(200, auc.num_thresholds);
        auc.update_state(T(Labels), T(Preds));
        Close(expected, auc.result(), rel: 1e-5);
        // accumulated over two batches of different sizes: the same counts
        var twice = new AUC();
        twice.update_state(T(Labels.Take(5).ToArray()), T(Preds.Take(5).ToArray()));
        twice.update_state(Col(Labels.Skip(5).ToArray()), Col(Preds.Skip(5).ToArray()));
        Close(expected, twice.result(), rel: 1e-5);
    }

    [Theory]
    [InlineData("minoring")]
    [InlineData("majoring")]
    public void Auc_SummationMethods(string method)
    {
        var auc = new AUC(summation_method: method);
        auc.update_state(T(Labels), T(Preds));
        Close(KerasRocAuc(Labels, Preds, summation: method), auc.result(), rel: 1e-5);
    }

    [Fact]
    public void Auc_FewThresholdsAndSampleWeights()
    {
        var weights = Labels.Select((_, i) => 0.5 + (i % 4)).ToArray();
        var auc = new AUC(num_thresholds: 7);
        auc.update_state(T(Labels), T(Preds), T(weights));
        double expected = KerasRocAuc(Labels, Preds, weights, n: 7);
        Assert.True(Math.Abs(expected - KerasRocAuc(Labels, Preds, null, n: 7)) > 1e-3);   // the weights matter
        Close(expected, auc.result(), rel: 1e-5);
    }

    [Fact]
    public void Auc_PerfectlySeparableIsOne()
    {
        double[] labels = { 0, 0, 0, 1, 1, 1, 0, 1 };
        double[] preds = { 0.05, 0.3, 0.12, 0.7, 0.95, 0.81, 0.2, 0.74 };
        Assert.Equal(1.0, ExactAuc(labels, preds));
        var auc = new AUC();
        auc.update_state(T(labels), T(preds));
        Close(1.0, auc.result(), abs: 1e-6);
        var reversed = new AUC();
        reversed.update_state(T(labels), T(preds.Select(p => 1 - p).ToArray()));
        Close(0.0, reversed.result(), abs: 1e-6);
    }

    [Fact]
    public void Auc_ClipsPredictionsToZeroOne()
    {
        // Keras clips y_pred to [0, 1] before bucketing (metrics_utils: "in case there are predict value that is out of
        // the range"): scores below 0 count as 0 and above 1 as 1.
        var scores = Preds.Select(p => 3 * p - 1).ToArray();   // from -0.85 to 1.97
        double expected = KerasRocAuc(Labels, scores);
        var auc = new AUC();
        auc.update_state(T(Labels), T(scores));
        Close(expected, auc.result(), rel: 1e-5);
    }

    [Fact]
    public void Auc_NonZeroLabelsArePositive()
    {
        // labels are cast to bool: 0.3 is a positive label, as 1 is
        var soft = Labels.Select(l => l * 0.3).ToArray();
        var auc = new AUC();
        auc.update_state(T(soft), T(Preds));
        Close(KerasRocAuc(Labels, Preds), auc.result(), rel: 1e-5);
    }

    [Fact]
    public void Auc_ResetAndEmpty()
    {
        var auc = new AUC();
        Close(0.0, auc.result());
        auc.update_state(T(Labels), T(Preds));
        auc.reset_state();
        Close(0.0, auc.result());
        Assert.Throws<ArgumentException>(() => new AUC(num_thresholds: 1));
    }

    // labels:      1    0    1    1    0    0     1    0
    // predictions: 0.9  0.6  0.5  0.2  0.4  0.51  0.7  0.55
    // positive (p > 0.5): T T F F F T T T → tp = 2 (0.9, 0.7), fp = 3 (0.6, 0.51, 0.55), fn = 2 (0.5, 0.2)
    static readonly double[] PrLabels = { 1, 0, 1, 1, 0, 0, 1, 0 };
    static readonly double[] PrPreds = { 0.9, 0.6, 0.5, 0.2, 0.4, 0.51, 0.7, 0.55 };

    [Fact]
    public void Precision_TpOverTpPlusFp_StrictThreshold()
    {
        // 2 / 5 = 0.4 (with p >= 0.5 the 0.5 would be a true positive: 3 / 6)
        var m = new Precision();
        m.update_state(T(PrLabels), T(PrPreds));
        Close(0.4, m.result());
        var t = new Precision(thresholds: 0.8);   // only 0.9: 1 / 1
        t.update_state(T(PrLabels), T(PrPreds));
        Close(1.0, t.result());
    }

    [Fact]
    public void Recall_TpOverTpPlusFn_StrictThreshold()
    {
        // 2 / 4 = 0.5 (with >= it would be 3 / 4)
        var m = new Recall();
        m.update_state(T(PrLabels), T(PrPreds));
        Close(0.5, m.result());
        // accumulated: a second batch of one positive predicted positive → 3 / 5
        m.update_state(T(1), T(0.8));
        Close(0.6, m.result());
    }

    [Fact]
    public void PrecisionAndRecall_WithSampleWeights()
    {
        // weights 0.25, 0.5, ..., 2: tp = 0.25 + 1.75 = 2, fp = 0.5 + 1.5 + 2 = 4, fn = 0.75 + 1 = 1.75
        var w = Enumerable.Range(1, 8).Select(i => 0.25 * i).ToArray();
        var p = new Precision();
        p.update_state(T(PrLabels), T(PrPreds), T(w));
        Close(2.0 / 6, p.result());
        var r = new Recall();
        r.update_state(T(PrLabels), T(PrPreds), T(w));
        Close(2.0 / 3.75, r.result());
        // counts beyond 255 (300 copies of the batch)
        var many = new Recall();
        for (int i = 0; i < 300; i++) many.update_state(T(PrLabels), T(PrPreds));
        Close(0.5, many.result());
    }

    [Fact]
    public void PrecisionAndRecall_UndefinedIsZero()
    {
        // divide_no_nan: nothing predicted positive → precision 0; no positive label → recall 0; nothing seen → 0
        var p = new Precision();
        Close(0.0, p.result());
        p.update_state(T(1, 0, 1), T(0.1, 0.2, 0.5));
        Close(0.0, p.result());
        var r = new Recall();
        Close(0.0, r.result());
        r.update_state(T(0, 0), T(0.9, 0.1));
        Close(0.0, r.result());
        r.reset_state();
        Close(0.0, r.result());
    }

    [Fact]
    public void PrecisionAndRecall_NonZeroLabelsArePositive()
    {
        // Keras casts y_true to bool: a label of 0.3 is positive
        var p = new Precision();
        p.update_state(T(0.3, 0, 0.3), T(0.9, 0.8, 0.1));   // tp = 1, fp = 1
        Close(0.5, p.result());
        var r = new Recall();
        r.update_state(T(0.3, 0, 0.3), T(0.9, 0.8, 0.1));   // tp = 1, fn = 1
        Close(0.5, r.result());
    }
}
