using System;
using System.Collections.Generic;
using System.Linq;

namespace KerasSharp.Metrics;

/// <summary>
/// Keras's metric identifiers (keras/src/metrics/__init__.py, <c>get</c>, plus compile's "accuracy"/"acc" rule): class
/// names, their snake_case forms and the aliases mse/MSE, mae/MAE, mape/MAPE, msle/MSLE, bce/BCE. The metric takes the
/// identifier as its name, so the history key is exactly the string given to compile.
/// </summary>
internal static class MetricRegistry
{
    static readonly (string[] names, Func<string, Metric> make)[] Entries =
    {
        (new[] { "binary_accuracy", "BinaryAccuracy" }, n => new BinaryAccuracy(n)),
        (new[] { "categorical_accuracy", "CategoricalAccuracy" }, n => new CategoricalAccuracy(n)),
        (new[] { "sparse_categorical_accuracy", "SparseCategoricalAccuracy" }, n => new SparseCategoricalAccuracy(n)),
        (new[] { "top_k_categorical_accuracy", "TopKCategoricalAccuracy" }, n => new TopKCategoricalAccuracy(name: n)),
        (new[] { "sparse_top_k_categorical_accuracy", "SparseTopKCategoricalAccuracy" }, n => new SparseTopKCategoricalAccuracy(name: n)),
        (new[] { "Accuracy" }, n => new Accuracy(n)),
        (new[] { "mean_squared_error", "MeanSquaredError", "mse", "MSE" }, n => new MeanSquaredError(n)),
        (new[] { "mean_absolute_error", "MeanAbsoluteError", "mae", "MAE" }, n => new MeanAbsoluteError(n)),
        (new[] { "mean_absolute_percentage_error", "MeanAbsolutePercentageError", "mape", "MAPE" }, n => new MeanAbsolutePercentageError(n)),
        (new[] { "mean_squared_logarithmic_error", "MeanSquaredLogarithmicError", "msle", "MSLE" }, n => new MeanSquaredLogarithmicError(n)),
        (new[] { "root_mean_squared_error", "RootMeanSquaredError" }, n => new RootMeanSquaredError(n)),
        (new[] { "log_cosh_error", "LogCoshError" }, n => new LogCoshError(n)),
        (new[] { "kl_divergence", "KLDivergence" }, n => new KLDivergence(n)),
        (new[] { "poisson", "Poisson" }, n => new Poisson(n)),
        (new[] { "hinge", "Hinge" }, n => new Hinge(n)),
        (new[] { "squared_hinge", "SquaredHinge" }, n => new SquaredHinge(n)),
        (new[] { "categorical_hinge", "CategoricalHinge" }, n => new CategoricalHinge(n)),
        (new[] { "binary_crossentropy", "BinaryCrossentropy", "bce", "BCE" }, n => new BinaryCrossentropy(n)),
        (new[] { "categorical_crossentropy", "CategoricalCrossentropy" }, n => new CategoricalCrossentropy(n)),
        (new[] { "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy" }, n => new SparseCategoricalCrossentropy(n)),
        (new[] { "auc", "AUC" }, n => new AUC(name: n)),
        (new[] { "precision", "Precision" }, n => new Precision(name: n)),
        (new[] { "recall", "Recall" }, n => new Recall(name: n)),
    };

    static readonly Dictionary<string, Func<string, Metric>> ByName =
        Entries.SelectMany(e => e.names.Select(n => (n, e.make))).ToDictionary(x => x.n, x => x.make, StringComparer.Ordinal);

    internal static IEnumerable<string> Names => ByName.Keys.Append("accuracy").Append("acc").Order(StringComparer.Ordinal);

    internal static Metric Get(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var lower = identifier.ToLowerInvariant();
        if (lower is "accuracy" or "acc") return new AutoAccuracy(identifier);
        if (ByName.TryGetValue(identifier, out var make)) return make(identifier);
        throw new ArgumentException(
            $"Could not interpret metric identifier: '{identifier}'. {Utils.ClosestName.DidYouMean(identifier, Names)}Expected one of: {string.Join(", ", Names)}.", nameof(identifier));
    }
}
