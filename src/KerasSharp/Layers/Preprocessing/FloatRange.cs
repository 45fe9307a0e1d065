using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace KerasSharp.Layers;

/// <summary>
/// A number or a <c>(low, high)</c> pair, as Keras's image-augmentation arguments take them (<c>factor=0.2</c> or
/// <c>factor=(-0.2, 0.3)</c>, <c>value_range=(0, 255)</c>; Keras: <c>_set_factor</c> in
/// keras/src/layers/preprocessing/image_preprocessing/base_image_preprocessing_layer.py). Converts implicitly from
/// <c>double</c>, <c>int</c>, tuples of two numbers and <c>double[]</c>. Integers stay integers in configs, as Python
/// writes them.
/// </summary>
public readonly struct FloatRange : IEquatable<FloatRange>
{
    readonly double[]? _values;
    readonly bool[]? _integral;

    /// <summary>The given values: one number or a pair.</summary>
    public FloatRange(params double[] values) : this(values, null) { }

    internal FloatRange(double[] values, bool[]? integral)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) throw new ArgumentException("A factor needs at least one value.", nameof(values));
        _values = (double[])values.Clone();
        _integral = integral is null ? new bool[values.Length] : (bool[])integral.Clone();
    }

    /// <summary>The values as given.</summary>
    public IReadOnlyList<double> values => _values ?? Array.Empty<double>();

    /// <summary>Whether it is a <c>(low, high)</c> pair (or any list) rather than one number.</summary>
    public bool is_tuple => values.Count != 1;

    /// <summary>One number.</summary>
    public static implicit operator FloatRange(double value) => new(value);

    /// <summary>One integer (written as an integer in configs).</summary>
    public static implicit operator FloatRange(int value) => new(new double[] { value }, new[] { true });

    /// <summary>A pair.</summary>
    public static implicit operator FloatRange((double, double) values) => new(values.Item1, values.Item2);

    /// <summary>A pair of integers, such as <c>value_range: (0, 255)</c>.</summary>
    public static implicit operator FloatRange((int, int) values) => new(new double[] { values.Item1, values.Item2 }, new[] { true, true });

    /// <summary>Any number of values (Keras refuses lists whose length is not 2).</summary>
    public static implicit operator FloatRange(double[] values) => new(values);

    /// <summary>From a config value: a JSON number or a list of numbers.</summary>
    internal static FloatRange FromJson(object? raw, string what) => raw switch
    {
        long l => new FloatRange(new double[] { l }, new[] { true }),
        double d => new FloatRange(d),
        IEnumerable<object?> list when list.All(v => v is long or double) && list.Any() =>
            new FloatRange(list.Select(v => v is long l ? l : (double)v!).ToArray(), list.Select(v => v is long).ToArray()),
        _ => throw new System.IO.InvalidDataException($"The config of {what} must be a number or a list of two numbers; found {Saving.PythonJson.Dumps(raw)}."),
    };

    /// <summary>The config value: a number, or a list of numbers; integers as integers.</summary>
    internal object ToJson()
    {
        var v = values;
        var ints = _integral ?? new bool[v.Count];
        object At(int i) => ints[i] && Math.Abs(v[i]) < 9e15 ? (object)(long)v[i] : v[i];
        return v.Count == 1 ? At(0) : Enumerable.Range(0, v.Count).Select(At).ToList<object?>();
    }

    /// <summary>Whether value <paramref name="i"/> was given as an integer.</summary>
    internal bool integral(int i) => _integral is { } ints && ints[i];

    /// <inheritdoc />
    public bool Equals(FloatRange other) => values.SequenceEqual(other.values);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FloatRange r && Equals(r);

    /// <inheritdoc />
    public override int GetHashCode() => values.Aggregate(17, (h, x) => h * 31 + x.GetHashCode());

    /// <summary>Python's spelling: "0.2" or "(-0.2, 0.3)".</summary>
    public override string ToString()
    {
        var self = this;
        string F(int i) => self.integral(i) ? ((long)self.values[i]).ToString(CultureInfo.InvariantCulture) : Saving.PythonJson.Dumps(self.values[i]);
        return values.Count == 1 ? F(0) : $"({string.Join(", ", Enumerable.Range(0, values.Count).Select(F))})";
    }

    /// <summary>Equality of the values.</summary>
    public static bool operator ==(FloatRange left, FloatRange right) => left.Equals(right);

    /// <summary>Inequality of the values.</summary>
    public static bool operator !=(FloatRange left, FloatRange right) => !left.Equals(right);
}
