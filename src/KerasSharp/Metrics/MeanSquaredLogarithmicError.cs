using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Mean squared logarithmic error (Keras: <c>keras.metrics.MeanSquaredLogarithmicError</c>).</summary>
public sealed class MeanSquaredLogarithmicError(string? name = null)
    : MeanMetricWrapper((t, p) => new Losses.MeanSquaredLogarithmicError().call(t, p), name ?? "mean_squared_logarithmic_error");
