using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Regularizers;

/// <summary>
/// A penalty on a weight or an activation added to the training loss (Keras: <c>keras.regularizers.Regularizer</c>).
/// A name converts implicitly: "l1", "l2", "l1_l2" with Keras's defaults (0.01).
/// </summary>
public abstract class Regularizer
{
    /// <summary>The penalty for <paramref name="x"/>, a scalar tensor.</summary>
    public abstract Tensor call(Tensor x);

    /// <summary>The constructor arguments, as Keras's <c>get_config()</c>.</summary>
    public abstract Dictionary<string, object?> get_config();

    /// <summary>Looks up a regularizer by Keras name.</summary>
    public static Regularizer get(string identifier) => identifier switch
    {
        "l1" or "L1" => new L1(),
        "l2" or "L2" => new L2(),
        "l1_l2" or "L1L2" => new L1L2(0.01, 0.01),
        _ => throw new ArgumentException($"Could not interpret regularizer identifier: '{identifier}'. Expected one of: l1, l2, l1_l2.", nameof(identifier)),
    };

    /// <summary>From a Keras name.</summary>
    public static implicit operator Regularizer(string identifier) => get(identifier);

    internal static double CheckFactor(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentException($"Value of `{name}` must be a non-negative finite number. Received: {name}={value}", name);
}

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
