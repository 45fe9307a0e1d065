using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary><c>max(max((1 - y_true) · y_pred) - sum(y_true · y_pred) + 1, 0)</c> over the last axis (Keras: <c>keras.losses.CategoricalHinge</c>, function <c>categorical_hinge</c>).</summary>
public sealed class CategoricalHinge(string? name = null, string reduction = "sum_over_batch_size") : Loss(name ?? "categorical_hinge", reduction)
{
    /// <inheritdoc />
    public override Tensor call(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.to_type(y_pred.dtype), y_pred);
        var pos = t.mul(p).sum(new long[] { -1 });
        var neg = t.neg().add_(1.0).mul_(p).amax(new long[] { -1 });
        return neg.sub_(pos).add_(1.0).clamp_min_(0.0);
    }
}
