using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// Puts the inputs and targets given to <c>fit</c>, <c>evaluate</c> and <c>predict</c> in the model's order (Keras:
/// <c>Functional._standardize_inputs</c> and <c>CompileLoss</c>'s matching of <c>y</c> to the outputs): a dictionary
/// keyed by input (or output) name becomes one tensor per input (or output); a list is checked against the number of
/// inputs (or outputs). Missing, unknown and surplus entries are refused, naming them and what was expected.
/// </summary>
internal static class StructuredData
{
    /// <summary>
    /// The inputs: a dictionary keyed by input name becomes a <c>Tensor[]</c> in <paramref name="names"/> order; a
    /// <c>Tensor[]</c> must hold one tensor per input; anything else is left to <see cref="TensorConversion"/>.
    /// </summary>
    internal static object? Inputs(object? x, IReadOnlyList<string> names, string model, string method)
    {
        if (x is IDictionary dict)
        {
            var values = ByName(dict, names, model, method, "x", "input");
            return values.Select((v, i) => TensorConversion.Features(v, $"x['{names[i]}']")).ToArray();
        }
        int count = x switch { Tensor[] a => a.Length, IReadOnlyList<Tensor> l => l.Count, _ => -1 };
        if (count >= 0 && count != names.Count)
            throw new ArgumentException(
                $"{method}: Model '{model}' expects {names.Count} input arrays ({string.Join(", ", names)}), but received {count}. "
                + "Pass one array per input, in input order, or a dictionary keyed by input name.", nameof(x));
        return x;
    }

    /// <summary>
    /// The targets: for a model with several outputs, a dictionary keyed by output name or a list (<c>Tensor[]</c>,
    /// <c>object[]</c>) with one array per output becomes <see cref="SeveralTargets"/>; for a model with one output, a
    /// one-entry list or dictionary becomes its single target.
    /// </summary>
    internal static object? Targets(object? y, IReadOnlyList<string> names, string model, string method, string argument = "y")
    {
        if (y is null) return null;
        if (names.Count <= 1)
        {
            if (y is IDictionary one) return ByName(one, names, model, method, argument, "output")[0];
            int count = y switch { Tensor[] a => a.Length, IReadOnlyList<Tensor> l => l.Count, _ => -1 };
            if (count == 1) return y is Tensor[] a1 ? a1[0] : ((IReadOnlyList<Tensor>)y)[0];
            if (count >= 0)
                throw new ArgumentException($"{method}: model '{model}' has one output, but `{argument}` holds {count} target arrays; pass one array.", argument);
            return y;
        }
        object?[] values = y switch
        {
            IDictionary dict => ByName(dict, names, model, method, argument, "output"),
            object[] list => list,
            IReadOnlyList<Tensor> list => list.ToArray(),
            _ => throw new ArgumentException(
                $"{method}: model '{model}' has {names.Count} outputs ({string.Join(", ", names)}), so `{argument}` must hold one array per output: "
                + $"a Tensor[] (or object[]) in output order, or a dictionary keyed by output name. Received: {y.GetType().Name}.", argument),
        };
        if (values.Length != names.Count)
            throw new ArgumentException(
                $"{method}: model '{model}' has {names.Count} outputs ({string.Join(", ", names)}), but `{argument}` holds {values.Length} target arrays. "
                + "Pass one array per output, in output order, or a dictionary keyed by output name.", argument);
        var tensors = values.Select((v, i) => v is null
            ? throw new ArgumentNullException(argument, $"{method}: the target for output '{names[i]}' is null.")
            : TensorConversion.Targets(v, $"{argument}['{names[i]}']")).ToArray();
        return new SeveralTargets(tensors, names.ToArray());
    }

    /// <summary>Per-sample weights for several outputs: one weight per sample, shared by every output.</summary>
    internal static void CheckSharedWeights(object? sampleWeight, int outputs, string method)
    {
        if (outputs > 1 && sampleWeight is IDictionary or Tensor[] or IReadOnlyList<Tensor>)
            throw new ArgumentException(
                $"{method}: per-output `sample_weight` (a list or dictionary) is not supported; give one weight per sample (1-D), which weighs every output's loss.",
                "sample_weight");
    }

    /// <summary>The dictionary's values in <paramref name="names"/> order; refuses missing and unknown keys, naming both.</summary>
    static object?[] ByName(IDictionary dict, IReadOnlyList<string> names, string model, string method, string argument, string what)
    {
        var keys = new List<string>();
        foreach (var k in dict.Keys)
            keys.Add(k as string ?? throw new ArgumentException($"{method}: the keys of `{argument}` must be {what} names (strings); received a key of type {k?.GetType().Name}.", argument));
        var missing = names.Where(n => !dict.Contains(n)).ToList();
        var unknown = keys.Where(k => !names.Contains(k)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0) parts.Add($"missing {string.Join(", ", missing.Select(m => $"'{m}'"))}");
            if (unknown.Count > 0) parts.Add($"unknown {string.Join(", ", unknown.Select(u => $"'{u}'"))}");
            throw new ArgumentException(
                $"{method}: the dictionary `{argument}` must be keyed by the {what} names of model '{model}' ({string.Join(", ", names.Select(n => $"'{n}'"))}); "
                + $"{string.Join(" and ", parts)}. Received keys: {string.Join(", ", keys.Select(k => $"'{k}'"))}.", argument);
        }
        return names.Select(n => dict[n]).ToArray();
    }
}
