using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Binary cross-entropy as a metric (Keras: <c>keras.metrics.BinaryCrossentropy</c>).</summary>
public sealed class BinaryCrossentropy(string? name = null)
    : MeanMetricWrapper((t, p) => new Losses.BinaryCrossentropy().call(t, p), name ?? "binary_crossentropy");
