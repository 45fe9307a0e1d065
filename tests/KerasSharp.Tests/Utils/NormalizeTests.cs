using KerasSharp.Tests.Callbacks;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Utils;

/// <summary>keras.utils.normalize on tensors (ops.nn.normalize) and on arrays (NumPy), as real Keras 3.11.3 gives them.</summary>
public sealed class NormalizeTests : TorchTest
{
    static readonly float[,] X = { { 3, 4 }, { 0, 0 }, { 1, -1 } };

    static double[,] Expected(string key)
    {
        var rows = Oracle.Schedules.GetProperty("normalize").GetProperty(key).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var m = new double[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++) for (int j = 0; j < rows[0].Length; j++) m[i, j] = rows[i][j];
        return m;
    }

    static void Close(double[,] expected, Tensor actual)
    {
        var a = actual.to_type(ScalarType.Float64).data<double>().ToArray();
        Assert.Equal(expected.Length, a.Length);
        int k = 0;
        foreach (var e in expected) Assert.Equal(e, a[k++], 6);
    }

    static void Close(double[,] expected, double[,] actual)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (int i = 0; i < expected.GetLength(0); i++) for (int j = 0; j < expected.GetLength(1); j++) Assert.Equal(expected[i, j], actual[i, j], 6);
    }

    [Theory]
    [InlineData("tensor_default", -1, 2)]
    [InlineData("tensor_axis0", 0, 2)]
    [InlineData("tensor_order1", -1, 1)]
    [InlineData("tensor_order3", -1, 3)]
    public void Tensors_FollowOpsNormalize(string key, int axis, int order) =>
        Close(Expected(key), keras.utils.normalize(tensor(X), axis, order));

    [Fact]
    public void Tensors_TinyNormsAreBoundedByEpsilon_AsKeras()
    {
        // Keras multiplies by min(rsqrt(Σx²), 1/ε): a norm below 1e-7 is not scaled up to 1.
        var tiny = tensor(new float[] { 1e-9f, 0 });
        Assert.Equal(1e-9f * 1e7f, keras.utils.normalize(tiny)[0].item<float>(), 4);
    }

    [Fact]
    public void Arrays_FollowNumPy()
    {
        Close(Expected("array_default"), keras.utils.normalize(ToDouble(X)));
        Close(Expected("array_order1"), keras.utils.normalize(ToDouble(X), order: 1));
        Close(Expected("array_axis_none"), keras.utils.normalize(ToDouble(X), axis: null));
        Close(Expected("array_1d"), keras.utils.normalize(new double[] { 3, 4 }));
        // Keras turns axis=0 into -1 when expanding the norms: column norms divide the rows of a square matrix...
        Close(Expected("array_square_axis0"), keras.utils.normalize(new double[,] { { 3, 4 }, { 0, 2 } }, axis: 0));
        // ...and other shapes fail as NumPy's broadcasting does.
        var e = Assert.Throws<ArgumentException>(() => keras.utils.normalize(ToDouble(X), axis: 0));
        Assert.StartsWith(Oracle.Schedules.GetProperty("normalize").GetProperty("array_axis0").GetString()!["error: ".Length..].TrimEnd(), e.Message);
        var f = keras.utils.normalize(X);
        Assert.Equal(0.6f, f[0, 0], 6);
        Assert.Contains("order", Assert.Throws<ArgumentException>(() => keras.utils.normalize(X, order: 0)).Message);
    }

    static double[,] ToDouble(float[,] x)
    {
        var d = new double[x.GetLength(0), x.GetLength(1)];
        for (int i = 0; i < x.GetLength(0); i++) for (int j = 0; j < x.GetLength(1); j++) d[i, j] = x[i, j];
        return d;
    }
}
