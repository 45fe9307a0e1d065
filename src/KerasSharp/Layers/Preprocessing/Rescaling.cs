using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// <c>inputs * scale + offset</c> (Keras: <c>keras.layers.Rescaling</c>, keras/src/layers/preprocessing/rescaling.py),
/// e.g. <c>Rescaling(1.0 / 255)</c> for 8-bit images. Scalar scale and offset.
/// </summary>
public sealed class Rescaling : Layer
{
    /// <summary>True: the input's mask passes through to the next layer (Keras: <c>supports_masking = True</c>).</summary>
    public override bool supports_masking => true;

    /// <summary>Keras's arguments and defaults.</summary>
    public Rescaling(double scale, double offset = 0.0,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        if (!double.IsFinite(scale) || !double.IsFinite(offset))
            throw new ArgumentException($"Rescaling needs finite `scale` and `offset`. Received: scale={scale}, offset={offset}", nameof(scale));
        this.scale = scale;
        this.offset = offset;
    }

    /// <summary>The factor.</summary>
    public double scale { get; }
    /// <summary>Added after scaling.</summary>
    public double offset { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        var x = inputs.is_floating_point() ? inputs : inputs.to_type(ScalarType.Float32);
        return offset == 0 ? x * scale : x * scale + offset;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["scale"] = scale;
        c["offset"] = offset;
        return c;
    }
}
