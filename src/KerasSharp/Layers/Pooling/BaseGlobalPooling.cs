using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The maximum or the mean over all spatial dimensions (Keras: <c>keras/src/layers/pooling/base_global_pooling.py</c>):
/// (batch, channels), or with <c>keepdims</c> the input's rank with spatial dimensions of 1.
/// </summary>
public abstract class BaseGlobalPooling : Layer
{
    readonly int _rank;
    readonly bool _max;

    /// <summary>Keras's arguments; <paramref name="rank"/> is the number of spatial dimensions.</summary>
    protected BaseGlobalPooling(int rank, bool max, string? data_format, bool keepdims,
        string? name, string? dtype, bool trainable, int[]? input_shape, int? input_dim, int? batch_size)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        _rank = rank;
        _max = max;
        this.data_format = SpatialLayout.Standardize(data_format);
        this.keepdims = keepdims;
    }

    /// <summary>"channels_last" (batch, spatial..., channels) or "channels_first".</summary>
    public string data_format { get; }
    /// <summary>Whether the spatial dimensions are kept, with size 1.</summary>
    public bool keepdims { get; }

    long[] SpatialAxes => Enumerable.Range(data_format == "channels_last" ? 1 : 2, _rank).Select(i => (long)i).ToArray();

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        SpatialLayout.CheckRank(this, input_shape, _rank, data_format);
        var channels = input_shape[SpatialLayout.ChannelAxis(_rank, data_format)];
        if (!keepdims) return new[] { input_shape[0], channels };
        return SpatialLayout.Compose(input_shape[0], Enumerable.Repeat((long?)1, _rank).ToArray(), channels, data_format);
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        SpatialLayout.CheckRank(this, inputs, _rank, data_format);
        if (!_max) return inputs.mean(SpatialAxes, keepdims);
        // amax over several dimensions at once; the gradient goes to the maxima as Keras's ops.max does.
        return inputs.amax(SpatialAxes, keepdims);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["data_format"] = data_format;
        c["keepdims"] = keepdims;
        return c;
    }
}
