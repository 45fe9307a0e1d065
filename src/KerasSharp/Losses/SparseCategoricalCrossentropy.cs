using System;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Cross-entropy for integer labels (Keras: <c>keras.losses.SparseCategoricalCrossentropy</c>, function
/// <c>sparse_categorical_crossentropy</c>): the same clipped, renormalised log-probability as
/// <see cref="CategoricalCrossentropy"/>, taken at the label's class. Labels may be (N) or (N, 1).
/// </summary>
public sealed class SparseCategoricalCrossentropy : Loss
{
    /// <summary>Keras's arguments; samples whose label equals <paramref name="ignore_class"/> count as zero loss.</summary>
    public SparseCategoricalCrossentropy(bool from_logits = false, int? ignore_class = null,
        string? name = null, string reduction = "sum_over_batch_size") : base(name ?? "sparse_categorical_crossentropy", reduction)
    {
        this.from_logits = from_logits;
        this.ignore_class = ignore_class;
    }

    /// <summary>Whether <c>y_pred</c> holds logits rather than probabilities.</summary>
    public bool from_logits { get; }
    /// <summary>A label value whose samples are ignored, or null.</summary>
    public int? ignore_class { get; }

    static Tensor Labels(Tensor y_true, Tensor y_pred)
    {
        var t = y_true;
        if (t.dim() == y_pred.dim() && t.shape[^1] == 1) t = t.squeeze(-1);
        return t.dtype == ScalarType.Int64 ? t : t.to_type(ScalarType.Int64);
    }

    internal override void validate(Tensor y_true, Tensor y_pred, bool inspectValues)
    {
        var t = y_true.dim() == y_pred.dim() && y_true.shape[^1] == 1 ? y_true.squeeze(-1) : y_true;
        if (y_pred.dim() < 1 || t.dim() != y_pred.dim() - 1 || !t.shape.AsSpan().SequenceEqual(y_pred.shape.AsSpan(0, (int)y_pred.dim() - 1)))
            throw new ArgumentException(
                $"sparse_categorical_crossentropy expects integer labels of shape (N) or (N, 1) for predictions (N, classes). "
                + $"Received: y_true.shape={ShapeUtils.Format(y_true)}, y_pred.shape={ShapeUtils.Format(y_pred)}.", nameof(y_true));
        if (inspectValues) CrossentropyMath.CheckClassLabels(t, y_pred.shape[^1], ignore_class, "sparse_categorical_crossentropy");
    }

    /// <summary>Samples whose label is not <see cref="ignore_class"/> (Keras's valid_mask), or null without ignore_class.</summary>
    internal override Tensor? loss_mask(Tensor y_true, Tensor y_pred) =>
        ignore_class is { } ignored ? Labels(y_true, y_pred).ne(ignored) : null;

    internal override void validate_labels(Tensor y_true, long outputs) =>
        CrossentropyMath.CheckClassLabels(y_true, outputs, ignore_class, "sparse_categorical_crossentropy");

    /// <inheritdoc />
    public override Tensor call(Tensor y_true, Tensor y_pred)
    {
        var labels = Labels(y_true, y_pred);
        Tensor? valid = null;
        if (ignore_class is { } ignored)
        {
            valid = labels.ne(ignored);
            labels = labels.masked_fill(valid.logical_not(), 0);
        }
        var logProb = from_logits ? y_pred.log_softmax(-1) : CrossentropyMath.LogProbabilities(y_pred, -1);
        var result = logProb.gather(-1, labels.unsqueeze(-1)).squeeze(-1).neg();
        return valid is null ? result : result.mul_(valid.to_type(result.dtype));
    }

    /// <summary>The same loss from clamped log-probabilities (the fused softmax path).</summary>
    internal Tensor call_from_log_probabilities(Tensor y_true, Tensor logProb)
    {
        var labels = Labels(y_true, logProb);
        Tensor? valid = null;
        if (ignore_class is { } ignored)
        {
            valid = labels.ne(ignored);
            labels = labels.masked_fill(valid.logical_not(), 0);
        }
        var result = logProb.gather(-1, labels.unsqueeze(-1)).squeeze(-1).neg();
        return valid is null ? result : result.mul_(valid.to_type(result.dtype));
    }
}
