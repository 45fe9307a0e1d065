using System;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Saving;

/// <summary>
/// One dataset of a weights file: its shape and HDF5 type, known without reading it, and its values (floats as
/// float32, integers as int64), read on first use, so that shapes are compared with the target variables before any
/// data is read. Keras reads the same datasets as NumPy arrays (<c>H5IOStore.__getitem__</c>).
/// </summary>
internal sealed class StoredArray
{
    StoredArray(long[] shape, string dtype, bool integer, Func<Array> read)
    {
        this.shape = shape;
        this.dtype = dtype;
        is_integer = integer;
        _read = read;
    }

    readonly Func<Array> _read;
    Array? _values;

    internal long[] shape { get; }

    /// <summary>NumPy's name of the stored type: float32, float64, int32, int64, ...</summary>
    internal string dtype { get; }

    internal bool is_integer { get; }

    /// <summary>Number of elements the shape declares.</summary>
    internal long count => shape.Aggregate(1L, (a, d) => a * d);

    internal static StoredArray Floats(long[] shape, float[] values, string dtype) => new(shape, dtype, false, () => values);

    internal static StoredArray Integers(long[] shape, long[] values, string dtype) => new(shape, dtype, true, () => values);

    /// <summary>A dataset read by <paramref name="read"/> (float[] or long[]) when its values are first needed.</summary>
    internal static StoredArray Lazy(long[] shape, string dtype, bool integer, Func<Array> read) => new(shape, dtype, integer, read);

    Array Values()
    {
        if (_values is not null) return _values;
        var values = _read();
        if (values.LongLength != count)
            throw new System.IO.InvalidDataException($"A dataset declared as {Describe()} holds {values.LongLength} values.");
        return _values = values;
    }

    internal float[] AsFloats() => Values() switch
    {
        float[] f => f,
        long[] l => l.Select(v => (float)v).ToArray(),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The first value as an integer, or null when it is a float that is not an integer within int64.</summary>
    internal long? AsLong()
    {
        switch (Values())
        {
            case long[] l: return l[0];
            case float[] f:
                double v = f[0];
                return double.IsFinite(v) && v == Math.Floor(v) && Math.Abs(v) < 9.2e18 ? (long)v : null;
            default: return null;
        }
    }

    /// <summary>A float32 CPU tensor of the stored shape.</summary>
    internal Tensor ToTensor() => tensor(AsFloats(), shape, ScalarType.Float32);

    internal string Describe() => $"{dtype} array of shape {OptimizerState.ShapeText(shape)}";
}
