using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Constraints;

/// <summary>
/// A projection applied to a weight after each optimizer step (Keras: <c>keras.constraints.Constraint</c>,
/// keras/src/constraints/constraints.py; the optimizer applies it in <c>apply</c>, after the update rule:
/// <c>variable.assign(variable.constraint(variable))</c>). Given as a layer's <c>kernel_constraint</c> or
/// <c>bias_constraint</c>.
/// </summary>
public abstract class Constraint
{
    /// <summary>The projected weight, a new tensor shaped like <paramref name="w"/> (Keras: <c>__call__(w)</c>).</summary>
    public abstract Tensor call(Tensor w);

    /// <summary>The constructor arguments, as Keras's <c>get_config()</c>.</summary>
    public virtual Dictionary<string, object?> get_config() => new();

    /// <summary>Keras's class name, written in configs (e.g. "MaxNorm").</summary>
    public virtual string class_name => GetType().Name;
}
