using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using KerasSharp.Backend;

namespace KerasSharp.Ops;

/// <summary>
/// The <c>inputs</c> or <c>outputs</c> of a functional model as Keras accepts them (a nested structure in Keras's
/// <c>tree</c>): one KerasTensor, a list (<c>[a, b]</c>), or a dictionary keyed by name. Converts implicitly from each.
/// </summary>
[CollectionBuilder(typeof(TensorStructure), nameof(Create))]
public sealed class TensorStructure : IEnumerable<KerasTensor>
{
    readonly KerasTensor[] _flat;

    TensorStructure(KerasTensor[] flat, bool single, string[]? keys, string[]? keyOrder = null)
    {
        _flat = flat;
        this.single = single;
        this.keys = keys;
        key_order = keyOrder ?? keys;
    }

    /// <summary>The tensors in order (for a dictionary, in sorted key order, as Keras flattens it).</summary>
    internal IReadOnlyList<KerasTensor> flat => _flat;

    /// <summary>Whether this is one tensor rather than a list or a dictionary.</summary>
    internal bool single { get; }

    /// <summary>The dictionary's keys, sorted, or null for a tensor or a list.</summary>
    internal string[]? keys { get; }

    /// <summary>The dictionary's keys in the order they were given (Keras keeps it in configs), or null.</summary>
    internal string[]? key_order { get; }

    /// <summary>Number of tensors.</summary>
    public int Count => _flat.Length;

    /// <summary>One tensor.</summary>
    public static implicit operator TensorStructure(KerasTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return new(new[] { tensor }, true, null);
    }

    /// <summary>A list of tensors.</summary>
    public static implicit operator TensorStructure(KerasTensor[] tensors) => FromList(tensors);

    /// <summary>A list of tensors.</summary>
    public static implicit operator TensorStructure(List<KerasTensor> tensors) => FromList(tensors);

    /// <summary>Tensors keyed by name (Keras: a dict of inputs or outputs).</summary>
    public static implicit operator TensorStructure(Dictionary<string, KerasTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        foreach (var (k, v) in tensors)
            if (v is null) throw new ArgumentNullException(nameof(tensors), $"The tensor for key '{k}' is null.");
        // Keras's tree.flatten orders a dictionary by its sorted keys.
        var keys = tensors.Keys.Order(StringComparer.Ordinal).ToArray();
        return new(keys.Select(k => tensors[k]).ToArray(), false, keys, tensors.Keys.ToArray());
    }

    /// <summary>The collection-expression form, <c>[a, b]</c>.</summary>
    public static TensorStructure Create(ReadOnlySpan<KerasTensor> tensors) => FromList(tensors.ToArray());

    static TensorStructure FromList(IEnumerable<KerasTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var flat = tensors.ToArray();
        for (int i = 0; i < flat.Length; i++)
            if (flat[i] is null) throw new ArgumentNullException(nameof(tensors), $"The tensor at position {i} is null.");
        return new(flat, false, null);
    }

    /// <inheritdoc />
    public IEnumerator<KerasTensor> GetEnumerator() => ((IEnumerable<KerasTensor>)_flat).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
