using KerasSharp.Backend;
using System;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// Area under the ROC curve by a Riemann sum over <c>num_thresholds</c> thresholds (Keras: <c>keras.metrics.AUC</c>,
/// 200 thresholds evenly spaced in (0, 1) plus -1e-7 and 1 + 1e-7, mid-point "interpolation" summation).
/// </summary>
public sealed class AUC : Metric
{
    readonly ConfusionCounts _counts;

    /// <summary>Keras's arguments; <paramref name="summation_method"/> is interpolation, minoring or majoring. Only curve="ROC" is supported.</summary>
    public AUC(int num_thresholds = 200, string curve = "ROC", string summation_method = "interpolation", string? name = null) : base(name)
    {
        if (num_thresholds <= 1)
            throw new ArgumentException($"Argument `num_thresholds` must be an integer > 1. Received: num_thresholds={num_thresholds}", nameof(num_thresholds));
        if (!string.Equals(curve, "ROC", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"curve='{curve}' is not supported yet: expected 'ROC'.", nameof(curve));
        if (summation_method is not ("interpolation" or "minoring" or "majoring"))
            throw new ArgumentException($"Invalid AUC summation method value: '{summation_method}'. Expected one of: interpolation, minoring, majoring.", nameof(summation_method));
        this.num_thresholds = num_thresholds;
        this.summation_method = summation_method;
        var inner = Enumerable.Range(0, num_thresholds - 2).Select(i => (i + 1) * 1.0 / (num_thresholds - 1));
        thresholds = new[] { -Epsilon.Value }.Concat(inner).Append(1.0 + Epsilon.Value).ToArray();
        _counts = new ConfusionCounts(thresholds, clipPredictions: true);
    }

    /// <summary>Number of thresholds.</summary>
    public int num_thresholds { get; }
    /// <summary>How rectangle heights are chosen.</summary>
    public string summation_method { get; }
    /// <summary>The thresholds, endpoints included.</summary>
    public double[] thresholds { get; }

    /// <inheritdoc />
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null) => _counts.update(y_true, y_pred, sample_weight);

    /// <inheritdoc />
    public override Tensor result()
    {
        if (_counts.tp is null) return zeros(Array.Empty<long>());
        var recall = ConfusionCounts.DivideNoNan(_counts.tp, _counts.tp.add(_counts.fn!));
        var fpRate = ConfusionCounts.DivideNoNan(_counts.fp!, _counts.fp!.add(_counts.tn!));
        int n = num_thresholds;
        var y0 = recall.narrow(0, 0, n - 1);
        var y1 = recall.narrow(0, 1, n - 1);
        var heights = summation_method switch
        {
            "interpolation" => y0.add(y1).div_(2.0),
            "minoring" => minimum(y0, y1),
            _ => maximum(y0, y1),
        };
        return fpRate.narrow(0, 0, n - 1).sub(fpRate.narrow(0, 1, n - 1)).mul_(heights).sum();
    }

    /// <inheritdoc />
    public override void reset_state() => _counts.reset();

    /// <inheritdoc />
    public override string direction => "up";
}
