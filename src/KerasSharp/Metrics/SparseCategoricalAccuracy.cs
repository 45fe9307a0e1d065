namespace KerasSharp.Metrics;

/// <summary>How often <c>argmax(y_pred)</c> equals integer labels (Keras: <c>keras.metrics.SparseCategoricalAccuracy</c>).</summary>
public sealed class SparseCategoricalAccuracy(string? name = null)
    : MeanMetricWrapper(AccuracyFunctions.SparseCategorical, name ?? "sparse_categorical_accuracy", "up");
