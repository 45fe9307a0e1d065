using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Poisson loss as a metric (Keras: <c>keras.metrics.Poisson</c>).</summary>
public sealed class Poisson(string? name = null)
    : MeanMetricWrapper((t, p) => new Losses.Poisson().call(t, p), name ?? "poisson");
