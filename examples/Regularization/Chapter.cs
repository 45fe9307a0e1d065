using KerasSharp.Callbacks;
using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Plotting;
using Microsoft.Data.Analysis;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.utils;

namespace KerasSharp.Examples.Regularization;

/// <summary>What the chapter's cells share: the data, the model, one training and its figure.</summary>
public static class Chapter
{
    /// <summary>The chapter's number of epochs.</summary>
    public const int n_epochs = 100;

    /// <summary>
    /// The data cell: <c>iris.csv</c> with its index column, <c>iris.sample(frac=1)</c> on NumPy's generator
    /// (<c>np.random.seed(0)</c>), one-hot targets, the target dropped from the features, features standardized.
    /// </summary>
    public static (DataFrame X, object y) load(string irisPath, NumpyRandom? random = null)
    {
        // iris = pd.read_csv("../data/iris.csv", index_col=0)
        // iris = iris.sample(frac=1)
        // y = to_categorical(iris["target"])
        // X = iris.drop(columns=["target"])
        // X -= X.mean(axis=0)
        // X /= X.std(axis=0)
        var iris = Iris.read(irisPath, random ?? new NumpyRandom(0));
        var y = to_categorical(iris["target"]);
        var X = iris.Clone();
        X.Columns.Remove("target");
        return (Iris.standardize(X), y);
    }

    /// <summary>
    /// The chapter's model, 4-256-256-256-3 with ReLU and softmax; <paramref name="hidden"/> makes each hidden Dense
    /// (e.g. with a kernel regularizer), <paramref name="dropout"/> adds a Dropout after the input and after each hidden layer.
    /// </summary>
    public static Sequential make_model(Func<Dense>? hidden = null, double? dropout = null)
    {
        hidden ??= () => Dense(units: 256, activation: "relu");
        var layers = new List<Layer> { InputLayer(input_shape: [4]) };
        if (dropout is { } r) layers.Add(Dropout(rate: r));
        for (int i = 0; i < 3; i++)
        {
            layers.Add(hidden());
            if (dropout is { } rate) layers.Add(Dropout(rate: rate));
        }
        layers.Add(Dense(units: 3, activation: "softmax"));
        return Sequential(layers);
    }

    /// <summary>
    /// <c>set_random_seed(0)</c>, compile with Adam, and
    /// <c>fit(X, y, validation_split=0.3, epochs=100, batch_size=30, verbose=0)</c> with <paramref name="callbacks"/>.
    /// </summary>
    public static (Sequential model, History h) train(DataFrame X, object y, Func<Sequential> make, IEnumerable<Callback>? callbacks = null, int epochs = n_epochs)
    {
        set_random_seed(0);
        var model = make();
        model.compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        var h = model.fit(X, y, validation_split: 0.3, epochs: epochs, batch_size: 30, verbose: 0, callbacks: callbacks);
        return (model, h);
    }

    /// <summary><c>np.argmin(h.history["val_loss"]) + 1</c>: the epoch (from 1) of the lowest validation loss.</summary>
    public static int best_epoch(History h)
    {
        var v = h.history["val_loss"];
        int best = 0;
        for (int i = 1; i < v.Count; i++) if (v[i] < v[best]) best = i;
        return best + 1;
    }

    /// <summary>
    /// The cell's figure and printout: training and validation loss per epoch (from 1), the dashed line at the lowest
    /// validation loss, and the best epoch.
    /// </summary>
    public static Figure report(History h, string title, string figurePath)
    {
        // plt.plot(h.history["loss"], label="Training")
        // plt.plot(h.history["val_loss"], label="Validation")
        // plt.axhline(np.min(h.history["val_loss"]), color="k", linestyle="--", label="Best validation loss")
        // plt.xlabel("Epochs"); plt.ylabel("Loss"); plt.legend()
        // print(np.argmin(h.history["val_loss"]) + 1)
        var loss = h.history["loss"];
        var val = h.history["val_loss"];
        var epochs = Enumerable.Range(1, loss.Count).Select(e => (double)e).ToList();
        var figure = new Figure();
        var panel = figure.Subplot();
        panel.Plot(epochs, loss, label: "Training");
        panel.Plot(epochs, val, label: "Validation");
        panel.Plot([1.0, loss.Count], [val.Min(), val.Min()], "k--", label: "Best validation loss");
        panel.XLabel = "Epochs";
        panel.YLabel = "Loss";
        panel.Title = title;
        panel.Legend = true;
        figure.SavePng(figurePath);
        Console.WriteLine($"  best epoch {best_epoch(h)} of {val.Count} (validation loss {val.Min():F4}); final loss {loss[^1]:F4}, "
            + $"final validation loss {val[^1]:F4}; mean loss over the first 5 epochs {loss.Take(5).Average():F4}; wrote {Path.GetFileName(figurePath)}");
        return figure;
    }
}
