using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Backend;
using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp.Ops;

/// <summary>
/// A layer that takes a list of tensors or returns several: merge layers and functional models. Plain layers take one
/// tensor and return one (<see cref="Layer.call(Tensor, bool)"/>).
/// </summary>
internal interface IMultiTensorLayer
{
    /// <summary>
    /// Checks the input shapes (batch dimension first), builds the layer for them if it is not built yet, and returns
    /// the output shapes; throws <see cref="ArgumentException"/> naming what is wrong.
    /// </summary>
    IReadOnlyList<long?[]> build_symbolic(IReadOnlyList<long?[]> input_shapes, bool list_call);

    /// <summary>The computation on concrete tensors, in the order of the symbolic call.</summary>
    Tensor[] call_tensors(IReadOnlyList<Tensor> inputs, bool training);
}

/// <summary>
/// Calling a layer on KerasTensors (Keras: <c>Layer.__call__</c> in a symbolic context, then
/// <c>Operation.symbolic_call</c>): the layer is built for the input shapes on its first call, its output shapes come
/// from <see cref="Layer.compute_output_shape"/>, and a <see cref="Node"/> records the call. A later call reuses the
/// same weights, so the input's feature axis must match the one the layer was built for.
/// </summary>
internal static class SymbolicCall
{
    internal static KerasTensor[] Call(Layer layer, IReadOnlyList<KerasTensor> inputs, bool listCall)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
            throw new ArgumentException($"Layer '{layer.name}' ({layer.class_name}) was called on an empty list of tensors.", nameof(inputs));
        for (int i = 0; i < inputs.Count; i++)
            if (inputs[i] is null) throw new ArgumentNullException(nameof(inputs), $"Layer '{layer.name}' was called with a null tensor at position {i}.");
        if (layer is InputLayer)
            throw new ArgumentException($"InputLayer '{layer.name}' cannot be called on a tensor; use keras.Input(...) to start a graph.", nameof(inputs));
        foreach (var t in inputs)
            if (t.history is null)
                throw new ArgumentException($"Layer '{layer.name}' was called on {t}, which no layer produced; use keras.Input(...).", nameof(inputs));

        var shapes = inputs.Select(t => t.shape_unsafe).ToList();
        var outShapes = OutputShapes(layer, shapes, listCall);
        var outputs = outShapes.Select(s => new KerasTensor(s)).ToArray();
        _ = new Node(layer, inputs, listCall, outputs);
        return outputs;
    }

    /// <summary>
    /// Checks <paramref name="shapes"/> against the layer, builds it on its first call and returns the output shapes;
    /// an <see cref="ArgumentException"/> names the layer and the shapes it received.
    /// </summary>
    internal static IReadOnlyList<long?[]> OutputShapes(Layer layer, IReadOnlyList<long?[]> shapes, bool listCall)
    {
        try
        {
            if (layer is IMultiTensorLayer multi) return multi.build_symbolic(shapes, listCall);
            if (shapes.Count != 1)
                throw new ArgumentException($"it takes one input tensor, but was called on a list of {shapes.Count}.");
            var shape = shapes[0];
            CheckFeatureAxis(layer, shape);
            if (!layer.built) layer.ensure_built(shape);
            return layer.compute_output_shapes(shape); // several for a recurrent layer with return_state
        }
        catch (ArgumentException e) when (!e.Message.Contains($"'{layer.name}'", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Layer '{layer.name}' ({layer.class_name}) cannot be called on input shape {Describe(shapes, listCall)}: {e.Message}", "inputs", e);
        }
    }

    internal static KerasTensor CallSingle(Layer layer, IReadOnlyList<KerasTensor> inputs, bool listCall)
    {
        var outputs = Call(layer, inputs, listCall);
        if (outputs.Length != 1)
            throw new InvalidOperationException(
                $"Layer '{layer.name}' returns {outputs.Length} outputs; use call_outputs(...) to get them all.");
        return outputs[0];
    }

    /// <summary>
    /// Keras's InputSpec check for a built layer with weights (e.g. Dense's <c>axes={-1: input_dim}</c>): the last axis
    /// must keep the size the weights were built for.
    /// </summary>
    static void CheckFeatureAxis(Layer layer, long?[] shape)
    {
        if (!layer.built || layer.input_shape is not { Length: > 0 } built || layer.variables.Count == 0) return;
        if (shape.Length == 0 || (built[^1] is long want && shape[^1] is long got && want != got))
            throw new ArgumentException(
                $"Input 0 of layer '{layer.name}' ({layer.class_name}) is incompatible with the layer: expected axis -1 of input shape to have value {built[^1]}, but received input with shape {KerasTensor.PythonTuple(shape)}.",
                "inputs");
    }

    static string Describe(IReadOnlyList<long?[]> shapes, bool listCall) =>
        listCall || shapes.Count != 1
            ? "[" + string.Join(", ", shapes.Select(KerasTensor.PythonTuple)) + "]"
            : KerasTensor.PythonTuple(shapes[0]);
}
