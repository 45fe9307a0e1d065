using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Max and average pooling over 1, 2 or 3 spatial dimensions (Keras: <c>keras/src/layers/pooling/base_pooling.py</c>,
/// computed as <c>keras/src/backend/torch/nn.py</c> <c>max_pool</c> / <c>average_pool</c>): <c>strides</c> default to
/// <c>pool_size</c>; "same" pads as TensorFlow (the extra pixel after) with replicated edges when the padding is
/// uneven, and an average over a symmetric pad counts only the real elements. Runs in TorchSharp's native layout.
/// </summary>
public abstract class BasePooling : Layer, IKeepsNoTensors
{
    readonly int _rank;
    readonly bool _max;

    /// <summary>Keras's arguments; <paramref name="rank"/> is the number of spatial dimensions.</summary>
    protected BasePooling(int rank, bool max, IntTuple pool_size, IntTuple? strides, string padding, string? data_format,
        string? name, string? dtype, bool trainable, int[]? input_shape, int? input_dim, int? batch_size)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        _rank = rank;
        _max = max;
        this.pool_size = pool_size.Expand(rank, nameof(pool_size));
        this.strides = (strides ?? pool_size).Expand(rank, nameof(strides));
        this.padding = ConvArithmetic.StandardizePadding(padding, allowCausal: false);
        this.data_format = SpatialLayout.Standardize(data_format);
    }

    /// <summary>The window size, one per spatial dimension.</summary>
    public int[] pool_size { get; }
    /// <summary>The strides, one per spatial dimension (the pool size by default).</summary>
    public int[] strides { get; }
    /// <summary>"valid" or "same".</summary>
    public string padding { get; }
    /// <summary>"channels_last" (batch, spatial..., channels) or "channels_first".</summary>
    public string data_format { get; }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        SpatialLayout.CheckRank(this, input_shape, _rank, data_format);
        var spatial = SpatialLayout.Spatial(input_shape, data_format);
        var ones = Enumerable.Repeat(1, _rank).ToArray();
        ConvArithmetic.CheckFits(this, spatial, pool_size, ones, padding, "pool size");
        var output = spatial.Select((n, i) => ConvArithmetic.OutputLength(n, pool_size[i], strides[i], 1, padding)).ToArray();
        var channels = input_shape[SpatialLayout.ChannelAxis(_rank, data_format)];
        return SpatialLayout.Compose(input_shape[0], output, channels, data_format);
    }

    /// <inheritdoc />
    public override void build(long?[] input_shape) => compute_output_shape(input_shape);

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        SpatialLayout.CheckRank(this, inputs, _rank, data_format);
        var native = SpatialLayout.ToNative(inputs, data_format);
        var x = native;
        var pad = new long[_rank];
        if (padding == "same")
            (x, pad) = ConvArithmetic.ApplySame(native, pool_size, strides, pool_size, pooling: true);
        else
            ConvArithmetic.CheckFits(this, x.shape.Skip(2).Select(d => (long?)d).ToArray(), pool_size, Enumerable.Repeat(1, _rank).ToArray(), padding, "pool size");
        var k = pool_size.Select(p => (long)p).ToArray();
        var s = strides.Select(p => (long)p).ToArray();
        var y = (_max, _rank) switch
        {
            (true, 1) => nn.functional.max_pool1d(x, k[0], s[0], pad[0]),
            (true, 2) => nn.functional.max_pool2d(x, k, s, pad),
            (true, _) => nn.functional.max_pool3d(x, k, s, pad),
            (false, 1) => nn.functional.avg_pool1d(x, k[0], s[0], pad[0], count_include_pad: false),
            (false, 2) => nn.functional.avg_pool2d(x, k, s, pad, count_include_pad: false),
            (false, _) => nn.functional.avg_pool3d(x, k, s, pad, count_include_pad: false),
        };
        // The intermediates' handles go now (autograd keeps what backward needs), not at the end of the step.
        if (!ReferenceEquals(x, native)) TensorRelease.Release(x, y);
        TensorRelease.Release(native, y);
        var output = SpatialLayout.FromNative(y, data_format);
        TensorRelease.Release(y, output);
        return output;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["pool_size"] = pool_size.Cast<object?>().ToList();
        c["padding"] = padding;
        c["strides"] = strides.Cast<object?>().ToList();
        c["data_format"] = data_format;
        return c;
    }
}
