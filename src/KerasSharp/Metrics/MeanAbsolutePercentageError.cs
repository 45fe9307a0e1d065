using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Mean absolute percentage error (Keras: <c>keras.metrics.MeanAbsolutePercentageError</c>).</summary>
public sealed class MeanAbsolutePercentageError(string? name = null)
    : MeanMetricWrapper((t, p) => new Losses.MeanAbsolutePercentageError().call(t, p), name ?? "mean_absolute_percentage_error");
