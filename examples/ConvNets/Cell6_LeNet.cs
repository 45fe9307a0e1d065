using System.Globalization;
using System.Text.Json;
using KerasSharp.Callbacks;
using KerasSharp.Models;
using KerasSharp.Plotting;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.utils;
using static TorchSharp.torch;

namespace KerasSharp.Examples.ConvNets;

/// <summary>
/// Cell 6: LeNet-5 (its summary as Keras prints it), trained on the 8x8 digits upsampled to 32x32, with a validation
/// split; learning curves and the misclassified validation digits as PNGs, and the trained model as a .keras file.
/// </summary>
public static class Cell6_LeNet
{
    // model = Sequential([InputLayer(input_shape=(32, 32, 1)),
    //                     Conv2D(filters=6, kernel_size=5, padding="valid", activation="relu"), MaxPool2D(pool_size=2),
    //                     Conv2D(filters=16, kernel_size=5, padding="valid", activation="relu"), MaxPool2D(pool_size=2),
    //                     Flatten(), Dense(120, activation="relu"), Dense(84, activation="relu"), Dense(10, activation="softmax")])
    /// <summary>The chapter's LeNet-5.</summary>
    public static Sequential lenet() => Sequential([
        InputLayer(input_shape: [32, 32, 1]),
        Conv2D(filters: 6, kernel_size: 5, padding: "valid", activation: "relu"), MaxPool2D(pool_size: 2),
        Conv2D(filters: 16, kernel_size: 5, padding: "valid", activation: "relu"), MaxPool2D(pool_size: 2),
        Flatten(), Dense(120, activation: "relu"), Dense(84, activation: "relu"), Dense(10, activation: "softmax"),
    ]);

    /// <summary>
    /// The digits (pixels 0..16, 8x8) as (N, 32, 32, 1) images in [0, 1], each pixel repeated 4x4
    /// (<c>np.kron(img, np.ones((4, 4)))</c>), and their labels.
    /// </summary>
    public static (Tensor x, long[] y) load_digits(string csvPath)
    {
        var rows = File.ReadLines(csvPath).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        var x = new float[rows.Count * 32 * 32];
        var y = new long[rows.Count];
        for (int n = 0; n < rows.Count; n++)
        {
            for (int i = 0; i < 32; i++)
                for (int j = 0; j < 32; j++)
                    x[(n * 32 + i) * 32 + j] = float.Parse(rows[n][(i / 4) * 8 + j / 4], CultureInfo.InvariantCulture) / 16f;
            y[n] = long.Parse(rows[n][64], CultureInfo.InvariantCulture);
        }
        return (tensor(x, new long[] { rows.Count, 32, 32, 1 }), y);
    }

    /// <summary>
    /// The digits of <see cref="load_digits"/> shuffled once. The file lists them writer by writer; shuffling
    /// (<c>np.random.seed(0); p = np.random.permutation(n)</c>) makes the validation split (the last 20% of the rows, as
    /// Keras takes it) hold every writer's digits.
    /// </summary>
    public static (Tensor x, long[] labels) shuffled_digits(string csvPath)
    {
        var (ordered, orderedLabels) = load_digits(csvPath);
        long[] perm = new NumpyRandom(0).permutation((int)ordered.shape[0]);
        return (ordered.index_select(0, tensor(perm)), perm.Select(i => orderedLabels[i]).ToArray());
    }

    /// <summary>
    /// The chapter's training recipe, shared by the LeNet and the ResNet: the shuffled digits, one-hot labels,
    /// crossentropy, Adam, batches of 32, the last 20% for validation. Returns the History and the data it trained on.
    /// </summary>
    public static (History h, Tensor x, long[] labels) fit_on_digits(Model model, string digitsCsv, int epochs)
    {
        var (x, labels) = shuffled_digits(digitsCsv);
        using var y = to_categorical(labels, 10);
        // model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
        // h = model.fit(x, y, epochs=10, batch_size=32, validation_split=0.2, verbose=2)
        model.compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        var h = model.fit(x, y, epochs: epochs, batch_size: 32, validation_split: 0.2, verbose: 2);
        return (h, x, labels);
    }

    /// <summary>Runs the cell; returns the final validation accuracy.</summary>
    public static double Run(string figuresDir, string digitsCsv, int epochs = 10)
    {
        Console.WriteLine("Cell 6: LeNet-5");
        set_random_seed(0);
        var model = lenet();
        model.summary();                                                              // model.summary()

        var (h, x, labels) = fit_on_digits(model, digitsCsv, epochs);
        double valAccuracy = h.history["val_accuracy"][^1];
        Console.WriteLine($"  validation accuracy after {epochs} epochs: {valAccuracy:P2}");
        Console.WriteLine($"  wrote {Path.GetFileName(h.plot().SavePng(Path.Combine(figuresDir, "lenet_learning_curves.png")))}");

        // The validation rows are the last 20% (Keras's validation_split); their misclassified digits, as a grid.
        long split = (long)Math.Floor(x.shape[0] * 0.8);
        using (var scope = NewDisposeScope())
        {
            var xVal = x.narrow(0, split, x.shape[0] - split);
            var predicted = model.predict(xVal, verbose: 0).argmax(1).data<long>().ToArray();
            var grid = new ImageGrid();
            for (int k = 0; k < predicted.Length && grid.Count < 24; k++)
            {
                long truth = labels[split + k];
                if (predicted[k] == truth) continue;
                var img = xVal[k, TensorIndex.Colon, TensorIndex.Colon, 0].to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
                var m = new double[32, 32];
                Buffer.BlockCopy(img, 0, m, 0, img.Length * sizeof(double));
                grid.Gray(m, $"true {truth}, predicted {predicted[k]}");
            }
            int wrong = predicted.Where((p, k) => p != labels[split + k]).Count();
            Console.WriteLine($"  {wrong} of {predicted.Length} validation digits misclassified");
            if (grid.Count > 0) Console.WriteLine($"  wrote {Path.GetFileName(grid.Save(Path.Combine(figuresDir, "lenet_misclassified.png"), 6, 120))}");

            // The trained model as Keras's .keras file, and three predictions for Keras to check
            // (tests/KerasSharp.Tests/Convolutional/Fixtures/check_kerassharp_lenet.py).
            model.save(Path.Combine(figuresDir, "lenet.keras"));
            var sample = xVal.narrow(0, 0, 3).contiguous();
            var p = model.predict(sample, verbose: 0);
            File.WriteAllText(Path.Combine(figuresDir, "lenet_predictions.json"), JsonSerializer.Serialize(new
            {
                input_shape = sample.shape,
                input = sample.data<float>().ToArray(),
                predictions = Enumerable.Range(0, 3).Select(i => p[i].data<float>().ToArray()).ToArray(),
            }));
            Console.WriteLine("  wrote lenet.keras and lenet_predictions.json");
        }
        model.Dispose();
        return valAccuracy;
    }
}
