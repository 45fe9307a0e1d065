using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Adds zeros before and after each spatial axis (Keras: keras/src/layers/reshaping/zero_padding1d.py,
/// zero_padding2d.py, zero_padding3d.py, <c>ops.pad</c>). The padding runs in TorchSharp's native layout
/// (<see cref="SpatialLayout"/>), so between convolutions it neither permutes nor copies more than the pad itself.
/// </summary>
public abstract class BaseZeroPadding : Layer
{
    readonly int _rank;

    /// <summary>Keras's arguments, the padding already expanded to (before, after) per spatial axis.</summary>
    protected BaseZeroPadding(int rank, (int before, int after)[] padding, string? data_format,
        string? name, string? dtype, bool trainable, int[]? input_shape, int? input_dim, int? batch_size)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        _rank = rank;
        pairs = padding;
        this.data_format = SpatialLayout.Standardize(data_format);
    }

    /// <summary>The zeros added (before, after) each spatial axis.</summary>
    internal (int before, int after)[] pairs { get; }

    /// <summary>"channels_last" or "channels_first".</summary>
    public string data_format { get; }

    int FirstSpatial => data_format == "channels_last" ? 1 : 2;

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        SpatialLayout.CheckRank(this, input_shape, _rank, data_format);
        var s = (long?[])input_shape.Clone();
        for (int i = 0; i < _rank; i++) s[FirstSpatial + i] += pairs[i].before + pairs[i].after;
        return s;
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        SpatialLayout.CheckRank(this, inputs, _rank, data_format);
        if (pairs.All(p => p.before == 0 && p.after == 0)) return inputs;
        var native = SpatialLayout.ToNative(inputs, data_format);
        // torch's pad lists the last axis first.
        var pad = new long[2 * _rank];
        for (int i = 0; i < _rank; i++)
        {
            pad[2 * i] = pairs[_rank - 1 - i].before;
            pad[2 * i + 1] = pairs[_rank - 1 - i].after;
        }
        return SpatialLayout.FromNative(nn.functional.pad(native, pad), data_format);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["padding"] = IntPairs.ToConfig(pairs);
        c["data_format"] = data_format;
        return c;
    }
}
