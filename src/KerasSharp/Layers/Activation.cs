using System.Collections.Generic;
using KerasSharp.Activations;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Applies an activation function (Keras: <c>keras.layers.Activation</c>).</summary>
public sealed class Activation : Layer
{
    /// <summary>An activation by Keras name ("relu") or as an <see cref="ActivationFunction"/>.</summary>
    public Activation(ActivationFunction activation, string? name = null) : base(name)
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
