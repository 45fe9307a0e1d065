using System;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Saving;

/// <summary>
/// One dataset of a weights file, read into memory: its shape and values (floats as float32, integers as int64), and
/// its HDF5 type for messages. Keras reads the same datasets as NumPy arrays (<c>H5IOStore.__getitem__</c>).
/// </summary>
internal sealed class StoredArray
{
    StoredArray(long[] shape, float[]? floats, long[]? integers, string dtype)
    {
        this.shape = shape;
        _floats = floats;
        _integers = integers;
        this.dtype = dtype;
    }

    readonly float[]? _floats;
    readonly long[]? _integers;

    internal long[] shape { get; }

    /// <summary>NumPy's name of the stored type: float32, float64, int32, int64, ...</summary>
    internal string dtype { get; }

    internal bool is_integer => _integers is not null;

    internal static StoredArray Floats(long[] shape, float[] values, string dtype) => new(shape, values, null, dtype);

    internal static StoredArray Integers(long[] shape, long[] values, string dtype) => new(shape, null, values, dtype);

    internal float[] AsFloats() => _floats ?? _integers!.Select(v => (float)v).ToArray();

    internal long AsLong() => _integers is not null ? _integers[0] : checked((long)_floats![0]);

    /// <summary>A float32 CPU tensor of the stored shape.</summary>
    internal Tensor ToTensor() => tensor(AsFloats(), shape, ScalarType.Float32);

    internal string Describe() => $"{dtype} array of shape {OptimizerState.ShapeText(shape)}";
}
