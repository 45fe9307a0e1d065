using KerasSharp.Backend;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary><c>mean((log(max(y_pred, 1e-7) + 1) - log(max(y_true, 1e-7) + 1))², axis=-1)</c> (Keras: <c>keras.losses.MeanSquaredLogarithmicError</c>, function <c>mean_squared_logarithmic_error</c>).</summary>
public sealed class MeanSquaredLogarithmicError(string? name = null, string reduction = "sum_over_batch_size") : Loss(name ?? "mean_squared_logarithmic_error", reduction)
{
    /// <inheritdoc />
    public override Tensor call(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.to_type(y_pred.dtype), y_pred);
        var first = p.clamp_min(Epsilon.Value).add_(1.0).log_();
        var second = t.clamp_min(Epsilon.Value).add_(1.0).log_();
        return first.sub_(second).square().mean(new long[] { -1 });
    }
}
