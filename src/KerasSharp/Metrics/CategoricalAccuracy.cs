using System;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>How often <c>argmax(y_pred)</c> equals <c>argmax(y_true)</c> for one-hot labels (Keras: <c>keras.metrics.CategoricalAccuracy</c>).</summary>
public sealed class CategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Named "categorical_accuracy" unless <paramref name="name"/> is given.</summary>
    public CategoricalAccuracy(string? name = null) : base(AccuracyFunctions.Categorical, name ?? "categorical_accuracy", "up") { }

    /// <inheritdoc />
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        // fit's common case (no weights, one prediction per sample): count the matches, a few operations fewer per step.
        if (sample_weight is null && y_true.dim() == 2 && y_pred.dim() == 2)
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            update_matches(AccuracyFunctions.CategoricalMatches(y_true, y_pred));
            return;
        }
        base.update_state(y_true, y_pred, sample_weight);
    }

    internal override bool argmax_only(Tensor y_true, Tensor y_pred) => true;

    internal override void validate(Tensor y_true, Tensor y_pred)
    {
        if (y_true.dim() != y_pred.dim() || y_true.shape[^1] != y_pred.shape[^1])
            throw new ArgumentException(
                $"Metric '{name}' (categorical accuracy) expects one-hot labels shaped like the predictions. Received: y_true.shape={ShapeUtils.Format(y_true)}, y_pred.shape={ShapeUtils.Format(y_pred)}.",
                nameof(y_true));
    }
}
