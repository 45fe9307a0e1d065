using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Regularizers;

/// <summary><c>l1 * sum(|x|)</c> (Keras: <c>keras.regularizers.L1</c>).</summary>
public sealed class L1(double l1 = 0.01) : Regularizer
{
    /// <summary>The factor.</summary>
    public double l1 { get; } = CheckFactor(l1, nameof(l1));
    /// <inheritdoc />
    public override Tensor call(Tensor x) => x.abs().sum().mul(l1);
    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["l1"] = l1 };
}
