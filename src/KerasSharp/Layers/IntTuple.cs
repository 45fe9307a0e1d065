using System;
using System.Collections.Generic;
using System.Linq;

namespace KerasSharp.Layers;

/// <summary>
/// An integer or a tuple of integers, as Keras's layer arguments take them (<c>kernel_size=5</c> or
/// <c>kernel_size=(5, 3)</c>; Keras: <c>standardize_tuple</c> in keras/src/utils/argument_validation.py). Converts
/// implicitly from <c>int</c>, <c>int[]</c> and tuples of two or three ints.
/// </summary>
public readonly struct IntTuple : IEquatable<IntTuple>
{
    readonly int[]? _values;

    /// <summary>The given values (one value stands for all dimensions).</summary>
    public IntTuple(params int[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) throw new ArgumentException("An integer tuple needs at least one value.", nameof(values));
        _values = (int[])values.Clone();
    }

    /// <summary>The values as given.</summary>
    public IReadOnlyList<int> values => _values ?? Array.Empty<int>();

    /// <summary>One value for every dimension.</summary>
    public static implicit operator IntTuple(int value) => new(value);

    /// <summary>One value per dimension.</summary>
    public static implicit operator IntTuple(int[] values) => new(values);

    /// <summary>Two dimensions.</summary>
    public static implicit operator IntTuple((int, int) values) => new(values.Item1, values.Item2);

    /// <summary>Three dimensions.</summary>
    public static implicit operator IntTuple((int, int, int) values) => new(values.Item1, values.Item2, values.Item3);

    /// <summary>
    /// The tuple for <paramref name="rank"/> dimensions (Keras: <c>standardize_tuple(value, n, name)</c>): a single value
    /// is repeated; otherwise the length must be <paramref name="rank"/>. Values must be positive, or non-negative when
    /// <paramref name="allowZero"/>.
    /// </summary>
    internal int[] Expand(int rank, string name, bool allowZero = false)
    {
        var v = _values ?? throw new ArgumentException($"The `{name}` argument is missing.", name);
        if (v.Length != 1 && v.Length != rank)
            throw new ArgumentException(
                $"The `{name}` argument must be a tuple of {rank} integers. Received {name}={this}", name);
        var result = v.Length == 1 ? Enumerable.Repeat(v[0], rank).ToArray() : (int[])v.Clone();
        if (result.Any(x => allowZero ? x < 0 : x <= 0))
            throw new ArgumentException(
                $"The `{name}` argument must be a tuple of {rank} {(allowZero ? "non-negative" : "positive")} integers. Received {name}={this}", name);
        return result;
    }

    /// <inheritdoc />
    public bool Equals(IntTuple other) => values.SequenceEqual(other.values);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IntTuple t && Equals(t);

    /// <inheritdoc />
    public override int GetHashCode() => values.Aggregate(17, (h, x) => h * 31 + x);

    /// <summary>Python's spelling: "5" or "(5, 3)".</summary>
    public override string ToString() => values.Count == 1 ? values[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : $"({string.Join(", ", values)})";

    /// <summary>Equality of the values.</summary>
    public static bool operator ==(IntTuple left, IntTuple right) => left.Equals(right);

    /// <summary>Inequality of the values.</summary>
    public static bool operator !=(IntTuple left, IntTuple right) => !left.Equals(right);
}
