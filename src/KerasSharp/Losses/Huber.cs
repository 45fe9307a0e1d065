using System;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Huber loss (Keras: <c>keras.losses.Huber</c>, function <c>huber</c>): per element 0.5·x² where |x| ≤ delta, else
/// delta·|x| - 0.5·delta², averaged over the last axis (x = y_pred - y_true).
/// </summary>
public sealed class Huber : Loss
{
    /// <summary>Keras's arguments (delta 1.0).</summary>
    public Huber(double delta = 1.0, string? name = null, string reduction = "sum_over_batch_size") : base(name ?? "huber_loss", reduction)
    {
        if (!(delta > 0) || double.IsInfinity(delta))
            throw new ArgumentException($"`delta` must be a positive finite number. Received: delta={delta}", nameof(delta));
        this.delta = delta;
    }

    /// <summary>Where the loss turns from quadratic to linear.</summary>
    public double delta { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.to_type(y_pred.dtype), y_pred);
        var error = p.sub(t);
        var abs = error.abs();
        var quadratic = error.square().mul_(0.5);
        var linear = abs.mul(delta).sub_(0.5 * delta * delta);
        return where(abs.le(delta), quadratic, linear).mean(new long[] { -1 });
    }
}
