using KerasSharp.Backend;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary><c>100 · mean(|y_true - y_pred| / max(|y_true|, 1e-7), axis=-1)</c> (Keras: <c>keras.losses.MeanAbsolutePercentageError</c>, function <c>mean_absolute_percentage_error</c>).</summary>
public sealed class MeanAbsolutePercentageError(string? name = null, string reduction = "sum_over_batch_size") : Loss(name ?? "mean_absolute_percentage_error", reduction)
{
    /// <inheritdoc />
    public override Tensor call(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.to_type(y_pred.dtype), y_pred);
        var diff = t.sub(p).div_(t.abs().clamp_min(Epsilon.Value)).abs_();
        return diff.mean(new long[] { -1 }).mul_(100.0);
    }
}
