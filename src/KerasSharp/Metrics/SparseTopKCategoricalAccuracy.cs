namespace KerasSharp.Metrics;

/// <summary>How often the integer label is among the <c>k</c> largest predictions (Keras: <c>keras.metrics.SparseTopKCategoricalAccuracy</c>, k = 5).</summary>
public sealed class SparseTopKCategoricalAccuracy(int k = 5, string? name = null)
    : MeanMetricWrapper((t, p) => AccuracyFunctions.TopK(t.dim() == p.dim() ? t.squeeze(-1) : t, p, k), name ?? "sparse_top_k_categorical_accuracy", "up")
{
    /// <summary>How many top predictions count.</summary>
    public int k { get; } = k > 0 ? k : throw new System.ArgumentException($"`k` must be a positive integer. Received: k={k}", nameof(k));
}
