using System;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Cross-entropy for one-hot labels (Keras: <c>keras.losses.CategoricalCrossentropy</c>, function
/// <c>categorical_crossentropy</c>). From probabilities, Keras's torch backend renormalises <c>p / sum(p)</c>, clips to
/// [1e-7, 1 - 1e-7] and returns <c>-sum(y_true · log p)</c>, so a per-sample loss never exceeds -log(1e-7) ≈ 16.12; from
/// logits it is <c>-sum(y_true · log_softmax(y_pred))</c>. Label smoothing maps y to y·(1 - s) + s / classes.
/// </summary>
public sealed class CategoricalCrossentropy : Loss
{
    /// <summary>Keras's arguments.</summary>
    public CategoricalCrossentropy(bool from_logits = false, double label_smoothing = 0.0, int axis = -1,
        string? name = null, string reduction = "sum_over_batch_size") : base(name ?? "categorical_crossentropy", reduction)
    {
        this.from_logits = from_logits;
        this.label_smoothing = CrossentropyMath.CheckSmoothing(label_smoothing);
        this.axis = axis;
    }

    /// <summary>Whether <c>y_pred</c> holds logits rather than probabilities.</summary>
    public bool from_logits { get; }
    /// <summary>Label smoothing factor in [0, 1].</summary>
    public double label_smoothing { get; }
    /// <summary>The class axis.</summary>
    public int axis { get; }

    internal override void validate(Tensor y_true, Tensor y_pred, bool inspectValues)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true, y_pred);
        ShapeUtils.RequireSameShape(t, p, "categorical_crossentropy expects one-hot labels with one column per class");
        if (p.dim() < 1)
            throw new ArgumentException($"categorical_crossentropy: arguments must be at least rank 1. Received: y_pred.shape={ShapeUtils.Format(p)}.", nameof(y_pred));
    }

    /// <inheritdoc />
    public override Tensor call(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.to_type(y_pred.dtype), y_pred);
        if (label_smoothing > 0)
            t = t.mul(1.0 - label_smoothing).add_(label_smoothing / p.shape[axis < 0 ? p.dim() + axis : axis]);
        var logProb = from_logits ? p.log_softmax(axis) : CrossentropyMath.LogProbabilities(p, axis);
        return t.mul(logProb).sum(new long[] { axis }).neg_();
    }

    /// <summary>The same loss from log-probabilities already clamped as Keras clips probabilities (the fused softmax path).</summary>
    internal Tensor call_from_log_probabilities(Tensor y_true, Tensor logProb)
    {
        var (t, lp) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.dtype == logProb.dtype ? y_true : y_true.to_type(logProb.dtype), logProb);
        if (label_smoothing > 0)
            t = t.mul(1.0 - label_smoothing).add_(label_smoothing / lp.shape[^1]);
        return t.mul(lp).sum(new long[] { -1 }).neg_();
    }
}
