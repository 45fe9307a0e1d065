using System;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// True/false positive/negative counts at a set of thresholds, accumulated on the device (Keras:
/// <c>metrics_utils.update_confusion_matrix_variables</c>): a prediction is positive when <c>y_pred > threshold</c>.
/// </summary>
internal sealed class ConfusionCounts(double[] thresholds, bool clipPredictions = false)
{
    Tensor? _thresholds;
    internal Tensor? tp, fp, tn, fn;

    internal void update(Tensor y_true, Tensor y_pred, Tensor? sample_weight)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.detach().to_type(ScalarType.Float32), y_pred.detach().to_type(ScalarType.Float32));
        var labels = t.reshape(-1, 1).ne(0.0);   // Keras casts labels to bool: any non-zero label is positive
        var preds = p.reshape(-1, 1);
        if (clipPredictions) preds = preds.clamp(0.0, 1.0);   // AUC's bucketed update clips y_pred to [0, 1]
        if (_thresholds is null)
        {
            _thresholds = tensor(thresholds, ScalarType.Float32, device: p.device).reshape(1, -1).DetachFromDisposeScope();
            tp = Metric.NewState(p.device).expand(thresholds.Length).clone().DetachFromDisposeScope();
            fp = tp.clone().DetachFromDisposeScope(); tn = tp.clone().DetachFromDisposeScope(); fn = tp.clone().DetachFromDisposeScope();
        }
        var positive = preds.gt(_thresholds);                  // (N, T)
        // Keras broadcasts the weights to y_pred's shape first, so (N,) weights cover every column of (N, k) predictions.
        Tensor w = sample_weight is null ? ones_like(preds) : BroadcastWeights(sample_weight, p).reshape(-1, 1);
        var wf = w.expand(positive.shape);
        var lab = labels.expand(positive.shape);
        // sum over the samples: an explicit dims array, since TorchSharp binds sum(0) to sum(ScalarType type = Byte),
        // a total over everything cast to bytes
        var samples = new long[] { 0 };
        tp!.add_(wf.mul(positive.logical_and(lab)).sum(samples));
        fp!.add_(wf.mul(positive.logical_and(lab.logical_not())).sum(samples));
        tn!.add_(wf.mul(positive.logical_not().logical_and(lab.logical_not())).sum(samples));
        fn!.add_(wf.mul(positive.logical_not().logical_and(lab)).sum(samples));
    }

    static Tensor BroadcastWeights(Tensor sample_weight, Tensor p)
    {
        var w = sample_weight.detach().to_type(ScalarType.Float32).to(p.device);
        if (w.dim() > 0 && w.dim() < p.dim() && w.shape[0] == p.shape[0])
            w = w.reshape(w.shape.Concat(Enumerable.Repeat(1L, (int)(p.dim() - w.dim()))).ToArray());
        try
        {
            return w.broadcast_to(p.shape);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArgumentException(
                $"`sample_weight` of shape {ShapeUtils.Format(sample_weight)} does not broadcast to y_pred of shape {ShapeUtils.Format(p)}.", nameof(sample_weight), e);
        }
    }

    internal void reset()
    {
        tp?.zero_(); fp?.zero_(); tn?.zero_(); fn?.zero_();
    }

    internal static Tensor DivideNoNan(Tensor a, Tensor b) => where(b.eq(0.0), zeros_like(a), a.div(b));

    internal static double[] Check(double[] thresholds)
    {
        foreach (var t in thresholds)
            if (!(t >= 0 && t <= 1))
                throw new ArgumentException($"Threshold values must be in [0, 1]. Received: {t}", nameof(thresholds));
        return thresholds;
    }
}
