using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Kullback-Leibler divergence (Keras: <c>keras.metrics.KLDivergence</c>).</summary>
public sealed class KLDivergence(string? name = null)
    : MeanMetricWrapper((t, p) => new Losses.KLDivergence().call(t, p), name ?? "kl_divergence");
