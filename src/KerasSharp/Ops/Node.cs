using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using KerasSharp.Backend;
using KerasSharp.Layers;

namespace KerasSharp.Ops;

/// <summary>
/// One call of a layer on symbolic tensors (Keras: <c>keras.src.ops.node.Node</c>): the layer, the tensors it was called
/// on and the tensors it returned. Creating a node appends it to the layer's inbound nodes, to the outbound nodes of
/// the layers that produced its inputs, and stamps each output with its <see cref="KerasHistory"/>.
/// An InputLayer's node has no inputs.
/// </summary>
internal sealed class Node
{
    sealed class Links
    {
        internal readonly List<Node> inbound = new();
        internal readonly List<Node> outbound = new();
    }

    static readonly ConditionalWeakTable<Layer, Links> LinksOf = new();

    internal Node(Layer operation, IReadOnlyList<KerasTensor> inputs, bool list_call, IReadOnlyList<KerasTensor> outputs)
    {
        this.operation = operation;
        input_tensors = inputs.ToArray();
        this.list_call = list_call;
        output_tensors = outputs.ToArray();
        var links = LinksOf.GetOrCreateValue(operation);
        int index = links.inbound.Count;
        links.inbound.Add(this);
        foreach (var t in input_tensors)
            if (t.history is { } h && !LinksOf.GetOrCreateValue(h.operation).outbound.Contains(this))
                LinksOf.GetOrCreateValue(h.operation).outbound.Add(this);
        for (int i = 0; i < output_tensors.Length; i++)
            output_tensors[i].history = new KerasHistory(operation, index, i);
    }

    /// <summary>The layer called.</summary>
    internal Layer operation { get; }

    /// <summary>The symbolic inputs, in call order.</summary>
    internal KerasTensor[] input_tensors { get; }

    /// <summary>Whether the layer was called on a list (<c>Add()([a, b])</c>, even a list of one) rather than one tensor.</summary>
    internal bool list_call { get; }

    /// <summary>The symbolic outputs.</summary>
    internal KerasTensor[] output_tensors { get; }

    /// <summary>Whether this is an InputLayer's node (no inputs).</summary>
    internal bool is_input => operation is InputLayer;

    /// <summary>The nodes that produced this node's inputs.</summary>
    internal IEnumerable<Node> parent_nodes =>
        input_tensors.Where(t => t.history is not null).Select(t => InboundNodes(t.history!.operation)[t.history!.node_index]);

    /// <summary>The calls of <paramref name="layer"/> so far (Keras: <c>layer._inbound_nodes</c>).</summary>
    internal static IReadOnlyList<Node> InboundNodes(Layer layer) =>
        LinksOf.TryGetValue(layer, out var links) ? links.inbound : System.Array.Empty<Node>();

    /// <summary>The calls that consumed an output of <paramref name="layer"/> (Keras: <c>layer._outbound_nodes</c>).</summary>
    internal static IReadOnlyList<Node> OutboundNodes(Layer layer) =>
        LinksOf.TryGetValue(layer, out var links) ? links.outbound : System.Array.Empty<Node>();

    /// <summary>The tensor an InputLayer stands for, creating its node on first use (Keras: <c>InputLayer.output</c>).</summary>
    internal static KerasTensor InputTensor(InputLayer layer, string? dtype = null, string? tensorName = null)
    {
        var nodes = InboundNodes(layer);
        if (nodes.Count > 0) return nodes[0].output_tensors[0];
        var tensor = new KerasTensor(layer.batch_shape, KerasTensor.StandardizeDType(dtype), tensorName);
        _ = new Node(layer, System.Array.Empty<KerasTensor>(), false, new[] { tensor });
        return tensor;
    }
}
