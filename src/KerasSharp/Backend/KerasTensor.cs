using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using KerasSharp.Layers;
using KerasSharp.Ops;

namespace KerasSharp.Backend;

/// <summary>
/// A symbolic tensor: a shape and a dtype, no data (Keras: <c>keras.KerasTensor</c>,
/// keras/src/backend/common/keras_tensor.py). <c>keras.Input(...)</c> returns one; calling a layer on it
/// (<c>layer.call(x)</c>) records the call in the graph and returns the output's KerasTensor with its inferred shape;
/// <c>keras.Model(inputs, outputs)</c> turns the graph between them into a model.
/// </summary>
/// <remarks>
/// A KerasTensor made by <c>keras.Input</c> converts implicitly to its <see cref="InputLayer"/>, so it can start a
/// <c>Sequential([...])</c> as in Keras 3.
/// </remarks>
public sealed class KerasTensor
{
    readonly long?[] _shape;

    internal KerasTensor(long?[] shape, string dtype = "float32", string? name = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        _shape = (long?[])shape.Clone();
        this.dtype = dtype;
        this.name = name ?? Naming.AutoName(nameof(KerasTensor));
    }

    /// <summary>The shape, batch dimension first; null entries are unknown (Python's None).</summary>
    public long?[] shape => (long?[])_shape.Clone();

    /// <summary>The number of dimensions.</summary>
    public int ndim => _shape.Length;

    /// <summary>The dtype name, e.g. "float32".</summary>
    public string dtype { get; }

#pragma warning disable CA1822 // instance properties, as Keras's KerasTensor has them
    /// <summary>Always false: KerasSharp has no sparse tensors.</summary>
    public bool sparse => false;

    /// <summary>Always false: KerasSharp has no ragged tensors.</summary>
    public bool ragged => false;
#pragma warning restore CA1822

    /// <summary>The tensor's name: the Input's name, else automatic (keras_tensor, keras_tensor_1, ...).</summary>
    public string name { get; }

    /// <summary>The layer call that produced this tensor (Keras: <c>_keras_history</c>); set once by its <see cref="Node"/>.</summary>
    internal KerasHistory? history { get; set; }

    internal long?[] shape_unsafe => _shape;

    /// <summary>Keras's repr: <c>&lt;KerasTensor shape=(None, 4), dtype=float32, sparse=False, ragged=False, name=keras_tensor&gt;</c>.</summary>
    public override string ToString() =>
        $"<KerasTensor shape={PythonTuple(_shape)}, dtype={dtype}, sparse=False, ragged=False, name={name}>";

    /// <summary>A shape as Python prints a tuple: "(None, 4)", "(4,)", "()".</summary>
    internal static string PythonTuple(IReadOnlyList<long?> shape)
    {
        var sb = new StringBuilder("(");
        for (int i = 0; i < shape.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(shape[i] is long d ? d.ToString(CultureInfo.InvariantCulture) : "None");
        }
        if (shape.Count == 1) sb.Append(',');
        return sb.Append(')').ToString();
    }

    /// <summary>
    /// The <see cref="InputLayer"/> that made this tensor (Keras's <c>Sequential.add</c> accepts an Input's tensor this way).
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is the output of a layer other than an InputLayer.</exception>
    public static implicit operator InputLayer(KerasTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.history?.operation is InputLayer input) return input;
        throw new ArgumentException(
            $"Only a KerasTensor made by keras.Input(...) stands for a layer (its InputLayer). Received: {tensor}, the output of layer '{tensor.history?.operation.name}'.",
            nameof(tensor));
    }

    /// <summary>Keras's dtype names KerasSharp accepts for an Input.</summary>
    internal static readonly string[] DTypes = { "float32", "float64", "float16", "bfloat16", "int8", "int16", "int32", "int64", "uint8", "bool" };

    internal static string StandardizeDType(string? dtype)
    {
        if (dtype is null) return "float32";
        var d = dtype == "float" ? "float32" : dtype == "int" ? "int64" : dtype;
        if (!DTypes.Contains(d))
            throw new ArgumentException($"Invalid dtype: {dtype}. Expected one of: {string.Join(", ", DTypes)}.", nameof(dtype));
        return d;
    }
}

/// <summary>Where a KerasTensor comes from (Keras: <c>KerasHistory(operation, node_index, tensor_index)</c>).</summary>
internal sealed record KerasHistory(Layer operation, int node_index, int tensor_index);
