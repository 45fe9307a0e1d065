using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary><c>mean(|y_true - y_pred|, axis=-1)</c> (Keras: <c>keras.losses.MeanAbsoluteError</c>, function <c>mean_absolute_error</c>).</summary>
public sealed class MeanAbsoluteError(string? name = null, string reduction = "sum_over_batch_size") : Loss(name ?? "mean_absolute_error", reduction)
{
    /// <inheritdoc />
    public override Tensor call(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.to_type(y_pred.dtype), y_pred);
        return t.sub(p).abs_().mean(new long[] { -1 });
    }
}
