using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Mean of |y_true - y_pred| (Keras: <c>keras.metrics.MeanAbsoluteError</c>).</summary>
public sealed class MeanAbsoluteError(string? name = null)
    : MeanMetricWrapper((t, p) => new Losses.MeanAbsoluteError().call(t, p), name ?? "mean_absolute_error");
