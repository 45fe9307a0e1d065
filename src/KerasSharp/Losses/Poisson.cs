using KerasSharp.Backend;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary><c>mean(y_pred - y_true · log(y_pred + 1e-7), axis=-1)</c> (Keras: <c>keras.losses.Poisson</c>, function <c>poisson</c>).</summary>
public sealed class Poisson(string? name = null, string reduction = "sum_over_batch_size") : Loss(name ?? "poisson", reduction)
{
    /// <inheritdoc />
    public override Tensor call(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.to_type(y_pred.dtype), y_pred);
        return p.sub(t.mul(p.add(Epsilon.Value).log_())).mean(new long[] { -1 });
    }
}
