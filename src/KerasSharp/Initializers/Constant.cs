using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>A constant value (Keras: <c>keras.initializers.Constant</c>).</summary>
public sealed class Constant(double value = 0.0) : Initializer
{
    /// <summary>The value every element gets.</summary>
    public double value { get; } = value;

    /// <inheritdoc />
    public override Tensor call(long[] shape) => Allocate(shape).fill_(value);

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["value"] = value };
}
