using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Constraints;

/// <summary>
/// A projection applied to a weight after each optimizer step (Keras: <c>keras.constraints.Constraint</c>,
/// keras/src/constraints/constraints.py; the optimizer applies it in <c>apply</c>, after the update rule:
/// <c>variable.assign(variable.constraint(variable))</c>). Given as a layer's <c>kernel_constraint</c> or
/// <c>bias_constraint</c>. A name converts implicitly, as Keras's <c>constraints.get</c> resolves it: the class names
/// and their snake_case forms ("max_norm", "min_max_norm", "non_neg", "unit_norm"), with the class defaults.
/// </summary>
public abstract class Constraint
{
    /// <summary>The projected weight, a new tensor shaped like <paramref name="w"/> (Keras: <c>__call__(w)</c>).</summary>
    public abstract Tensor call(Tensor w);

    /// <summary>The constructor arguments, as Keras's <c>get_config()</c>.</summary>
    public virtual Dictionary<string, object?> get_config() => new();

    /// <summary>Keras's class name, written in configs (e.g. "MaxNorm").</summary>
    public virtual string class_name => GetType().Name;

    static readonly Dictionary<string, Func<Constraint>> Names = new(StringComparer.Ordinal)
    {
        ["MaxNorm"] = () => new MaxNorm(),
        ["max_norm"] = () => new MaxNorm(),
        ["MinMaxNorm"] = () => new MinMaxNorm(),
        ["min_max_norm"] = () => new MinMaxNorm(),
        ["NonNeg"] = () => new NonNeg(),
        ["non_neg"] = () => new NonNeg(),
        ["UnitNorm"] = () => new UnitNorm(),
        ["unit_norm"] = () => new UnitNorm(),
    };

    /// <summary>Looks up a constraint by Keras name (keras/src/constraints/__init__.py: class names and snake_case forms).</summary>
    public static Constraint get(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return Names.TryGetValue(identifier, out var make) ? make()
            : throw new ArgumentException($"Could not interpret constraint identifier: '{identifier}'. Expected one of: {string.Join(", ", Names.Keys.Order(StringComparer.Ordinal))}.", nameof(identifier));
    }

    /// <summary>From a Keras name.</summary>
    public static implicit operator Constraint(string identifier) => get(identifier);

    /// <summary><c>sqrt(sum(w², axis, keepdims=True))</c>, the norms the norm constraints share.</summary>
    internal static Tensor Norms(Tensor w, int[] axis, string what)
    {
        var rank = (int)w.dim();
        foreach (var a in axis)
            if (a < -rank || a >= rank)
                throw new ArgumentException($"{what} has axis={a}, but the weight has shape ({string.Join(", ", w.shape)}) (rank {rank}).");
        var dims = axis.Select(a => (long)(a < 0 ? a + rank : a)).Distinct().ToArray();
        return w.square().sum(dims, keepdim: true).sqrt();
    }

    /// <summary>Axes as Keras writes them: an int for one axis, else a list.</summary>
    internal static object AxisConfig(int[] axis) => axis.Length == 1 ? axis[0] : axis.Select(a => (object?)a).ToList();

    internal static int[] CheckAxis(int[]? axis) =>
        axis is null ? new[] { 0 } : axis.Length > 0 ? (int[])axis.Clone() : throw new ArgumentException("`axis` must name at least one axis.", nameof(axis));

    internal static double CheckValue(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentException($"Value of `{name}` must be a non-negative finite number. Received: {name}={value}", name);
}
