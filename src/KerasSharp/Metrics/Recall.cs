using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>tp / (tp + fn) at a threshold (Keras: <c>keras.metrics.Recall</c>, threshold 0.5).</summary>
public sealed class Recall(double thresholds = 0.5, string? name = null) : ThresholdRatioMetric(thresholds, name)
{
    private protected override Tensor other(ConfusionCounts counts) => counts.fn!;
}
