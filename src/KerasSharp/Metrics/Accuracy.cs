namespace KerasSharp.Metrics;

/// <summary>How often predictions equal labels exactly (Keras: <c>keras.metrics.Accuracy</c>, named "accuracy").</summary>
public sealed class Accuracy(string? name = null) : MeanMetricWrapper(AccuracyFunctions.Accuracy, name ?? "accuracy", "up");
