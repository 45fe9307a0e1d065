using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Dropout of whole 2D feature maps (Keras: <c>keras.layers.SpatialDropout2D</c>,
/// keras/src/layers/regularization/spatial_dropout.py): for channels-last inputs (batch, rows, cols, channels) the mask has shape
/// (batch, 1, 1, channels); for channels-first inputs it keeps the batch and channel dimensions.
/// </summary>
public sealed class SpatialDropout2D : Dropout
{
    /// <summary>Keras's arguments; <paramref name="data_format"/> "channels_last" (the default) or "channels_first".</summary>
    public SpatialDropout2D(double rate, string? data_format = null, int? seed = null, string? name = null, string? dtype = null)
        : base(rate, seed: seed, name: name, dtype: dtype)
    {
        this.data_format = SpatialDropout.DataFormat(data_format);
    }

    /// <summary>"channels_last" or "channels_first".</summary>
    public string data_format { get; }

    internal override long[]? mask_shape(Tensor inputs)
    {
        SpatialDropout.CheckRank(this, inputs, 4);
        return data_format == "channels_first" ? new[] { inputs.shape[0], inputs.shape[1], 1, 1 } : new[] { inputs.shape[0], 1, 1, inputs.shape[3] };
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = SpatialDropout.Config(this);
        c["data_format"] = data_format;
        return c;
    }
}
