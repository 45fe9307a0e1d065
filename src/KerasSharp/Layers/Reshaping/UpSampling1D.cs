using System.Collections.Generic;

namespace KerasSharp.Layers;

/// <summary>Repeats each step <c>size</c> times along the steps axis of (batch, steps, features) (Keras: <c>keras.layers.UpSampling1D</c>).</summary>
public sealed class UpSampling1D : BaseUpSampling
{
    /// <summary>Keras's arguments and defaults.</summary>
    public UpSampling1D(int size = 2,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(1, size, null, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c.Remove("data_format");
        c["size"] = size[0];
        return c;
    }
}
