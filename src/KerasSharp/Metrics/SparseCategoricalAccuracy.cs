using System;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>How often <c>argmax(y_pred)</c> equals integer labels (Keras: <c>keras.metrics.SparseCategoricalAccuracy</c>).</summary>
public sealed class SparseCategoricalAccuracy(string? name = null)
    : MeanMetricWrapper(AccuracyFunctions.SparseCategorical, name ?? "sparse_categorical_accuracy", "up")
{
    /// <inheritdoc />
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        // fit's common case (no weights, one prediction per sample): count the matches, a few operations fewer per step.
        if (sample_weight is null && y_pred.dim() == 2 && (y_true.dim() == 1 || (y_true.dim() == 2 && y_true.shape[1] == 1)))
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            update_matches(AccuracyFunctions.SparseCategoricalMatches(y_true, y_pred));
            return;
        }
        base.update_state(y_true, y_pred, sample_weight);
    }

    internal override bool argmax_only(Tensor y_true, Tensor y_pred) => true;

    internal override void validate(Tensor y_true, Tensor y_pred)
    {
        // Keras squeezes a trailing 1 of y_true when the ranks are equal, then compares it with argmax(y_pred, -1).
        var labels = y_true.shape;
        if (labels.Length == y_pred.dim() && labels.Length > 0 && labels[^1] == 1) labels = labels[..^1];
        bool fits = y_pred.dim() >= 1 && labels.Length == y_pred.dim() - 1
            && labels.Skip(1).SequenceEqual(y_pred.shape.Skip(1).Take(labels.Length - 1));
        if (!fits)
            throw new ArgumentException(
                $"Metric '{this.name}' (sparse categorical accuracy) expects integer class labels shaped like the predictions without their last axis (or with a last axis of 1). Received: y_true.shape={ShapeUtils.Format(y_true)}, y_pred.shape={ShapeUtils.Format(y_pred)}; for one-hot labels use categorical accuracy.",
                nameof(y_true));
    }
}
