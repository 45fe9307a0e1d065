using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace KerasSharp.Layers;

/// <summary>
/// Amounts before and after each spatial axis, as <c>ZeroPadding2D(padding=...)</c>, <c>ZeroPadding3D</c>,
/// <c>Cropping2D(cropping=...)</c> and <c>Cropping3D</c> take them (Keras: keras/src/layers/reshaping/zero_padding2d.py,
/// cropping2d.py): an int (the same on both sides of every axis), a tuple of one int per axis (symmetric per axis), or
/// a tuple of (before, after) pairs per axis, <c>((top, bottom), (left, right))</c>. Entries of an array form may mix
/// single ints and pairs, as Keras accepts <c>(1, (0, 2))</c>. Converts implicitly from <c>int</c>, tuples of two or
/// three ints, tuples of two or three pairs, and <c>int[][]</c>.
/// </summary>
public readonly struct IntPairs : IEquatable<IntPairs>
{
    readonly int? _single;
    readonly int[][]? _entries;

    IntPairs(int single)
    {
        _single = single;
        _entries = null;
    }

    /// <summary>One entry per axis: a single int (symmetric) or a (before, after) pair.</summary>
    public IntPairs(params int[][] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Any(e => e is null)) throw new ArgumentException("An entry of the tuple is null.", nameof(entries));
        _single = null;
        _entries = entries.Select(e => (int[])e.Clone()).ToArray();
    }

    /// <summary>The same amount on both sides of every axis.</summary>
    public static implicit operator IntPairs(int value) => new(value);

    /// <summary>Symmetric amounts for two axes.</summary>
    public static implicit operator IntPairs((int, int) values) => new(new[] { values.Item1 }, new[] { values.Item2 });

    /// <summary>Symmetric amounts for three axes.</summary>
    public static implicit operator IntPairs((int, int, int) values) => new(new[] { values.Item1 }, new[] { values.Item2 }, new[] { values.Item3 });

    /// <summary>(before, after) for two axes.</summary>
    public static implicit operator IntPairs(((int, int), (int, int)) values) =>
        new(new[] { values.Item1.Item1, values.Item1.Item2 }, new[] { values.Item2.Item1, values.Item2.Item2 });

    /// <summary>(before, after) for three axes.</summary>
    public static implicit operator IntPairs(((int, int), (int, int), (int, int)) values) =>
        new(new[] { values.Item1.Item1, values.Item1.Item2 }, new[] { values.Item2.Item1, values.Item2.Item2 }, new[] { values.Item3.Item1, values.Item3.Item2 });

    /// <summary>One entry per axis, each one int or a pair.</summary>
    public static implicit operator IntPairs(int[][] entries) => new(entries);

    /// <summary>
    /// The (before, after) pairs for <paramref name="rank"/> axes, refusing negative amounts and tuples of the wrong
    /// length with Keras's wording (<c>"`padding` should have two elements"</c>, <c>"The `1st entry of padding`
    /// argument must be a tuple of 2 integers"</c>).
    /// </summary>
    internal (int before, int after)[] Expand(int rank, string name)
    {
        if (_single is { } v)
        {
            if (v < 0)
                throw new ArgumentException($"`{name}` cannot be negative. Received: {name}={v}.", name);
            return Enumerable.Repeat((v, v), rank).ToArray();
        }
        var entries = _entries ?? throw new ArgumentException($"The `{name}` argument is missing.", name);
        if (entries.Length != rank)
            throw new ArgumentException(
                $"`{name}` should have {(rank == 2 ? "two" : rank.ToString(CultureInfo.InvariantCulture))} elements. Received: {name}={this}.", name);
        var result = new (int, int)[rank];
        for (int i = 0; i < rank; i++)
        {
            var e = entries[i];
            var entryName = $"{Ordinal(i + 1)} entry of {name}";
            if (e.Length is not (1 or 2))
                throw new ArgumentException($"The `{entryName}` argument must be a tuple of 2 integers. Received {entryName}={Python(e)}", name);
            if (e.Any(x => x < 0))
                throw new ArgumentException(
                    $"The `{entryName}` argument must be a tuple of 2 integers. Received {entryName}={Python(e)}, including values {{{string.Join(", ", e.Where(x => x < 0).Distinct())}}} that do not satisfy `value >= 0`", name);
            result[i] = e.Length == 1 ? (e[0], e[0]) : (e[0], e[1]);
        }
        return result;
    }

    /// <summary>
    /// The value of a config's <c>padding</c> / <c>cropping</c>: an int, or a list whose entries are ints or lists of
    /// ints (Keras writes <c>[[1, 1], [2, 2]]</c>).
    /// </summary>
    internal static IntPairs FromConfig(object? raw, string what)
    {
        static int Int(object? o, string what) => o is long l ? checked((int)l) : o is int i ? i
            : throw new System.IO.InvalidDataException($"{what} must hold integers; found {Saving.PythonJson.Dumps(o)}.");
        return raw switch
        {
            long l => new IntPairs(checked((int)l)),
            int i => new IntPairs(i),
            List<object?> list => new IntPairs(list.Select(e => e is List<object?> pair ? pair.Select(x => Int(x, what)).ToArray() : new[] { Int(e, what) }).ToArray()),
            _ => throw new System.IO.InvalidDataException($"{what} must be an integer or a list of integers or pairs; found {Saving.PythonJson.Dumps(raw)}."),
        };
    }

    /// <summary>Keras's config form of expanded pairs: <c>[[1, 1], [2, 2]]</c>.</summary>
    internal static List<object?> ToConfig((int before, int after)[] pairs) =>
        pairs.Select(p => (object?)new List<object?> { p.before, p.after }).ToList();

    /// <summary>Python's spelling of expanded pairs, "((1, 1), (2, 2))".</summary>
    internal static string Format((int before, int after)[] pairs) => $"({string.Join(", ", pairs.Select(p => $"({p.before}, {p.after})"))})";

    static string Ordinal(int n) => n switch { 1 => "1st", 2 => "2nd", 3 => "3rd", _ => $"{n}th" };

    static string Python(int[] e) => e.Length == 1 ? e[0].ToString(CultureInfo.InvariantCulture) : $"({string.Join(", ", e)})";

    /// <inheritdoc />
    public bool Equals(IntPairs other) =>
        _single == other._single && (_entries is null ? other._entries is null : other._entries is not null
            && _entries.Length == other._entries.Length && _entries.Zip(other._entries).All(p => p.First.SequenceEqual(p.Second)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IntPairs p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode() => _single ?? (_entries ?? Array.Empty<int[]>()).SelectMany(e => e).Aggregate(17, (h, x) => h * 31 + x);

    /// <summary>Python's spelling: "1", "(1, 2)" or "((1, 0), (2, 3))".</summary>
    public override string ToString() =>
        _single is { } v ? v.ToString(CultureInfo.InvariantCulture) : $"({string.Join(", ", (_entries ?? Array.Empty<int[]>()).Select(Python))})";

    /// <summary>Equality of the forms.</summary>
    public static bool operator ==(IntPairs left, IntPairs right) => left.Equals(right);

    /// <summary>Inequality of the forms.</summary>
    public static bool operator !=(IntPairs left, IntPairs right) => !left.Equals(right);
}
