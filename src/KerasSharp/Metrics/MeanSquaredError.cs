using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Mean of (y_true - y_pred)² (Keras: <c>keras.metrics.MeanSquaredError</c>).</summary>
public sealed class MeanSquaredError(string? name = null)
    : MeanMetricWrapper((t, p) => new Losses.MeanSquaredError().call(t, p), name ?? "mean_squared_error");
