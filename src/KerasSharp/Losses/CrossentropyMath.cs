using System;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>What the cross-entropy losses share.</summary>
internal static class CrossentropyMath
{
    /// <summary>log(clip(p / sum p, 1e-7, 1 - 1e-7)), Keras's torch backend for probability inputs.</summary>
    internal static Tensor LogProbabilities(Tensor p, int axis)
    {
        var normalised = p.div(p.sum(new long[] { axis }, keepdim: true));
        return normalised.clamp_(Epsilon.Value, 1.0 - Epsilon.Value).log_();
    }

    /// <summary>log_softmax(z) clamped to [log 1e-7, log(1 - 1e-7)]: the same values and gradients as LogProbabilities(softmax(z)).</summary>
    internal static Tensor ClampedLogSoftmax(Tensor logits) =>
        logits.log_softmax(-1).clamp_(LogEpsilon, LogOneMinusEpsilon);

    internal static readonly double LogEpsilon = Math.Log(Epsilon.Value);
    internal static readonly double LogOneMinusEpsilon = Math.Log(1.0 - Epsilon.Value);

    internal static double CheckSmoothing(double s) =>
        s is >= 0.0 and <= 1.0 ? s : throw new ArgumentException($"`label_smoothing` must be in [0, 1]. Received: label_smoothing={s}", "label_smoothing");

    /// <summary>Checks integer class labels are whole numbers in [0, classes) (one host read).</summary>
    internal static void CheckClassLabels(Tensor labels, long classes, int? ignoreClass, string loss)
    {
        if (labels.numel() == 0) return;
        using var scope = NewDisposeScope();
        var l = labels;
        if (ignoreClass is { } ig) l = l.masked_select(l.ne(ig));
        if (l.numel() == 0) return;
        if (l.is_floating_point())
        {
            var fractional = l.masked_select(l.ne(l.round()));
            if (fractional.numel() > 0)
                throw new ArgumentException(
                    $"{loss} expects integer class labels, but some labels have a fractional part, e.g. {fractional[0].to_type(ScalarType.Float64).item<double>()}.", "y_true");
        }
        var min = l.min().to_type(ScalarType.Float64).item<double>();
        var max = l.max().to_type(ScalarType.Float64).item<double>();
        if (min < 0 || max >= classes)
            throw new ArgumentException(
                $"{loss}: labels must be integers in [0, {classes - 1}] for {classes} output classes, but range from {min} to {max}.", "y_true");
    }
}
