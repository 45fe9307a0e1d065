using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>Uniform distribution (Keras: <c>keras.initializers.RandomUniform</c>, [-0.05, 0.05]).</summary>
public sealed class RandomUniform(double minval = -0.05, double maxval = 0.05, int? seed = null) : Initializer
{
    /// <inheritdoc />
    public override Tensor call(long[] shape)
    {
        return Uniform(shape, minval, maxval, seed);
    }

    /// <summary>Keras's torch backend: <c>(max - min) * rand(shape) + min</c>.</summary>
    internal static Tensor Uniform(long[] shape, double min, double max, int? seed)
    {
        // torch.rand is empty(...).uniform_(0, 1): the same draws, but a failed allocation throws instead of giving a bad handle.
        var r = Allocate(shape).uniform_(0.0, 1.0, GeneratorFor(seed));
        return r.mul_(max - min).add_(min);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["seed"] = seed, ["minval"] = minval, ["maxval"] = maxval };
}
