using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Regularizers;

/// <summary><c>l1 * sum(|x|) + l2 * sum(x²)</c> (Keras: <c>keras.regularizers.L1L2</c>, both 0 by default).</summary>
public sealed class L1L2(double l1 = 0.0, double l2 = 0.0) : Regularizer
{
    /// <summary>The L1 factor.</summary>
    public double l1 { get; } = CheckFactor(l1, nameof(l1));
    /// <summary>The L2 factor.</summary>
    public double l2 { get; } = CheckFactor(l2, nameof(l2));
    /// <inheritdoc />
    public override Tensor call(Tensor x) => x.abs().sum().mul(l1).add_(x.square().sum().mul(l2));
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["l1"] = l1, ["l2"] = l2 };
}
