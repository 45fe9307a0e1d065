using System;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// What Precision and Recall share: true/false positive/negative counts at one threshold, accumulated on the device,
/// and a ratio tp / (tp + other) with Keras's divide_no_nan (0 when nothing was counted).
/// </summary>
public abstract class ThresholdRatioMetric : Metric
{
    readonly ConfusionCounts _counts;

    /// <summary>Counts at <paramref name="thresholds"/> (a prediction is positive when it is strictly above it).</summary>
    private protected ThresholdRatioMetric(double thresholds, string? name) : base(name)
    {
        _counts = new ConfusionCounts(ConfusionCounts.Check(new[] { thresholds }));
    }

    /// <summary>The counts added to tp in the denominator: fp for precision, fn for recall.</summary>
    private protected abstract Tensor other(ConfusionCounts counts);

    /// <inheritdoc />
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null) => _counts.update(y_true, y_pred, sample_weight);

    /// <inheritdoc />
    public override Tensor result() => _counts.tp is null ? zeros(Array.Empty<long>())
        : ConfusionCounts.DivideNoNan(_counts.tp, _counts.tp.add(other(_counts)))[0];

    /// <inheritdoc />
    public override void reset_state() => _counts.reset();

    /// <inheritdoc />
    public override string direction => "up";
}
