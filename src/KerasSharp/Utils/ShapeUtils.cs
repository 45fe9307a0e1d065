using System;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp;

/// <summary>Shape helpers shared by losses and metrics.</summary>
internal static class ShapeUtils
{
    /// <summary>
    /// Keras's <c>squeeze_or_expand_to_same_rank</c> (keras/src/losses/loss.py): when ranks differ by one and the larger
    /// has a trailing 1, a rank-1 tensor is expanded, otherwise the trailing 1 is squeezed.
    /// </summary>
    internal static (Tensor, Tensor) SqueezeOrExpandToSameRank(Tensor x1, Tensor x2)
    {
        long r1 = x1.dim(), r2 = x2.dim();
        if (r1 == r2) return (x1, x2);
        if (r1 == r2 + 1 && x1.shape[^1] == 1)
            return r2 == 1 ? (x1, x2.unsqueeze(-1)) : (x1.squeeze(-1), x2);
        if (r2 == r1 + 1 && x2.shape[^1] == 1)
            return r1 == 1 ? (x1.unsqueeze(-1), x2) : (x1, x2.squeeze(-1));
        return (x1, x2);
    }

    /// <summary>The kind of targets Keras infers for "accuracy" and "crossentropy" from the shapes alone.</summary>
    internal enum TargetKind { Binary, Sparse, Categorical }

    /// <summary>
    /// Keras's <c>is_binary_or_sparse_categorical</c> (keras/src/trainers/compile_utils.py): y_pred's last dimension 1 →
    /// binary; y_true of lower rank, or last dimension 1 with several classes → sparse; else categorical.
    /// </summary>
    internal static TargetKind KindOfTargets(Tensor y_true, Tensor y_pred)
    {
        if (y_pred.shape[^1] == 1) return TargetKind.Binary;
        if (y_true.dim() < y_pred.dim() || (y_true.shape[^1] == 1 && y_pred.shape[^1] > 1)) return TargetKind.Sparse;
        return TargetKind.Categorical;
    }

    /// <summary>"(2, 3)" for a tensor's shape.</summary>
    internal static string Format(Tensor t) => Format(t.shape);

    /// <summary>"(2, 3)"; "(None, 3)" for unknown dimensions.</summary>
    internal static string Format(long[] shape) => "(" + string.Join(", ", shape) + (shape.Length == 1 ? ",)" : ")");

    /// <summary>"(None, 3)".</summary>
    internal static string Format(long?[] shape) => "(" + string.Join(", ", shape.Select(d => d?.ToString() ?? "None")) + (shape.Length == 1 ? ",)" : ")");

    /// <summary>Throws when two shapes differ.</summary>
    internal static void RequireSameShape(Tensor y_true, Tensor y_pred, string what)
    {
        if (!y_true.shape.SequenceEqual(y_pred.shape))
            throw new ArgumentException(
                $"{what}: `y_true` and `y_pred` must have the same shape. Received: y_true.shape={Format(y_true)}, y_pred.shape={Format(y_pred)}.",
                nameof(y_true));
    }
}
