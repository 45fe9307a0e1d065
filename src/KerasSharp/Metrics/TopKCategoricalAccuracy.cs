namespace KerasSharp.Metrics;

/// <summary>How often the one-hot label's class is among the <c>k</c> largest predictions (Keras: <c>keras.metrics.TopKCategoricalAccuracy</c>, k = 5).</summary>
public sealed class TopKCategoricalAccuracy(int k = 5, string? name = null)
    : MeanMetricWrapper((t, p) => AccuracyFunctions.TopK(t.argmax(-1), p, k), name ?? "top_k_categorical_accuracy", "up")
{
    /// <summary>How many top predictions count.</summary>
    public int k { get; } = k > 0 ? k : throw new System.ArgumentException($"`k` must be a positive integer. Received: k={k}", nameof(k));
}
