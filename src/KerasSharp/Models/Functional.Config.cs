using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using KerasSharp.Backend;
using KerasSharp.Layers;
using KerasSharp.Ops;
using KerasSharp.Saving;

namespace KerasSharp.Models;

public partial class Functional
{
    /// <summary>
    /// Keras's functional config (<c>Functional.get_config</c>): name, trainable, every layer of the graph in
    /// <see cref="Model.layers"/> order with its <c>name</c> and <c>inbound_nodes</c> (each call's arguments as
    /// <c>__keras_tensor__</c> entries whose <c>keras_history</c> is [layer, node index, tensor index], node indices
    /// counted among this model's calls only), then <c>input_layers</c> and <c>output_layers</c> in the structure they
    /// were given (one tensor, a list, or a dictionary).
    /// </summary>
    public override Dictionary<string, object?> get_config()
    {
        var reindex = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
        foreach (var op in _graph.operations)
        {
            int kept = op is Functional ? 1 : 0; // Keras counts a nested functional's own node first
            foreach (var node in Node.InboundNodes(op))
                if (_graph.nodes.Contains(node)) reindex[node] = kept++;
        }
        var layerConfigs = new List<object?>();
        foreach (var op in _graph.operations)
        {
            var inbound = new List<object?>();
            foreach (var node in Node.InboundNodes(op))
                if (_graph.nodes.Contains(node) && SerializeNode(node) is { } data) inbound.Add(data);
            var entry = Serialization.Layer(op);
            entry["name"] = op.name;
            entry["inbound_nodes"] = inbound;
            layerConfigs.Add(entry);
        }
        List<object?> Ref(KerasTensor t)
        {
            var h = t.history!;
            return new List<object?> { h.operation.name, (long)reindex[Node.InboundNodes(h.operation)[h.node_index]], (long)h.tensor_index };
        }
        object? Map(TensorStructure s) =>
            s.single ? Ref(s.flat[0])
            : s.keys is { } keys ? s.key_order!.ToDictionary(k => k, k => (object?)Ref(s.flat[Array.IndexOf(keys, k)]))
            : s.flat.Select(t => (object?)Ref(t)).ToList();
        return new Dictionary<string, object?>
        {
            ["name"] = name,
            ["trainable"] = trainable,
            ["layers"] = layerConfigs,
            ["input_layers"] = Map(_inputs),
            ["output_layers"] = Map(_outputs),
        };
    }

    /// <summary>Keras's <c>serialize_node</c>: <c>{"args": [x] or [[x, y]], "kwargs": {}}</c>, or null for an InputLayer.</summary>
    Dictionary<string, object?>? SerializeNode(Node node)
    {
        if (node.input_tensors.Length == 0) return null;
        object? Tensor(KerasTensor t)
        {
            var h = t.history!;
            int irrelevant = Node.InboundNodes(h.operation).Take(h.node_index).Count(n => !_graph.nodes.Contains(n));
            return new Dictionary<string, object?>
            {
                ["class_name"] = "__keras_tensor__",
                ["config"] = new Dictionary<string, object?>
                {
                    ["shape"] = Serialization.Shape(t.shape_unsafe),
                    ["dtype"] = t.dtype,
                    ["keras_history"] = new List<object?> { h.operation.name, (long)(h.node_index - irrelevant), (long)h.tensor_index },
                },
            };
        }
        var args = node.list_call
            ? new List<object?> { node.input_tensors.Select(Tensor).ToList() }
            : new List<object?> { Tensor(node.input_tensors[0]) };
        var kwargs = new Dictionary<string, object?>();
        if (node.operation is Functional) kwargs["mask"] = null; // Keras records a functional call's mask argument
        return new Dictionary<string, object?> { ["args"] = args, ["kwargs"] = kwargs };
    }

    /// <summary>
    /// Rebuilds a functional model from its config (Keras: <c>functional_from_config</c>): creates every layer, then
    /// replays the recorded calls in layer order, deferring a call until the tensors it needs exist (a layer shared
    /// at different depths), and makes the model from <c>input_layers</c> and <c>output_layers</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">The config is malformed or refers to layers or calls that do not exist.</exception>
    public static Functional from_config(Dictionary<string, object?> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = new ConfigReader(config, "functional model config");
        var modelName = c.String("name");
        var what = $"functional model '{modelName}'";
        if (c.Raw("layers") is not List<object?> entries)
            throw new InvalidDataException($"The config of {what} has no `layers` list.");
        var created = new Dictionary<string, Layer>(StringComparer.Ordinal);
        var order = new List<(Layer layer, Queue<object?> nodes)>();
        foreach (var entry in entries)
        {
            if (entry is not Dictionary<string, object?> d || d.GetValueOrDefault("name") is not string layerName)
                throw new InvalidDataException($"Every layer entry of {what} needs a `name`; found {ConfigReader.Describe(entry)}.");
            var layer = Serialization.DeserializeLayer(entry);
            if (created.ContainsKey(layerName))
                throw new InvalidDataException($"The config of {what} names two layers '{layerName}'.");
            created[layerName] = layer;
            if (layer is InputLayer input) Node.InputTensor(input, tensorName: input.name);
            var inbound = d.GetValueOrDefault("inbound_nodes") as List<object?> ?? new List<object?>();
            order.Add((layer, new Queue<object?>(inbound)));
        }

        KerasTensor? Find(object? reference)
        {
            if (reference is not List<object?> { Count: 3 } r || r[0] is not string layerName || r[1] is not long nodeIndex || r[2] is not long tensorIndex)
                throw new InvalidDataException($"The config of {what} has a tensor reference {ConfigReader.Describe(reference)}; expected [layer name, node index, tensor index].");
            if (!created.TryGetValue(layerName, out var layer))
                throw new InvalidDataException($"The config of {what} refers to an unknown layer '{layerName}'.");
            var nodes = Node.InboundNodes(layer);
            if (nodeIndex < 0 || nodeIndex >= nodes.Count) return null;
            var outputs = nodes[(int)nodeIndex].output_tensors;
            if (tensorIndex < 0 || tensorIndex >= outputs.Length)
                throw new InvalidDataException($"The config of {what} refers to output {tensorIndex} of layer '{layerName}', which has {outputs.Length}.");
            return outputs[tensorIndex];
        }

        KerasTensor? Revive(object? arg)
        {
            if (arg is Dictionary<string, object?> t && t.GetValueOrDefault("class_name") as string == "__keras_tensor__"
                && t.GetValueOrDefault("config") is Dictionary<string, object?> tc)
                return Find(tc.GetValueOrDefault("keras_history"));
            throw new InvalidDataException($"The config of {what} calls a layer on {ConfigReader.Describe(arg)}; KerasSharp replays calls on tensors only.");
        }

        bool TryProcess(Layer layer, object? nodeData)
        {
            if (nodeData is not Dictionary<string, object?> nd || nd.GetValueOrDefault("args") is not List<object?> args)
                throw new InvalidDataException($"The config of {what} has a call of layer '{layer.name}' in a format KerasSharp does not read (Keras 2's list form?): {ConfigReader.Describe(nodeData)}.");
            if (nd.GetValueOrDefault("kwargs") is Dictionary<string, object?> kwargs && kwargs.Any(kv => kv.Value is not null))
                throw new NotSupportedException($"The config of {what} calls layer '{layer.name}' with arguments {PythonJson.Dumps(kwargs)}, which KerasSharp does not replay.");
            if (args.Count != 1)
                throw new NotSupportedException($"The config of {what} calls layer '{layer.name}' with {args.Count} positional arguments; KerasSharp replays calls on one tensor or one list.");
            bool listCall = args[0] is List<object?>;
            var tensors = new List<KerasTensor>();
            foreach (var a in listCall ? (List<object?>)args[0]! : new List<object?> { args[0] })
            {
                var t = Revive(a);
                if (t is null) return false;
                tensors.Add(t);
            }
            SymbolicCall.Call(layer, tensors, listCall);
            return true;
        }

        while (order.Any(o => o.nodes.Count > 0))
        {
            bool progress = false;
            foreach (var (layer, nodes) in order)
            {
                while (nodes.Count > 0 && TryProcess(layer, nodes.Peek()))
                {
                    nodes.Dequeue();
                    progress = true;
                }
            }
            if (!progress)
                throw new InvalidDataException(
                    $"The config of {what} cannot be replayed: the calls of {string.Join(", ", order.Where(o => o.nodes.Count > 0).Select(o => $"'{o.layer.name}'"))} need tensors that no call produces.");
        }

        KerasTensor Get(object? reference)
        {
            // A nested functional model's first recorded call is counted from 1 (Keras's get_tensor).
            if (reference is List<object?> { Count: 3 } r && r[0] is string n && created.GetValueOrDefault(n) is Functional && r[1] is long i)
                reference = new List<object?> { n, i - 1, r[2] };
            return Find(reference) ?? throw new InvalidDataException($"The config of {what} refers to a call {ConfigReader.Describe(reference)} that does not exist.");
        }

        TensorStructure Structure(object? s, string key) => s switch
        {
            List<object?> { Count: 3 } l when l[0] is string => Get(l),
            List<object?> l => l.Select(Get).ToList(),
            Dictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => Get(kv.Value)),
            _ => throw new InvalidDataException($"The config of {what} has `{key}`={ConfigReader.Describe(s)}; expected tensor references."),
        };

        return new Functional(Structure(c.Raw("input_layers"), "input_layers"), Structure(c.Raw("output_layers"), "output_layers"),
            modelName, c.Bool("trainable", true));
    }
}
