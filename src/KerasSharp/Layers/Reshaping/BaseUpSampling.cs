using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Nearest-neighbour upsampling: every element repeated <c>size</c> times along each spatial axis (Keras:
/// keras/src/layers/reshaping/up_sampling1d.py, up_sampling2d.py, up_sampling3d.py, <c>ops.repeat</c>).
/// </summary>
public abstract class BaseUpSampling : Layer
{
    readonly int _rank;

    /// <summary>Keras's arguments; <paramref name="rank"/> is the number of spatial dimensions.</summary>
    protected BaseUpSampling(int rank, IntTuple size, string? data_format,
        string? name, string? dtype, bool trainable, int[]? input_shape, int? input_dim, int? batch_size)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        _rank = rank;
        this.size = size.Expand(rank, nameof(size));
        this.data_format = SpatialLayout.Standardize(data_format);
    }

    /// <summary>The repetition factor of each spatial axis.</summary>
    public int[] size { get; }
    /// <summary>"channels_last" or "channels_first".</summary>
    public string data_format { get; }

    int FirstSpatial => data_format == "channels_last" ? 1 : 2;

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        SpatialLayout.CheckRank(this, input_shape, _rank, data_format);
        var s = (long?[])input_shape.Clone();
        for (int i = 0; i < _rank; i++) s[FirstSpatial + i] = s[FirstSpatial + i] * size[i];
        return s;
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        SpatialLayout.CheckRank(this, inputs, _rank, data_format);
        var x = inputs;
        for (int i = 0; i < _rank; i++)
            if (size[i] != 1) x = x.repeat_interleave(size[i], FirstSpatial + i);
        return x;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["size"] = size.Cast<object?>().ToList();
        c["data_format"] = data_format;
        return c;
    }
}
