using System;
using static TorchSharp.torch;

namespace KerasSharp;

/// <summary>
/// <c>keras.utils.normalize</c> (keras/src/utils/numerical_utils.py), which takes two paths in Keras: a tensor goes
/// through <c>ops.nn.normalize</c> (L2: <c>x * min(rsqrt(sum(x²)), 1/ε)</c>; other orders: <c>x / max(norm, ε)</c>,
/// ε = 1e-7), an array through NumPy (<c>x / expand_dims(norm, axis or -1)</c> with zero norms replaced by 1).
/// </summary>
internal static class Normalization
{
    const double Epsilon = 1e-7;

    internal static Tensor Tensor(Tensor x, int axis, int order)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckOrder(order);
        using var scope = NewDisposeScope();
        var xf = x.is_floating_point() ? x : x.to_type(ScalarType.Float32);
        if (xf.dim() == 0) xf = xf.unsqueeze(0);
        CheckAxis(axis, xf.dim());
        var axes = new long[] { axis };
        Tensor result;
        if (order == 2)
            result = xf.mul(xf.square().sum(axes, keepdim: true).rsqrt().clamp_max(1.0 / Epsilon));
        else
            result = xf.div(xf.abs().pow(order).sum(axes, keepdim: true).pow(1.0 / order).clamp_min(Epsilon));
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// NumPy's path on a matrix. As in Keras, <c>axis</c> 0 is replaced by -1 when the norms are expanded back, so column
    /// norms divide the rows: square matrices get Keras's numbers, other shapes Keras's broadcasting error. <c>axis</c>
    /// null divides by NumPy's matrix norm (the largest singular value for order 2, the largest column sum for 1).
    /// </summary>
    internal static double[,] Array(double[,] x, int? axis, int order)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckOrder(order);
        int rows = x.GetLength(0), cols = x.GetLength(1);
        if (axis is { } a && a is < -2 or > 1)
            throw new ArgumentException($"`axis` {a} is out of bounds for an array of dimension 2.", nameof(axis));
        double[] norms;
        if (axis is null)
            norms = new[] { MatrixNorm(x, order) };
        else
        {
            bool alongRows = axis is 1 or -1;   // one norm per row
            norms = new double[alongRows ? rows : cols];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                    norms[alongRows ? i : j] += Math.Pow(Math.Abs(x[i, j]), order);
            for (int k = 0; k < norms.Length; k++) norms[k] = Root(norms[k], order);
        }
        for (int k = 0; k < norms.Length; k++) if (norms[k] == 0) norms[k] = 1;
        // x / norms[:, None]: norms index the rows, broadcasting a single norm.
        if (norms.Length != 1 && norms.Length != rows)
            throw new ArgumentException(
                $"operands could not be broadcast together with shapes ({rows},{cols}) ({norms.Length},1): Keras's NumPy path divides by the norms expanded on the last axis (axis={axis?.ToString() ?? "None"}).",
                nameof(axis));
        var result = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                result[i, j] = x[i, j] / norms[norms.Length == 1 ? 0 : i];
        return result;
    }

    /// <summary>NumPy's <c>linalg.norm(x, ord)</c> of a matrix: the largest singular value (2) or column sum (1).</summary>
    static double MatrixNorm(double[,] x, int order)
    {
        if (order == 1)
        {
            double best = 0;
            for (int j = 0; j < x.GetLength(1); j++)
            {
                double s = 0;
                for (int i = 0; i < x.GetLength(0); i++) s += Math.Abs(x[i, j]);
                best = Math.Max(best, s);
            }
            return best;
        }
        if (order != 2) throw new ArgumentException($"Invalid norm order for matrices: order={order} with axis=None (NumPy's matrix norms are 1 and 2).", nameof(order));
        using var scope = NewDisposeScope();
        return linalg.svdvals(tensor(x)).max().item<double>();
    }

    static double Root(double s, int order) => order == 2 ? Math.Sqrt(s) : order == 1 ? s : Math.Pow(s, 1.0 / order);

    static void CheckOrder(int order)
    {
        if (order < 1) throw new ArgumentException($"Argument `order` must be an int >= 1. Received: order={order}", nameof(order));
    }

    static void CheckAxis(int axis, long rank)
    {
        if (axis < -rank || axis >= rank)
            throw new ArgumentException($"`axis` {axis} is out of range for a tensor of rank {rank}.", nameof(axis));
    }
}
