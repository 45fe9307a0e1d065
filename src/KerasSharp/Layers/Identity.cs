using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Returns its input unchanged, a placeholder (Keras: <c>keras.layers.Identity</c>, keras/src/layers/core/identity.py).</summary>
public sealed class Identity : Layer
{
    /// <summary>True: the input's mask passes through to the next layer (Keras: <c>supports_masking = True</c>).</summary>
    public override bool supports_masking => true;

    /// <summary>Only Keras's base arguments.</summary>
    public Identity(string? name = null, string? dtype = null, bool trainable = true,
        int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training) => inputs;
}
