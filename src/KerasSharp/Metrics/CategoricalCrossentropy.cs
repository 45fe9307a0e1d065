using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Categorical cross-entropy as a metric (Keras: <c>keras.metrics.CategoricalCrossentropy</c>).</summary>
public sealed class CategoricalCrossentropy(string? name = null)
    : MeanMetricWrapper((t, p) => new Losses.CategoricalCrossentropy().call(t, p), name ?? "categorical_crossentropy");
