using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Regularizers;

/// <summary>
/// A penalty on a weight or an activation added to the training loss (Keras: <c>keras.regularizers.Regularizer</c>).
/// A name converts implicitly, as Keras's <c>regularizers.get</c> resolves it: "l1"/"L1" and "l2"/"L2" with factor 0.01,
/// "l1l2"/"L1L2" with both factors 0 (the class defaults; Keras's <c>l1_l2()</c> function, 0.01 each, is not a name).
/// </summary>
public abstract class Regularizer
{
    /// <summary>The penalty for <paramref name="x"/>, a scalar tensor.</summary>
    public abstract Tensor call(Tensor x);

    /// <summary>The constructor arguments, as Keras's <c>get_config()</c>.</summary>
    public abstract Dictionary<string, object?> get_config();

    /// <summary>
    /// Looks up a regularizer by Keras name (keras/src/regularizers/__init__.py: the class names and their snake_case
    /// forms, instantiated with the class defaults).
    /// </summary>
    public static Regularizer get(string identifier) => identifier switch
    {
        "l1" or "L1" => new L1(),
        "l2" or "L2" => new L2(),
        "l1l2" or "L1L2" => new L1L2(),
        _ => throw new ArgumentException($"Could not interpret regularizer identifier: '{identifier}'. {Utils.ClosestName.DidYouMean(identifier, new[] { "L1", "L1L2", "L2", "l1", "l1l2", "l2" })}Expected one of: L1, L1L2, L2, l1, l1l2, l2.", nameof(identifier)),
    };

    /// <summary>From a Keras name.</summary>
    public static implicit operator Regularizer(string identifier) => get(identifier);

    internal static double CheckFactor(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentException($"Value of `{name}` must be a non-negative finite number. Received: {name}={value}", name);
}
