using System;
using System.Collections.Generic;
using System.Linq;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras's optimizer identifiers (keras/src/optimizers/__init__.py, <c>get</c>): the class name, case-insensitively, with
/// default arguments.
/// </summary>
internal static class OptimizerRegistry
{
    static readonly Dictionary<string, Func<Optimizer>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sgd"] = () => new SGD(),
        ["adam"] = () => new Adam(),
        ["adamw"] = () => new AdamW(),
        ["rmsprop"] = () => new RMSprop(),
        ["adagrad"] = () => new Adagrad(),
        ["adadelta"] = () => new Adadelta(),
        ["adamax"] = () => new Adamax(),
        ["nadam"] = () => new Nadam(),
        ["lion"] = () => new Lion(),
    };

    internal static IEnumerable<string> Names => Factories.Keys.Order(StringComparer.Ordinal);

    internal static Optimizer Get(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (Factories.TryGetValue(identifier.Trim(), out var make)) return make();
        throw new ArgumentException(
            $"Could not interpret optimizer identifier: '{identifier}'. {Utils.ClosestName.DidYouMean(identifier, Names)}Expected one of: {string.Join(", ", Names)} (case-insensitive).",
            nameof(identifier));
    }
}
