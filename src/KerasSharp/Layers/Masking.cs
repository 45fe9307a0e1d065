using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Masks the time steps whose features all equal <c>mask_value</c> (Keras: <c>keras.layers.Masking</c>,
/// keras/src/layers/core/masking.py): the output is the input with those steps zeroed, and it carries the mask
/// <c>any(inputs != mask_value, axis=-1)</c> to the next layers, so recurrent layers skip those steps.
/// </summary>
public sealed class Masking : Layer
{
    /// <summary>Keras's arguments (mask_value 0).</summary>
    public Masking(double mask_value = 0.0, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size) => this.mask_value = mask_value;

    /// <summary>The value marking a step to skip.</summary>
    public double mask_value { get; }

    /// <inheritdoc />
    public override bool supports_masking => true;

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training) =>
        inputs.mul(inputs.ne(mask_value).any(-1, keepdim: true).to_type(inputs.dtype));

    /// <inheritdoc />
    public override Tensor? compute_mask(Tensor inputs, Tensor? mask) => inputs.ne(mask_value).any(-1);

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["mask_value"] = mask_value;
        return c;
    }
}
