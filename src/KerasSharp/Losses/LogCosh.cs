using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary><c>mean(x + softplus(-2x) - log 2, axis=-1)</c> with x = y_pred - y_true (Keras: <c>keras.losses.LogCosh</c>, function <c>log_cosh</c>).</summary>
public sealed class LogCosh(string? name = null, string reduction = "sum_over_batch_size") : Loss(name ?? "log_cosh", reduction)
{
    /// <inheritdoc />
    public override Tensor call(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.to_type(y_pred.dtype), y_pred);
        var x = p.sub(t);
        return x.add(nn.functional.softplus(x.mul(-2.0))).sub_(System.Math.Log(2.0)).mean(new long[] { -1 });
    }
}
