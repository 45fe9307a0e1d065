using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Backend;
using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp.Ops;

/// <summary>
/// The graph of layer calls between some input and output KerasTensors (Keras: <c>keras.src.ops.function.Function</c>
/// and its <c>map_graph</c>): the nodes it uses grouped by depth (the number of calls between a node and an output),
/// its layers ordered as Keras orders them (deepest first, then by first traversal), and an execution plan that runs
/// the calls in topological order on concrete tensors. Building it checks what Keras checks: every needed tensor is
/// computable from the inputs ("Graph disconnected"), no cycle, every layer name used once.
/// </summary>
internal sealed class FunctionGraph
{
    /// <summary>One layer call of the plan: tensors are numbered slots, the inputs first.</summary>
    internal sealed record Step(Node node, int[] inputs, int[] outputs);

    readonly Dictionary<KerasTensor, int> _slots = new(ReferenceEqualityComparer.Instance);

    internal FunctionGraph(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs)
    {
        this.inputs = inputs.ToArray();
        this.outputs = outputs.ToArray();
        if (this.inputs.Length == 0) throw new ArgumentException("`inputs` argument cannot be empty.", nameof(inputs));
        if (this.outputs.Length == 0) throw new ArgumentException("`outputs` argument cannot be empty.", nameof(outputs));
        foreach (var x in this.inputs)
        {
            if (x.history is not { operation: InputLayer })
                throw new ArgumentException(
                    $"Every model input must be a tensor made by keras.Input(...). Received: {x}" +
                    (x.history is { } h ? $", the output of layer '{h.operation.name}'." : "."), nameof(inputs));
        }
        for (int i = 0; i < this.inputs.Length; i++)
            for (int j = 0; j < i; j++)
                if (ReferenceEquals(this.inputs[i], this.inputs[j]))
                    throw new ArgumentException($"The input {this.inputs[i]} is given twice in `inputs`.", nameof(inputs));
        foreach (var x in this.outputs)
            if (x.history is null)
                throw new ArgumentException($"Every model output must be a tensor produced by a layer call. Received: {x}.", nameof(outputs));

        MapGraph();
        foreach (var x in this.inputs)
            if (Node.OutboundNodes(x.history!.operation).Count == 0 && !this.outputs.Contains(x))
                throw new ArgumentException($"`inputs` not connected to `outputs`: input '{x.history.operation.name}' ({x}) is not used by any layer.", nameof(inputs));
        plan = MakePlan();
    }

    /// <summary>The flat symbolic inputs.</summary>
    internal KerasTensor[] inputs { get; }

    /// <summary>The flat symbolic outputs.</summary>
    internal KerasTensor[] outputs { get; }

    /// <summary>The layers, InputLayers included, in Keras's order (<c>Function.operations</c>).</summary>
    internal List<Layer> operations { get; private set; } = new();

    /// <summary>The nodes of each depth, deepest (inputs) first; each depth's nodes in Keras's order.</summary>
    internal List<(int depth, List<Node> nodes)> nodes_by_depth { get; private set; } = new();

    /// <summary>The nodes this graph uses.</summary>
    internal HashSet<Node> nodes { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The calls in execution order (InputLayer nodes left out).</summary>
    internal IReadOnlyList<Step> plan { get; }

    /// <summary>Number of tensor slots the plan uses.</summary>
    internal int slot_count => _slots.Count;

    /// <summary>The slot of a symbolic tensor of the graph.</summary>
    internal int slot_of(KerasTensor t) => _slots[t];

    void MapGraph()
    {
        // _build_map: depth-first from each output, nodes in topological order (inputs -> outputs).
        var finished = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var inProgress = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var ordered = new List<Node>();
        var operationIndex = new Dictionary<Layer, int>(ReferenceEqualityComparer.Instance);
        foreach (var output in outputs) Visit(output, finished, inProgress, ordered, operationIndex);

        var nodeDepth = new OrderedDictionary<Node, int>(ReferenceEqualityComparer.Instance);
        var opDepth = new OrderedDictionary<Layer, int>(ReferenceEqualityComparer.Instance);
        for (int k = ordered.Count - 1; k >= 0; k--)
        {
            var node = ordered[k];
            if (!nodeDepth.TryGetValue(node, out int depth)) nodeDepth[node] = depth = 0;
            int previous = opDepth.TryGetValue(node.operation, out var p) ? p : 0;
            depth = Math.Max(depth, previous);
            opDepth[node.operation] = depth;
            nodeDepth[node] = depth;
            foreach (var parent in node.parent_nodes)
            {
                int prev = nodeDepth.TryGetValue(parent, out var pd) ? pd : 0;
                nodeDepth[parent] = Math.Max(depth + 1, prev);
            }
        }
        foreach (var x in inputs)
        {
            var op = x.history!.operation;
            if (!opDepth.ContainsKey(op))
            {
                opDepth[op] = 0;
                operationIndex[op] = -1;
                nodeDepth[Node.InboundNodes(op)[0]] = 0;
            }
        }
        foreach (var node in nodeDepth.Keys) nodes.Add(node);

        var byDepth = new SortedDictionary<int, List<Node>>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        foreach (var (node, depth) in nodeDepth)
        {
            if (!byDepth.TryGetValue(depth, out var list)) byDepth[depth] = list = new List<Node>();
            list.Add(node);
        }
        nodes_by_depth = byDepth.Select(kv => (kv.Key, kv.Value)).ToList();

        var opsByDepth = new SortedDictionary<int, List<Layer>>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        foreach (var (op, depth) in opDepth)
        {
            if (!opsByDepth.TryGetValue(depth, out var list)) opsByDepth[depth] = list = new List<Layer>();
            list.Add(op);
        }
        operations = opsByDepth.Values.SelectMany(list => list.OrderBy(op => operationIndex[op])).ToList();

        // Every tensor a node needs must be computable from the inputs.
        var computable = new HashSet<KerasTensor>(inputs, ReferenceEqualityComparer.Instance);
        var accessed = new List<string>();
        foreach (var (_, list) in nodes_by_depth)
        {
            foreach (var node in list)
            {
                // Keras accepts an Input that is not among `inputs` here (and fails when the model runs); refuse it now.
                if (node.is_input && !computable.Contains(node.output_tensors[0]))
                    throw new ArgumentException(
                        $"Graph disconnected: the outputs need Input '{node.operation.name}' ({node.output_tensors[0]}), which is not among the model's `inputs`. " +
                        "Add it to `inputs`.", nameof(outputs));
                foreach (var x in node.input_tensors)
                    if (!computable.Contains(x))
                        throw new ArgumentException(
                            $"Graph disconnected: cannot find parent for tensor {x} at layer '{node.operation.name}'. " +
                            $"The following previous layers were accessed without issue: [{string.Join(", ", accessed.Select(n => $"'{n}'"))}]. " +
                            "Every output must be computable from the given `inputs` (is an Input missing from `inputs`?).",
                            nameof(outputs));
                accessed.Add(node.operation.name);
                foreach (var x in node.output_tensors) computable.Add(x);
            }
        }
        foreach (var x in outputs)
            if (!computable.Contains(x))
                throw new ArgumentException($"Output {x} is not computable from `inputs`.", nameof(outputs));

        foreach (var group in operations.GroupBy(op => op.name, StringComparer.Ordinal))
        {
            int count = group.Count();
            if (count != 1)
                throw new ArgumentException($"The name \"{group.Key}\" is used {count} times in the model. All layer names should be unique.", nameof(outputs));
        }
    }

    void Visit(KerasTensor tensor, HashSet<Node> finished, HashSet<Node> inProgress, List<Node> ordered, Dictionary<Layer, int> operationIndex)
    {
        var h = tensor.history!;
        var node = Node.InboundNodes(h.operation)[h.node_index];
        if (finished.Contains(node)) return;
        if (inProgress.Contains(node))
            throw new ArgumentException($"Tensor {tensor} from layer '{h.operation.name}' is part of a cycle.", nameof(outputs));
        if (!operationIndex.ContainsKey(h.operation)) operationIndex[h.operation] = operationIndex.Count;
        inProgress.Add(node);
        if (!node.is_input && !inputs.Contains(tensor))
            foreach (var x in node.input_tensors) Visit(x, finished, inProgress, ordered, operationIndex);
        finished.Add(node);
        inProgress.Remove(node);
        ordered.Add(node);
    }

    List<Step> MakePlan()
    {
        foreach (var x in inputs) _slots[x] = _slots.Count;
        var steps = new List<Step>();
        foreach (var (_, list) in nodes_by_depth)
        {
            foreach (var node in list)
            {
                if (node.is_input) continue;
                var ins = node.input_tensors.Select(t => _slots[t]).ToArray();
                var outs = node.output_tensors.Select(t => _slots.TryGetValue(t, out var s) ? s : _slots[t] = _slots.Count).ToArray();
                steps.Add(new Step(node, ins, outs));
            }
        }
        foreach (var x in outputs)
            if (!_slots.ContainsKey(x)) _slots[x] = _slots.Count; // an input given back as an output
        return steps;
    }

    /// <summary>Runs the plan on concrete tensors (Keras: <c>_run_through_graph</c>) and returns the flat outputs.</summary>
    internal Tensor[] Run(IReadOnlyList<Tensor> values, bool training)
    {
        var slots = new Tensor[_slots.Count];
        var masks = new Tensor?[_slots.Count];
        for (int i = 0; i < inputs.Length; i++) slots[i] = values[i];
        foreach (var step in plan) RunStep(step, slots, masks, training);
        var result = new Tensor[outputs.Length];
        for (int i = 0; i < outputs.Length; i++) result[i] = Layer.set_keras_mask(slots[_slots[outputs[i]]], masks[_slots[outputs[i]]]);
        return result;
    }

    /// <summary>Runs every call but the last on one input and returns the last call's input (fit's fused softmax head).</summary>
    internal Tensor RunBeforeLast(Tensor value, bool training)
    {
        var slots = new Tensor[_slots.Count];
        var masks = new Tensor?[_slots.Count];
        slots[0] = value;
        for (int k = 0; k < plan.Count - 1; k++) RunStep(plan[k], slots, masks, training);
        return Layer.set_keras_mask(slots[plan[^1].inputs[0]], masks[plan[^1].inputs[0]]);
    }

    /// <summary>Runs one call; <paramref name="masks"/> carries Keras's masks beside the tensors (Layer.Masking.cs).</summary>
    static void RunStep(Step step, Tensor[] slots, Tensor?[] masks, bool training)
    {
        var args = new Tensor[step.inputs.Length];
        var argMasks = new Tensor?[step.inputs.Length];
        for (int i = 0; i < args.Length; i++) (args[i], argMasks[i]) = (slots[step.inputs[i]], masks[step.inputs[i]]);
        var (results, mask) = Layer.run_masked(step.node.operation, args, argMasks, training, step.outputs.Length);
        for (int i = 0; i < step.outputs.Length; i++) (slots[step.outputs[i]], masks[step.outputs[i]]) = (results[i], i == 0 ? mask : null);
    }

    /// <summary>The output shapes for other input shapes, through the graph (Keras: <c>compute_output_spec</c>).</summary>
    internal List<long?[]> InferShapes(IReadOnlyList<long?[]> shapes)
    {
        var slots = new long?[]?[_slots.Count];
        for (int i = 0; i < inputs.Length; i++) slots[i] = shapes[i];
        foreach (var step in plan)
        {
            var args = step.inputs.Select(s => slots[s]!).ToList();
            var results = SymbolicCall.OutputShapes(step.node.operation, args, step.node.list_call);
            for (int i = 0; i < step.outputs.Length; i++) slots[step.outputs[i]] = results[i];
        }
        return outputs.Select(x => slots[_slots[x]]!).ToList();
    }
}
