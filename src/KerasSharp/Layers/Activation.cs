using System.Collections.Generic;
using KerasSharp.Activations;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Applies an activation function (Keras: <c>keras.layers.Activation</c>).</summary>
public sealed class Activation : Layer
{
    /// <summary>True: the input's mask passes through to the next layer (Keras: <c>supports_masking = True</c>).</summary>
    public override bool supports_masking => true;

    /// <summary>An activation by Keras name ("relu") or as an <see cref="ActivationFunction"/>.</summary>
    public Activation(ActivationFunction activation, string? name = null, string? dtype = null, bool trainable = true,
        int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        this.activation = activation ?? throw new System.ArgumentNullException(nameof(activation));
    }

    /// <summary>The function applied.</summary>
    public ActivationFunction activation { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training) => activation.call(inputs);

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["activation"] = activation.name;
        return c;
    }
}
