using KerasSharp.Callbacks;
using KerasSharp.Models;
using KerasSharp.Plotting;
using Microsoft.Data.Analysis;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.utils;

namespace KerasSharp.Examples.Optimization;

/// <summary>
/// Cell 5, "Data preprocessing": the iris model trained without and with standardized inputs, same seed, and the
/// chapter's loss / accuracy figure.
/// </summary>
public static class Cell5_Standardization
{
    /// <summary>The chapter's number of epochs.</summary>
    public const int n_epochs = 100;

    /// <summary>
    /// <c>pd.read_csv("../data/iris.csv", index_col=0)</c> then <c>iris.sample(frac=1)</c>: the unnamed index column is
    /// dropped and the rows are shuffled by NumPy's global generator, continuing where the earlier cells left it.
    /// </summary>
    public static DataFrame read_iris(string path, NumpyRandom random)
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

    /// <summary>The chapter's model: 4-256-256-256-3, ReLU, softmax.</summary>
    public static Sequential make_model() => Sequential([
        InputLayer(input_shape: [4]),
        Dense(units: 256, activation: "relu"),
        Dense(units: 256, activation: "relu"),
        Dense(units: 256, activation: "relu"),
        Dense(units: 3, activation: "softmax")
    ]);

    /// <summary>Trains the chapter's model on (X, y) from seed 0, as the cell does.</summary>
    public static History train(DataFrame X, object y, int epochs = n_epochs)
    {
        // set_random_seed(0)
        // model = Sequential([...])
        // model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
        // h = model.fit(X, y, epochs=n_epochs, batch_size=30, verbose=0)
        set_random_seed(0);
        var model = make_model();
        model.compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        return model.fit(X, y, epochs: epochs, batch_size: 30, verbose: 0);
    }

    /// <summary>Runs the cell: both trainings, their final numbers, and <c>standardization.png</c>.</summary>
    public static (History h, History h_standardized) Run(string figuresDir, string irisPath)
    {
        Console.WriteLine("Cell 5: Data preprocessing (iris, without and with standardization)");

        // iris = pd.read_csv("../data/iris.csv", index_col=0)
        // iris = iris.sample(frac=1)
        // y = to_categorical(iris["target"])
        // X = iris.drop(columns=["target"])
        var iris = read_iris(irisPath, Np.random);
        var y = to_categorical(iris["target"]);
        var X = iris.Clone();
        X.Columns.Remove("target");

        var h = train(X, y);

        // X -= X.mean(axis=0)
        // X /= X.std(axis=0)
        X = standardize(X);
        var h_standardized = train(X, y);

        foreach (var (name, run) in new[] { ("without standardization", h), ("with standardization   ", h_standardized) })
            Console.WriteLine($"  {name}: final loss {run.history["loss"][^1]:F4}, accuracy {run.history["accuracy"][^1]:F4}, "
                + $"mean loss over the first 10 epochs {run.history["loss"].Take(10).Average():F4}");

        // plt.figure(figsize=(12, 4))
        // plt.subplot(1, 2, 1): loss per epoch, both runs, legend; plt.subplot(1, 2, 2): accuracy per epoch
        var figure = new[] { ("Without data standardization", h), ("With data standardization", h_standardized) }
            .plot(Path.Combine(figuresDir, "standardization.png"));
        Console.WriteLine($"  wrote standardization.png ({figure.PixelWidth}x{figure.PixelHeight})");
        return (h, h_standardized);
    }
}
