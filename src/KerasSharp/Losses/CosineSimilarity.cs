using KerasSharp.Backend;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// Negative cosine similarity along an axis (Keras: <c>keras.losses.CosineSimilarity</c>, function
/// <c>cosine_similarity</c>): <c>-sum(l2_normalize(y_true) · l2_normalize(y_pred))</c>.
/// </summary>
public sealed class CosineSimilarity(int axis = -1, string? name = null, string reduction = "sum_over_batch_size")
    : Loss(name ?? "cosine_similarity", reduction)
{
    /// <summary>The axis along which similarity is computed.</summary>
    public int axis { get; } = axis;

    /// <inheritdoc />
    public override Tensor call(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.to_type(y_pred.dtype), y_pred);
        var pn = nn.functional.normalize(p, 2.0, axis, Epsilon.Value);
        var tn = nn.functional.normalize(t, 2.0, axis, Epsilon.Value);
        return tn.mul_(pn).sum(new long[] { axis }).neg_();
    }
}
