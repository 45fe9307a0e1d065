using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>tp / (tp + fp) at a threshold (Keras: <c>keras.metrics.Precision</c>, threshold 0.5).</summary>
public sealed class Precision(double thresholds = 0.5, string? name = null) : ThresholdRatioMetric(thresholds, name)
{
    private protected override Tensor other(ConfusionCounts counts) => counts.fp!;
}
