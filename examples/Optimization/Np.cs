namespace KerasSharp.Examples.Optimization;

/// <summary>The few NumPy array helpers the chapter's cells use, over plain C# arrays.</summary>
public static class Np
{
    /// <summary>
    /// NumPy's global generator, <c>np.random</c>: the chapter's cells seed it (<c>np.random.seed(0)</c>) and draw from it,
    /// and pandas' <c>sample</c> in the iris cell continues from where the previous cells left it.
    /// </summary>
    public static readonly NumpyRandom random = new(0);

    /// <summary><c>np.linspace(start, stop, num)</c>, computed as NumPy does (i·step + start, last value exactly stop).</summary>
    public static double[] linspace(double start, double stop, int num)
    {
        var y = new double[num];
        if (num == 0) return y;
        int div = num - 1;
        double delta = stop - start, step = div > 0 ? delta / div : double.NaN;
        for (int i = 0; i < num; i++)
            y[i] = (step == 0 ? i / (double)div * delta : i * step) + start;
        if (num > 1) y[^1] = stop;
        if (num == 1) y[0] = start;
        return y;
    }

    /// <summary><c>np.repeat(a, repeats, axis=0)</c> for a 2-D array: every row repeated in place.</summary>
    public static double[,] repeat(double[,] a, int repeats)
    {
        int rows = a.GetLength(0), cols = a.GetLength(1);
        var r = new double[rows * repeats, cols];
        for (int i = 0; i < rows * repeats; i++)
            for (int j = 0; j < cols; j++)
                r[i, j] = a[i / repeats, j];
        return r;
    }

    /// <summary><c>a[:count, j]</c>: the first <paramref name="count"/> values of column j (all of them when count is null).</summary>
    public static double[] column(double[,] a, int j, int? count = null)
    {
        int n = Math.Min(count ?? a.GetLength(0), a.GetLength(0));
        var r = new double[n];
        for (int i = 0; i < n; i++) r[i] = a[i, j];
        return r;
    }

    /// <summary><c>a[i]</c>: row i of a 2-D array.</summary>
    public static double[] row(double[,] a, int i)
    {
        var r = new double[a.GetLength(1)];
        for (int j = 0; j < r.Length; j++) r[j] = a[i, j];
        return r;
    }

    /// <summary><c>np.concatenate(rows).reshape((-1, k))</c>: stacks equal-length vectors as the rows of a matrix.</summary>
    public static double[,] stack(IReadOnlyList<double[]> rows)
    {
        int k = rows.Count == 0 ? 0 : rows[0].Length;
        var r = new double[rows.Count, k];
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < k; j++)
                r[i, j] = rows[i][j];
        return r;
    }
}
