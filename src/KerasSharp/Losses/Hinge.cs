using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary><c>mean(max(1 - y_true · y_pred, 0), axis=-1)</c>; 0/1 labels are first mapped to -1/1 (Keras: <c>keras.losses.Hinge</c>, function <c>hinge</c>).</summary>
public sealed class Hinge(string? name = null, string reduction = "sum_over_batch_size") : Loss(name ?? "hinge", reduction)
{
    /// <inheritdoc />
    public override Tensor call(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.to_type(y_pred.dtype), y_pred);
        t = HingeLabels.Convert(t);
        return t.mul(p).neg_().add_(1.0).clamp_min_(0.0).mean(new long[] { -1 });
    }
}
