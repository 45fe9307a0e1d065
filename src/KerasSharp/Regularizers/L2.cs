using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Regularizers;

/// <summary><c>l2 * sum(x²)</c> (Keras: <c>keras.regularizers.L2</c>).</summary>
public sealed class L2(double l2 = 0.01) : Regularizer
{
    /// <summary>The factor.</summary>
    public double l2 { get; } = CheckFactor(l2, nameof(l2));
    /// <inheritdoc />
    public override Tensor call(Tensor x) => x.square().sum().mul(l2);
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["l2"] = l2 };
}
