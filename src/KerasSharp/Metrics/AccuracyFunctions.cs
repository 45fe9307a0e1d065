using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>Keras's accuracy functions (keras/src/metrics/accuracy_metrics.py), one float32 value per sample.</summary>
internal static class AccuracyFunctions
{
    /// <summary><c>y_true == y_pred</c> (Keras: <c>accuracy</c>).</summary>
    internal static Tensor Accuracy(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.to_type(y_pred.dtype), y_pred);
        return t.eq(p).to_type(ScalarType.Float32);
    }

    /// <summary><c>y_true == (y_pred > threshold)</c> (Keras: <c>binary_accuracy</c>).</summary>
    internal static Tensor Binary(Tensor y_true, Tensor y_pred, double threshold)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.to_type(y_pred.dtype), y_pred);
        return t.eq(p.gt(threshold).to_type(t.dtype)).to_type(ScalarType.Float32);
    }

    /// <summary><c>argmax(y_true) == argmax(y_pred)</c> (Keras: <c>categorical_accuracy</c>).</summary>
    internal static Tensor Categorical(Tensor y_true, Tensor y_pred) => CategoricalMatches(y_true, y_pred).to_type(ScalarType.Float32);

    /// <summary><see cref="Categorical"/> as booleans.</summary>
    internal static Tensor CategoricalMatches(Tensor y_true, Tensor y_pred) => y_true.argmax(-1).eq(y_pred.argmax(-1));

    /// <summary><c>y_true == argmax(y_pred)</c>, labels (N) or (N, 1) (Keras: <c>sparse_categorical_accuracy</c>).</summary>
    internal static Tensor SparseCategorical(Tensor y_true, Tensor y_pred) => SparseCategoricalMatches(y_true, y_pred).to_type(ScalarType.Float32);

    /// <summary><see cref="SparseCategorical"/> as booleans.</summary>
    internal static Tensor SparseCategoricalMatches(Tensor y_true, Tensor y_pred)
    {
        var t = y_true.dim() == y_pred.dim() && y_true.shape[^1] == 1 ? y_true.squeeze(-1) : y_true;
        var predicted = y_pred.argmax(-1);
        return t.dtype == ScalarType.Int64 ? t.eq(predicted) : t.eq(predicted.to_type(t.dtype));
    }

    /// <summary>
    /// Whether the true class is among the k largest predictions (Keras: <c>top_k_categorical_accuracy</c>, torch
    /// <c>in_top_k</c>): the label's value is at least the k-th largest value, so ties with it count.
    /// </summary>
    internal static Tensor TopK(Tensor labels, Tensor y_pred, int k)
    {
        var classes = y_pred.shape[^1];
        var kk = (int)System.Math.Min(k, classes);
        var kth = y_pred.topk(kk, -1).values.narrow(-1, kk - 1, 1);
        var target = y_pred.gather(-1, labels.to_type(ScalarType.Int64).unsqueeze(-1));
        return target.ge(kth).squeeze(-1).to_type(ScalarType.Float32);
    }
}
