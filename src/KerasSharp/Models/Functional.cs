using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Backend;
using KerasSharp.Layers;
using KerasSharp.Ops;
using KerasSharp.Utils;
using static TorchSharp.torch;

namespace KerasSharp.Models;

/// <summary>
/// A model defined as a graph of layer calls (Keras: <c>keras.Model(inputs, outputs)</c>, the <c>Functional</c> class of
/// keras/src/models/functional.py). Build the graph by calling layers on KerasTensors, starting from
/// <c>keras.Input(...)</c>:
/// <code>
/// var inputs = keras.Input(shape: [784]);
/// var x = Dense(64, activation: "relu").call(inputs);
/// var outputs = Dense(10, activation: "softmax").call(x);
/// var model = keras.Model(inputs: inputs, outputs: outputs);
/// </code>
/// The inputs and outputs may each be one tensor, a list, or a dictionary keyed by
/// name. A layer object called twice shares its weights; a model can be called on KerasTensors like a layer.
/// </summary>
/// <remarks>
/// The graph is checked when the model is made, before anything changes: every output must be computable from the
/// inputs ("Graph disconnected"), every input must be an <c>Input</c>'s tensor, every layer name used once.
/// Running the model runs the layer calls in topological order; <see cref="Model.layers"/> lists the InputLayers too,
/// as Keras does.
/// </remarks>
public partial class Functional : Model, IMultiTensorLayer
{
    readonly FunctionGraph _graph;
    readonly TensorStructure _inputs;
    readonly TensorStructure _outputs;

    /// <summary>Makes the model from the graph between <paramref name="inputs"/> and <paramref name="outputs"/>.</summary>
    /// <exception cref="ArgumentException">The graph is disconnected, an input is not an Input's tensor, or layer names repeat.</exception>
    public Functional(TensorStructure inputs, TensorStructure outputs, string? name = null, bool trainable = true)
        : base(name, trainable)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        _graph = new FunctionGraph(inputs.flat, outputs.flat);
        _inputs = inputs;
        _outputs = outputs;
        foreach (var layer in _graph.operations)
        {
            if (ReferenceEquals(layer, this)) throw new ArgumentException("A model cannot contain itself.", nameof(outputs));
            add_layer(layer);
        }
        if (!trainable) this.trainable = false;
        mark_built(_graph.inputs[0].shape);
        output_names = _graph.outputs.Select(x => x.history!.operation.name).ToList();
    }

    /// <inheritdoc />
    public override IReadOnlyList<Layer> layers => _graph.operations;

    /// <summary>The symbolic inputs, flat (Keras: <c>model.inputs</c>).</summary>
    public IReadOnlyList<KerasTensor> inputs => _graph.inputs;

    /// <summary>The symbolic outputs, flat (Keras: <c>model.outputs</c>).</summary>
    public IReadOnlyList<KerasTensor> outputs => _graph.outputs;

    /// <summary>The names of the layers that produce the outputs (Keras: <c>model.output_names</c>), used to name losses and metrics.</summary>
    public IReadOnlyList<string> output_names { get; }

    /// <summary>The names of the input layers, in input order.</summary>
    public IReadOnlyList<string> input_names => _graph.inputs.Select(x => x.history!.operation.name).ToList();

    /// <summary>The dictionary keys of the inputs when they were given as a dictionary, else null.</summary>
    internal string[]? input_keys => _inputs.keys;

    /// <summary>The dictionary keys of the outputs when they were given as a dictionary, else null.</summary>
    internal string[]? output_keys => _outputs.keys;

    internal TensorStructure inputs_structure => _inputs;

    internal TensorStructure outputs_structure => _outputs;

    internal FunctionGraph graph => _graph;

    /// <summary>Runs the graph on one input and returns its one output; a model with several uses <see cref="call_tensors"/>.</summary>
    public override Tensor call(Tensor inputs, bool training)
    {
        if (_graph.outputs.Length != 1)
            throw new InvalidOperationException($"Model '{name}' has {_graph.outputs.Length} outputs ({string.Join(", ", output_names)}); call_tensors returns them all.");
        return call_tensors(new[] { inputs }, training)[0];
    }

    /// <summary>
    /// Runs the graph on several inputs (Keras: <c>model([x1, x2])</c>), in <see cref="inputs"/> order, and returns its
    /// one output; this is what <c>fit</c>, <c>evaluate</c> and <c>predict</c> call with <c>x: new[] { x1, x2 }</c>.
    /// </summary>
    public override Tensor call(Tensor[] inputs, bool training)
    {
        if (_graph.outputs.Length != 1)
            throw new NotSupportedException(
                $"Model '{name}' has {_graph.outputs.Length} outputs ({string.Join(", ", output_names)}); call(Tensor[]) returns one tensor: call_tensors returns them all, as predict_outputs does for data.");
        return call_tensors(inputs, training)[0];
    }

    /// <summary>
    /// Runs the graph on concrete tensors, one per input in <see cref="inputs"/> order, and returns one tensor per
    /// output. A tensor whose rank or feature dimensions differ from its Input's is refused, naming both shapes.
    /// </summary>
    public Tensor[] call_tensors(IReadOnlyList<Tensor> inputs, bool training)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        CheckCount(inputs.Count, "arrays");
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is null) throw new ArgumentNullException(nameof(inputs), $"Input {i} of model '{name}' is null.");
            var expected = _graph.inputs[i].shape_unsafe;
            var got = inputs[i].shape;
            bool ok = got.Length == expected.Length;
            for (int d = 1; ok && d < expected.Length; d++)
                if (expected[d] is long e && got[d] != e) ok = false;
            if (!ok)
                throw new ArgumentException(
                    $"Input {i} ('{input_names[i]}') of model '{name}' is incompatible: expected shape {KerasTensor.PythonTuple(expected.Select((v, k) => k == 0 ? null : v).ToArray())}, received a tensor of shape {ShapeUtils.Format(got)}.",
                    nameof(inputs));
        }
        return _graph.Run(inputs, training);
    }

    void CheckCount(int count, string what)
    {
        if (count != _graph.inputs.Length)
            throw new ArgumentException(
                $"Model '{name}' expects {_graph.inputs.Length} input {what} ({string.Join(", ", input_names)}), but received {count}.", "inputs");
    }

    /// <summary>
    /// For fit's fused softmax head: the layer that makes the one output and the graph up to its input, when the model
    /// has one input and that layer is called once, on one tensor, as the graph's last call; else null.
    /// </summary>
    internal (Layer last, Func<Tensor, bool, Tensor> body)? output_head()
    {
        if (_graph.inputs.Length != 1 || _graph.outputs.Length != 1 || _graph.plan.Count == 0) return null;
        var step = _graph.plan[^1];
        var node = step.node;
        if (node.list_call || node.input_tensors.Length != 1 || !ReferenceEquals(node.output_tensors[0], _graph.outputs[0])) return null;
        if (Node.InboundNodes(node.operation).Count(_graph.nodes.Contains) != 1) return null;
        return (node.operation, (x, training) => _graph.RunBeforeLast(x, training));
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape) => _graph.InferShapes(new[] { input_shape })[0];

    /// <inheritdoc />
    public override IReadOnlyList<long?[]> compute_output_shapes(long?[] input_shape) => _graph.InferShapes(new[] { input_shape });

    IReadOnlyList<long?[]> IMultiTensorLayer.build_symbolic(IReadOnlyList<long?[]> input_shapes, bool list_call)
    {
        CheckCount(input_shapes.Count, "tensors");
        for (int i = 0; i < input_shapes.Count; i++)
        {
            var expected = _graph.inputs[i].shape_unsafe;
            var got = input_shapes[i];
            bool ok = got.Length == expected.Length;
            for (int d = 1; ok && d < expected.Length; d++)
                if (expected[d] is long e && got[d] is long g && g != e) ok = false;
            if (!ok)
                throw new ArgumentException(
                    $"Model '{name}' was passed incompatible inputs. For input '{input_names[i]}', expected shape {KerasTensor.PythonTuple(expected)}, but received instead a tensor with shape {KerasTensor.PythonTuple(got)}.",
                    "inputs");
        }
        return _graph.InferShapes(input_shapes);
    }

    Tensor[] IMultiTensorLayer.call_tensors(IReadOnlyList<Tensor> inputs, bool training) => call_tensors(inputs, training);

    /// <inheritdoc />
    public override string class_name => GetType() == typeof(Functional) ? "Functional" : base.class_name;

    // ---- summary ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// Keras's summary of a functional model (keras/src/utils/summary_utils.py): every layer of the graph including the
    /// InputLayers; a graph that is not a plain chain (a depth with several nodes, a node with several inputs, or a
    /// layer called twice) gets the "Connected to" column and 108 columns by default.
    /// </summary>
    internal override string summary_text(int? line_length = null, bool show_trainable = false)
    {
        if (line_length is <= 0)
            throw new ArgumentException($"`line_length` must be positive. Received: line_length={line_length}", nameof(line_length));
        bool sequentialLike = SequentialLike();
        var rows = new List<SummaryRow>();
        foreach (var layer in layers)
        {
            var nodes = Node.InboundNodes(layer);
            string shape = nodes.Count == 0 ? "?" : FormatOutputs(nodes[^1].output_tensors);
            long? count = layer.built ? layer.variables.Sum(v => v.size) : null;
            bool? trainable = layer.variables.Count == 0 ? null : layer.trainable;
            rows.Add(new SummaryRow($"{layer.name} ({layer.class_name})", shape, count, trainable, sequentialLike ? null : Connections(layer)));
        }
        return SummaryTable.Render(name, rows, summary_totals(),
            line_length ?? SummaryTable.DefaultLineLength(show_trainable, !sequentialLike), show_trainable, !sequentialLike);
    }

    static string FormatOutputs(KerasTensor[] outputs) =>
        outputs.Length == 1 ? SummaryTable.FormatShape(outputs[0].shape_unsafe)
            : "[" + string.Join(", ", outputs.Select(o => SummaryTable.FormatShape(o.shape_unsafe))) + "]";

    bool SequentialLike()
    {
        var seen = new List<Node>();
        foreach (var (_, nodes) in _graph.nodes_by_depth)
        {
            if (nodes.Count > 1 || (nodes.Count == 1 && nodes[0].input_tensors.Length > 1)) return false;
            seen.AddRange(nodes);
        }
        foreach (var layer in layers)
            if (Node.InboundNodes(layer).Count(seen.Contains) > 1) return false;
        return true;
    }

    string Connections(Layer layer)
    {
        var parts = new List<string>();
        foreach (var node in Node.InboundNodes(layer))
        {
            if (!_graph.nodes.Contains(node)) continue;
            foreach (var kt in node.input_tensors)
                parts.Add($"{kt.history!.operation.name}[{kt.history.node_index}][{kt.history.tensor_index}]");
        }
        return parts.Count == 0 ? "-" : string.Join(", ", parts);
    }
}
