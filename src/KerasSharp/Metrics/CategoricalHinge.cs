using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Categorical hinge loss as a metric (Keras: <c>keras.metrics.CategoricalHinge</c>).</summary>
public sealed class CategoricalHinge(string? name = null)
    : MeanMetricWrapper((t, p) => new Losses.CategoricalHinge().call(t, p), name ?? "categorical_hinge");
