namespace KerasSharp.Metrics;

/// <summary>How often <c>y_pred > threshold</c> matches binary labels (Keras: <c>keras.metrics.BinaryAccuracy</c>).</summary>
public sealed class BinaryAccuracy(string? name = null, double threshold = 0.5)
    : MeanMetricWrapper((t, p) => AccuracyFunctions.Binary(t, p, threshold), name ?? "binary_accuracy", "up")
{
    /// <summary>The decision threshold on predicted probabilities.</summary>
    public double threshold { get; } = threshold;
}
