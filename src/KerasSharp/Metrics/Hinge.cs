using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Hinge loss as a metric (Keras: <c>keras.metrics.Hinge</c>).</summary>
public sealed class Hinge(string? name = null)
    : MeanMetricWrapper((t, p) => new Losses.Hinge().call(t, p), name ?? "hinge");
