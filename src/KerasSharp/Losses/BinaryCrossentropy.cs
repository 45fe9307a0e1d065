using KerasSharp.Backend;
using System;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Binary cross-entropy (Keras: <c>keras.losses.BinaryCrossentropy</c>, function <c>binary_crossentropy</c>): from
/// probabilities, <c>p</c> is clipped to [1e-7, 1 - 1e-7] and the element loss is <c>-(y log p + (1 - y) log(1 - p))</c>;
/// from logits, the stable sigmoid form. The element losses are averaged over the last axis. Label smoothing maps y to
/// y·(1 - s) + s / 2.
/// </summary>
public sealed class BinaryCrossentropy : Loss
{
    /// <summary>Keras's arguments.</summary>
    public BinaryCrossentropy(bool from_logits = false, double label_smoothing = 0.0, int axis = -1,
        string? name = null, string reduction = "sum_over_batch_size") : base(name ?? "binary_crossentropy", reduction)
    {
        this.from_logits = from_logits;
        this.label_smoothing = CrossentropyMath.CheckSmoothing(label_smoothing);
        this.axis = axis;
    }

    /// <summary>Whether <c>y_pred</c> holds logits rather than probabilities.</summary>
    public bool from_logits { get; }
    /// <summary>Label smoothing factor in [0, 1].</summary>
    public double label_smoothing { get; }
    /// <summary>The axis averaged over.</summary>
    public int axis { get; }

    internal override void validate(Tensor y_true, Tensor y_pred, bool inspectValues)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true, y_pred);
        ShapeUtils.RequireSameShape(t, p, "binary_crossentropy");
    }

    /// <inheritdoc />
    public override Tensor call(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.to_type(y_pred.dtype), y_pred);
        if (label_smoothing > 0) t = t.mul(1.0 - label_smoothing).add_(0.5 * label_smoothing);
        var elements = from_logits
            ? nn.functional.binary_cross_entropy_with_logits(p, t, reduction: nn.Reduction.None)
            : nn.functional.binary_cross_entropy(p.clamp(Epsilon.Value, 1.0 - Epsilon.Value), t, reduction: nn.Reduction.None);
        return elements.mean(new long[] { axis });
    }
}
