using System;
using System.Collections.Generic;

namespace KerasSharp.Layers;

/// <summary>Repeats the rows and columns of images (Keras: <c>keras.layers.UpSampling2D</c>; "nearest" interpolation only).</summary>
public sealed class UpSampling2D : BaseUpSampling
{
    /// <summary>Keras's arguments and defaults; only <c>interpolation: "nearest"</c> is implemented.</summary>
    public UpSampling2D(IntTuple? size = null, string? data_format = null, string interpolation = "nearest",
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(2, size ?? 2, data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
        if (!string.Equals(interpolation, "nearest", StringComparison.OrdinalIgnoreCase))
            throw new NotSupportedException($"UpSampling2D(interpolation=\"{interpolation}\") is not implemented in KerasSharp; only \"nearest\" is.");
        this.interpolation = "nearest";
    }

    /// <summary>"nearest".</summary>
    public string interpolation { get; }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["interpolation"] = interpolation;
        return c;
    }
}
