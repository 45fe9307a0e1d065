using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Squared hinge loss as a metric (Keras: <c>keras.metrics.SquaredHinge</c>).</summary>
public sealed class SquaredHinge(string? name = null)
    : MeanMetricWrapper((t, p) => new Losses.SquaredHinge().call(t, p), name ?? "squared_hinge");
