using System;
using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Losses;

/// <summary>
/// Float32 tensors from literal arrays, values read back as doubles, and a tolerance check. Expected values are computed
/// in double from the float32-rounded inputs (<see cref="F(double)"/>), so the only differences left are float32
/// rounding inside the library's computation.
/// </summary>
internal static class Numerics
{
    /// <summary>The value a float32 tensor holds for <paramref name="v"/>.</summary>
    public static double F(double v) => (float)v;

    public static double[] F(double[] v) => v.Select(F).ToArray();

    public static double[][] Rows(double[,] a)
    {
        var rows = new double[a.GetLength(0)][];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new double[a.GetLength(1)];
            for (int j = 0; j < rows[i].Length; j++) rows[i][j] = F(a[i, j]);
        }
        return rows;
    }

    /// <summary>A float32 vector.</summary>
    public static Tensor T(params double[] v) => tensor(v.Select(x => (float)x).ToArray());

    /// <summary>A float32 matrix.</summary>
    public static Tensor T(double[,] v)
    {
        var f = new float[v.GetLength(0), v.GetLength(1)];
        for (int i = 0; i < v.GetLength(0); i++)
            for (int j = 0; j < v.GetLength(1); j++) f[i, j] = (float)v[i, j];
        return tensor(f);
    }

    /// <summary>A float32 matrix with one column: shape (N, 1).</summary>
    public static Tensor Col(params double[] v) => T(v).reshape(-1, 1);

    /// <summary>An int64 vector.</summary>
    public static Tensor L(params long[] v) => tensor(v);

    public static double[] Values(Tensor t) => t.detach().cpu().to_type(ScalarType.Float64).reshape(-1).data<double>().ToArray();

    public static double Scalar(Tensor t)
    {
        Assert.Equal(0, t.dim());
        return t.detach().cpu().to_type(ScalarType.Float64).item<double>();
    }

    /// <summary>|expected - actual| ≤ abs + rel·|expected|.</summary>
    public static void Close(double expected, double actual, double rel = 1e-5, double abs = 1e-6)
    {
        Assert.False(double.IsNaN(actual), $"expected {expected:R}, got NaN");
        Assert.True(Math.Abs(expected - actual) <= abs + rel * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");
    }

    public static void Close(double expected, Tensor actual, double rel = 1e-5, double abs = 1e-6) =>
        Close(expected, Scalar(actual), rel, abs);

    /// <summary>Element-wise closeness, with the tensor's shape checked against <paramref name="shape"/>.</summary>
    public static void Close(double[] expected, Tensor actual, long[] shape, double rel = 1e-5, double abs = 1e-6)
    {
        Assert.Equal(shape, actual.shape);
        var a = Values(actual);
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.False(double.IsNaN(a[i]), $"element {i}: expected {expected[i]:R}, got NaN");
            Assert.True(Math.Abs(expected[i] - a[i]) <= abs + rel * Math.Abs(expected[i]),
                $"element {i}: expected {expected[i]:R}, got {a[i]:R} (all: [{string.Join(", ", a)}])");
        }
    }

    /// <summary>Per-sample values for an (N) result.</summary>
    public static void Close(double[] expected, Tensor actual, double rel = 1e-5, double abs = 1e-6) =>
        Close(expected, actual, new long[] { expected.Length }, rel, abs);
}
