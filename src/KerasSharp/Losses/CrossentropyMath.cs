using KerasSharp.Backend;
using System;
using TorchSharp;
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

    /// <summary>
    /// log_softmax(z) clamped to [log 1e-7, log(1 - 1e-7)]: the same values and gradients as LogProbabilities(softmax(z))
    /// to float precision (the clamps cut the gradient of the same entries, and the renormalisation's gradient cancels
    /// since the softmax sums to 1). The clamp is out of place: log_softmax's backward reuses its output.
    /// </summary>
    internal static Tensor ClampedLogSoftmax(Tensor logits) =>
        logits.log_softmax(-1).clamp(Bounds.Low, Bounds.High);

    // The logs of the clip bounds as float32 holds them (LogProbabilities clips float32 probabilities, so its upper
    // bound is really 0.99999988, whose log is -1.19e-7 rather than log(1 - 1e-7) = -1.0e-7).
    internal static readonly double LogEpsilon = Math.Log((float)Epsilon.Value);
    internal static readonly double LogOneMinusEpsilon = Math.Log((float)(1.0 - Epsilon.Value));

    // The bounds as Scalars made once (TorchSharp allocates a native Scalar for each double argument, and this runs every
    // step), in a nested class so that the native library loads only when they are first used.
    static class Bounds
    {
        internal static readonly Scalar Low = LogEpsilon.ToScalar(), High = LogOneMinusEpsilon.ToScalar();
    }

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
