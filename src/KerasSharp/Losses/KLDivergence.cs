using KerasSharp.Backend;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary><c>sum(y_true · log(y_true / y_pred), axis=-1)</c> with both clipped to [1e-7, 1] (Keras: <c>keras.losses.KLDivergence</c>, function <c>kl_divergence</c>).</summary>
public sealed class KLDivergence(string? name = null, string reduction = "sum_over_batch_size") : Loss(name ?? "kl_divergence", reduction)
{
    /// <inheritdoc />
    public override Tensor call(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.to_type(y_pred.dtype), y_pred);
        var tc = t.clamp(Epsilon.Value, 1.0);
        var pc = p.clamp(Epsilon.Value, 1.0);
        return tc.mul(tc.div(pc).log_()).sum(new long[] { -1 });
    }
}
