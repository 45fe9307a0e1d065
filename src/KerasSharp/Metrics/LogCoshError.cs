using KerasSharp.Losses;

namespace KerasSharp.Metrics;

/// <summary>Mean of log(cosh(y_pred - y_true)) (Keras: <c>keras.metrics.LogCoshError</c>).</summary>
public sealed class LogCoshError(string? name = null)
    : MeanMetricWrapper((t, p) => new LogCosh().call(t, p), name ?? "logcosh");
