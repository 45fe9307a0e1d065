using System;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>tp / (tp + fn) at a threshold (Keras: <c>keras.metrics.Recall</c>, threshold 0.5).</summary>
public sealed class Recall(double thresholds = 0.5, string? name = null) : Metric(name)
{
    readonly ConfusionCounts _counts = new(ConfusionCounts.Check(new[] { thresholds }));

    /// <inheritdoc />
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null) => _counts.update(y_true, y_pred, sample_weight);

    /// <inheritdoc />
    public override Tensor result() => _counts.tp is null ? zeros(Array.Empty<long>())
        : ConfusionCounts.DivideNoNan(_counts.tp, _counts.tp.add(_counts.fn!))[0];

    /// <inheritdoc />
    public override void reset_state() => _counts.reset();

    /// <inheritdoc />
    public override string direction => "up";
}
