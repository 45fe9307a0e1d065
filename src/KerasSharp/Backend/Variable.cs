using System;
using System.Linq;
using KerasSharp.Constraints;
using KerasSharp.Layers;
using KerasSharp.Regularizers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp;

/// <summary>
/// A weight of a layer (Keras: <c>keras.Variable</c>): a trainable TorchSharp <see cref="TorchSharp.Modules.Parameter"/>
/// or a non-trainable buffer (moving statistics), registered in its layer's module so that <c>parameters()</c>,
/// <c>state_dict()</c> and <c>to(device)</c> see it.
/// </summary>
public sealed class Variable
{
    internal Variable(Layer owner, string name, long[] shape, bool trainable, Regularizer? regularizer, Tensor? value, Func<Tensor>? resolve = null, Constraint? constraint = null)
    {
        this.constraint = constraint;
        this.owner = owner;
        this.name = name;
        this.shape = shape;
        this.trainable = trainable;
        this.regularizer = regularizer;
        _value = value;
        _resolve = resolve;
    }

    Tensor? _value;
    readonly Func<Tensor>? _resolve;

    internal Layer owner { get; }

    /// <summary>The weight's name inside its layer, e.g. "kernel".</summary>
    public string name { get; }

    /// <summary>Keras's path, "layer_name/weight_name", e.g. "dense/kernel".</summary>
    public string path => $"{owner.name}/{name}";

    /// <summary>The shape (Keras layout: a Dense kernel is (in, out)).</summary>
    public long[] shape { get; }

    /// <summary>True for weights trained by gradient descent; false for state such as moving statistics.</summary>
    public bool trainable { get; }

    /// <summary>The penalty added to the loss for this weight, if any.</summary>
    public Regularizer? regularizer { get; }

    /// <summary>
    /// A projection applied after each optimizer step (Keras: <c>variable.constraint</c>; the optimizer runs
    /// <c>variable.assign(constraint(variable))</c> after its update), or null.
    /// </summary>
    public Constraint? constraint { get; }

    /// <summary>The current tensor (on the layer's device). Do not keep it across <c>to(device)</c>.</summary>
    public Tensor value
    {
        get
        {
            var raw = _resolve is null ? _value! : _resolve();
            // Inside a mixed-precision layer's call a trainable weight reads in the compute dtype (Keras: autocast);
            // non-trainable state (moving statistics, assigned in call) is read as stored, as Keras's autocast=False.
            return trainable && DTypePolicies.AutocastScope.Current is { } scope ? scope.Read(this, raw) : raw;
        }
        internal set => _value = value;
    }

    /// <summary>Number of elements.</summary>
    public long size => shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Copies <paramref name="newValue"/> into the weight (Keras: <c>variable.assign</c>); the shape must match.</summary>
    public void assign(Tensor newValue)
    {
        ArgumentNullException.ThrowIfNull(newValue);
        if (!newValue.shape.SequenceEqual(shape))
            throw new ArgumentException(
                $"Cannot assign a value of shape ({string.Join(", ", newValue.shape)}) to variable '{path}' of shape ({string.Join(", ", shape)}).",
                nameof(newValue));
        using var _ = no_grad();
        value.copy_(newValue);
    }

    /// <summary>A float32 copy on the CPU (Keras: <c>variable.numpy()</c>); an int32 variable (a counter) stays int32, as in Keras.</summary>
    public Tensor numpy() => value.detach().to(value.dtype == ScalarType.Int32 ? ScalarType.Int32 : ScalarType.Float32, CPU, copy: true);

    /// <inheritdoc />
    public override string ToString() => $"<Variable path={path}, shape=({string.Join(", ", shape)}), trainable={trainable}>";
}
