using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>Normal distribution truncated at two standard deviations (Keras: <c>keras.initializers.TruncatedNormal</c>).</summary>
public sealed class TruncatedNormal(double mean = 0.0, double stddev = 0.05, int? seed = null) : Initializer
{
    /// <inheritdoc />
    public override Tensor call(long[] shape)
    {
        return Truncated(shape, mean, stddev, seed);
    }

    internal static Tensor Truncated(long[] shape, double mean, double stddev, int? seed)
    {
        var t = Allocate(shape);
        return nn.init.trunc_normal_(t, mean, stddev, mean - 2 * stddev, mean + 2 * stddev, GeneratorFor(seed));
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["seed"] = seed, ["mean"] = mean, ["stddev"] = stddev };
}
