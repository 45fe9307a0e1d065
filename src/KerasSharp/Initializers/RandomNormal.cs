using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>Normal distribution (Keras: <c>keras.initializers.RandomNormal</c>, mean 0, stddev 0.05).</summary>
public sealed class RandomNormal(double mean = 0.0, double stddev = 0.05, int? seed = null) : Initializer
{
    /// <inheritdoc />
    public override Tensor call(long[] shape)
    {
        return Allocate(shape).normal_(mean, stddev, GeneratorFor(seed));
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["seed"] = seed, ["mean"] = mean, ["stddev"] = stddev };
}
