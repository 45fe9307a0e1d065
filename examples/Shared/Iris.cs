using Microsoft.Data.Analysis;

namespace KerasSharp.Examples;

/// <summary>The course's iris cells, shared by the chapters that train on it.</summary>
public static class Iris
{
    /// <summary>
    /// <c>pd.read_csv("../data/iris.csv", index_col=0)</c> then <c>iris.sample(frac=1)</c>: the unnamed index column is
    /// dropped and the rows are shuffled by <paramref name="random"/>, NumPy's global generator in the notebook.
    /// </summary>
    public static DataFrame read(string path, NumpyRandom random)
    {
        var iris = DataFrame.LoadCsv(path);
        iris.Columns.Remove(iris.Columns[0].Name);                        // index_col=0
        var order = new PrimitiveDataFrameColumn<long>("order", random.permutation((int)iris.Rows.Count));
        return iris[order];                                                 // iris.sample(frac=1)
    }

    /// <summary><c>X -= X.mean(axis=0); X /= X.std(axis=0)</c> with pandas' std (ddof = 1), column by column.</summary>
    public static DataFrame standardize(DataFrame X)
    {
        var result = X.Clone();
        foreach (var column in result.Columns)
        {
            var values = Enumerable.Range(0, (int)column.Length).Select(i => Convert.ToDouble(column[i])).ToArray();
            double mean = values.Average();
            double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
            for (int i = 0; i < values.Length; i++) column[i] = (float)((values[i] - mean) / std);
        }
        return result;
    }
}
