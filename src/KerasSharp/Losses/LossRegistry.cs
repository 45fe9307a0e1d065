using System;
using System.Collections.Generic;
using System.Linq;

namespace KerasSharp.Losses;

/// <summary>
/// Keras's loss identifiers (keras/src/losses/__init__.py, <c>get</c>): exact, case-sensitive names of functions and
/// classes plus the aliases bce/BCE, kld/KLD, mae/MAE, mse/MSE, mape/MAPE, msle/MSLE, and compile's "crossentropy"/"ce"
/// shortcut, resolved from the data's shapes. The loss keeps the string as its name.
/// </summary>
internal static class LossRegistry
{
    static readonly Dictionary<string, Func<Loss>> Factories = new(StringComparer.Ordinal)
    {
        ["mean_squared_error"] = () => new MeanSquaredError(),
        ["MeanSquaredError"] = () => new MeanSquaredError(),
        ["mse"] = () => new MeanSquaredError(),
        ["MSE"] = () => new MeanSquaredError(),
        ["mean_absolute_error"] = () => new MeanAbsoluteError(),
        ["MeanAbsoluteError"] = () => new MeanAbsoluteError(),
        ["mae"] = () => new MeanAbsoluteError(),
        ["MAE"] = () => new MeanAbsoluteError(),
        ["mean_absolute_percentage_error"] = () => new MeanAbsolutePercentageError(),
        ["MeanAbsolutePercentageError"] = () => new MeanAbsolutePercentageError(),
        ["mape"] = () => new MeanAbsolutePercentageError(),
        ["MAPE"] = () => new MeanAbsolutePercentageError(),
        ["mean_squared_logarithmic_error"] = () => new MeanSquaredLogarithmicError(),
        ["MeanSquaredLogarithmicError"] = () => new MeanSquaredLogarithmicError(),
        ["msle"] = () => new MeanSquaredLogarithmicError(),
        ["MSLE"] = () => new MeanSquaredLogarithmicError(),
        ["binary_crossentropy"] = () => new BinaryCrossentropy(),
        ["BinaryCrossentropy"] = () => new BinaryCrossentropy(),
        ["bce"] = () => new BinaryCrossentropy(),
        ["BCE"] = () => new BinaryCrossentropy(),
        ["categorical_crossentropy"] = () => new CategoricalCrossentropy(),
        ["CategoricalCrossentropy"] = () => new CategoricalCrossentropy(),
        ["sparse_categorical_crossentropy"] = () => new SparseCategoricalCrossentropy(),
        ["SparseCategoricalCrossentropy"] = () => new SparseCategoricalCrossentropy(),
        ["kl_divergence"] = () => new KLDivergence(),
        ["KLDivergence"] = () => new KLDivergence(),
        ["kld"] = () => new KLDivergence(),
        ["KLD"] = () => new KLDivergence(),
        ["poisson"] = () => new Poisson(),
        ["Poisson"] = () => new Poisson(),
        ["cosine_similarity"] = () => new CosineSimilarity(),
        ["CosineSimilarity"] = () => new CosineSimilarity(),
        ["log_cosh"] = () => new LogCosh(),
        ["LogCosh"] = () => new LogCosh(),
        ["huber"] = () => new Huber(),
        ["Huber"] = () => new Huber(),
        ["hinge"] = () => new Hinge(),
        ["Hinge"] = () => new Hinge(),
        ["squared_hinge"] = () => new SquaredHinge(),
        ["SquaredHinge"] = () => new SquaredHinge(),
        ["categorical_hinge"] = () => new CategoricalHinge(),
        ["CategoricalHinge"] = () => new CategoricalHinge(),
    };

    internal static IEnumerable<string> Names => Factories.Keys.Order(StringComparer.Ordinal);

    internal static Loss Get(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (identifier.ToLowerInvariant() is "crossentropy" or "ce") return new AutoCrossentropy(identifier);
        if (!Factories.TryGetValue(identifier, out var make))
            throw new ArgumentException(
                $"Could not interpret loss identifier: '{identifier}'. {Utils.ClosestName.DidYouMean(identifier, Names)}Expected one of: {string.Join(", ", Names)} (names are case-sensitive).",
                nameof(identifier));
        var loss = make();
        loss.name = identifier;
        return loss;
    }
}
