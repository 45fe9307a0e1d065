using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Dropout of whole 1D feature maps (Keras: <c>keras.layers.SpatialDropout1D</c>,
/// keras/src/layers/regularization/spatial_dropout.py): for inputs (batch, timesteps, channels) the mask has shape
/// (batch, 1, channels), so a channel is dropped at every timestep at once.
/// </summary>
public sealed class SpatialDropout1D : Dropout
{
    /// <summary>Keras's arguments (its spatial dropouts take only these).</summary>
    public SpatialDropout1D(double rate, int? seed = null, string? name = null, string? dtype = null)
        : base(rate, seed: seed, name: name, dtype: dtype)
    {
    }

    internal override long[]? mask_shape(Tensor inputs)
    {
        SpatialDropout.CheckRank(this, inputs, 3);
        return new[] { inputs.shape[0], 1, inputs.shape[2] };
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => SpatialDropout.Config(this);
}

/// <summary>What Keras's <c>BaseSpatialDropout</c> shares: the input rank check and the config.</summary>
internal static class SpatialDropout
{
    internal static void CheckRank(Layer layer, Tensor inputs, int rank)
    {
        if (inputs.dim() != rank)
            throw new ArgumentException($"Input of layer '{layer.name}' ({layer.class_name}) must have rank {rank}; received shape ({string.Join(", ", inputs.shape)}).");
    }

    /// <summary>Keras writes only these keys (the layer's constructor takes no others); dtype as its name.</summary>
    internal static Dictionary<string, object?> Config(Dropout layer) => new()
    {
        ["rate"] = layer.rate,
        ["seed"] = layer.seed,
        ["name"] = layer.name,
        ["dtype"] = "float32",
    };

    internal static string DataFormat(string? data_format) => data_format switch
    {
        null => "channels_last",
        _ when data_format.ToLowerInvariant() is "channels_last" or "channels_first" => data_format.ToLowerInvariant(),
        _ => throw new ArgumentException($"The `data_format` argument must be one of {{\"channels_first\", \"channels_last\"}}. Received: data_format={data_format}", nameof(data_format)),
    };
}
