using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Sparse categorical cross-entropy as a metric (Keras: <c>keras.metrics.SparseCategoricalCrossentropy</c>).</summary>
public sealed class SparseCategoricalCrossentropy(string? name = null)
    : MeanMetricWrapper((t, p) => new Losses.SparseCategoricalCrossentropy().call(t, p), name ?? "sparse_categorical_crossentropy");
