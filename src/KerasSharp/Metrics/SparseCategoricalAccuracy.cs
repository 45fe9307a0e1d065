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
}
