using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Backend;
using KerasSharp.Ops;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The base of the layers that merge a list of tensors (Keras: <c>keras.src.layers.merging.base_merge.Merge</c>):
/// <see cref="Add"/>, <see cref="Subtract"/>, <see cref="Multiply"/>, <see cref="Average"/>, <see cref="Maximum"/>,
/// <see cref="Minimum"/>, <see cref="Concatenate"/>, <see cref="Dot"/>. Called on a list of KerasTensors in a graph
/// (<c>Add().call([x, y])</c>) or on a list of tensors directly (<c>Add().call([t1, t2])</c>).
/// </summary>
/// <remarks>
/// The element-wise merges follow Keras's broadcasting rule: the shapes without the batch dimension are aligned from
/// the right, a dimension of 1 stretches, unequal known dimensions are an error ("Inputs have incompatible shapes"),
/// and the batch sizes must agree. Inputs of lower rank get dimensions of 1 inserted after the batch axis first.
/// </remarks>
public abstract class Merge : Layer, IMultiTensorLayer
{
    /// <summary>Keras's base arguments (see <see cref="Layer"/>).</summary>
    protected Merge(string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size) { }

    /// <summary>The input shapes the layer was built for (batch dimension first), or null before building.</summary>
    internal IReadOnlyList<long?[]>? build_input_shapes { get; private set; }

    /// <summary>The merge itself, on inputs already brought to the same rank.</summary>
    protected abstract Tensor merge_function(IReadOnlyList<Tensor> inputs);

    /// <summary>Refuses one tensor: a merge layer takes a list.</summary>
    public override Tensor call(Tensor inputs, bool training) =>
        throw new ArgumentException(
            $"A merge layer should be called on a list of inputs. Layer '{name}' ({class_name}) received one tensor of shape {ShapeUtils.Format(inputs)}.",
            nameof(inputs));

    /// <summary>Merges concrete tensors (Keras: <c>layer([x1, x2])</c> on arrays); the shapes are checked as in a graph.</summary>
    public Tensor call(IReadOnlyList<Tensor> inputs, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        for (int i = 0; i < inputs.Count; i++)
            if (inputs[i] is null) throw new ArgumentNullException(nameof(inputs), $"Input {i} of layer '{name}' is null.");
        var shapes = inputs.Select(t => t.shape.Select(d => (long?)d).ToArray()).ToList();
        SymbolicCall.OutputShapes(this, shapes, true);
        return Run(inputs);
    }

    IReadOnlyList<long?[]> IMultiTensorLayer.build_symbolic(IReadOnlyList<long?[]> input_shapes, bool list_call)
    {
        if (!list_call)
            throw new ArgumentException(
                $"A merge layer should be called on a list of inputs. Received: input_shape={KerasTensor.PythonTuple(input_shapes[0])} (not a list of shapes)");
        check_input_shapes(input_shapes);
        var output = compute_output_shape(input_shapes);
        if (build_input_shapes is null) build_input_shapes = input_shapes.Select(s => (long?[])s.Clone()).ToList();
        if (!built) mark_built(input_shapes[0]);
        return new[] { output };
    }

    Tensor[] IMultiTensorLayer.call_tensors(IReadOnlyList<Tensor> inputs, bool training) => new[] { Run(inputs) };

    /// <inheritdoc />
    public override bool supports_masking => true;

    /// <summary>
    /// The output mask from the inputs' masks (Keras: <c>Merge.compute_mask</c>): none unless every input has one, then
    /// their element-wise OR (Add, Subtract, Multiply, Average, Maximum, Minimum).
    /// </summary>
    public virtual Tensor? compute_mask(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(masks);
        if (masks.Count != inputs.Count)
            throw new ArgumentException(
                $"The lists `inputs` and `mask` should have the same length. Received: inputs of length {inputs.Count}, and mask of length {masks.Count}", nameof(masks));
        if (masks.Any(m => m is null)) return null;
        var output = masks[0]!;
        for (int i = 1; i < masks.Count; i++) output = output.logical_or(masks[i]!);
        return output;
    }

    /// <summary>The merge in a functional graph, with the inputs' masks (Keras reads them from the tensors).</summary>
    internal Tensor call_masked(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) => Run(inputs, masks);

    Tensor Run(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?>? masks = null)
    {
        Tensor Merged(IReadOnlyList<Tensor> xs) => masks is null || masks.All(m => m is null) ? merge_function(xs) : merge_masked(xs, masks);
        if (!reshape_to_same_rank) return Merged(inputs);
        long maxRank = inputs.Max(t => t.dim());
        if (inputs.All(t => t.dim() == maxRank)) return Merged(inputs);
        var reshaped = new Tensor[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            var x = inputs[i];
            while (x.dim() < maxRank) x = x.unsqueeze(1);
            reshaped[i] = x;
        }
        return Merged(reshaped);
    }

    /// <summary>The merge when some input has a mask; Keras's Add, Subtract, Average, Concatenate and Dot ignore masks here.</summary>
    private protected virtual Tensor merge_masked(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) => merge_function(inputs);

    /// <summary>A (batch, time) mask broadcast over <paramref name="x"/>'s last axis (Keras: <c>broadcast_to(expand_dims(mask, -1), shape(x))</c>).</summary>
    private protected static Tensor? Broadcast(Tensor? mask, Tensor x) =>
        mask is null ? null : (mask.dim() < x.dim() ? mask.unsqueeze(-1) : mask).to(ScalarType.Bool).expand(x.shape);

    /// <summary>
    /// Keras's <c>_apply_merge_op_and_or_mask</c> (Maximum, Minimum): a masked entry of an input takes the running
    /// result's value, a masked entry of the running result takes the input's, then <paramref name="op"/>.
    /// </summary>
    private protected static Tensor FoldMasked(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks, Func<Tensor, Tensor, Tensor> op)
    {
        var output = inputs[0];
        var outputMask = Broadcast(masks[0], output);
        for (int i = 1; i < inputs.Count; i++)
        {
            var x = inputs[i];
            var mask = Broadcast(masks[i], x);
            if (mask is not null) x = where(mask, x, output);
            if (outputMask is not null) output = where(outputMask, output, x);
            outputMask = mask is not null && outputMask is not null ? outputMask.logical_or(mask) : null;
            output = op(output, x);
        }
        return output;
    }

    /// <summary>Combines the inputs pairwise from the left: <c>op(op(x0, x1), x2)...</c>.</summary>
    private protected static Tensor Fold(IReadOnlyList<Tensor> inputs, Func<Tensor, Tensor, Tensor> op)
    {
        var output = inputs[0];
        for (int i = 1; i < inputs.Count; i++) output = op(output, inputs[i]);
        return output;
    }

    /// <summary>Whether inputs of lower rank get axes of 1 after the batch axis (element-wise merges); Concatenate and Dot say no.</summary>
    private protected virtual bool reshape_to_same_rank => true;

    /// <summary>Keras's <c>Merge.build</c> checks: at least one input, one batch size, broadcastable shapes.</summary>
    private protected virtual void check_input_shapes(IReadOnlyList<long?[]> shapes)
    {
        if (shapes.Count < 1)
            throw new ArgumentException($"A merge layer should be called on a list of at least 1 input. Received {shapes.Count} inputs.");
        var batches = shapes.Where(s => s.Length > 0 && s[0] is not null).Select(s => s[0]).Distinct().ToList();
        if (batches.Count > 1)
            throw new ArgumentException($"Cannot merge tensors with different batch sizes. Received tensors with shapes {Describe(shapes)}");
        ElementwiseShape(shapes);
    }

    /// <summary>The element-wise output shape (Keras: <c>Merge.compute_output_shape</c>).</summary>
    public virtual long?[] compute_output_shape(IReadOnlyList<long?[]> input_shapes)
    {
        var output = ElementwiseShape(input_shapes);
        var batches = input_shapes.Where(s => s.Length > 0 && s[0] is not null).Select(s => s[0]).Distinct().ToList();
        return new[] { batches.Count == 1 ? batches[0] : null }.Concat(output).ToArray();
    }

    static long?[] ElementwiseShape(IReadOnlyList<long?[]> shapes)
    {
        var output = shapes[0].Skip(1).ToArray();
        for (int i = 1; i < shapes.Count; i++) output = Broadcast(output, shapes[i].Skip(1).ToArray());
        return output;
    }

    /// <summary>Keras's <c>_compute_elemwise_op_output_shape</c>.</summary>
    static long?[] Broadcast(long?[] shape1, long?[] shape2)
    {
        if (shape1.Length < shape2.Length) return Broadcast(shape2, shape1);
        if (shape2.Length == 0) return shape1;
        var output = shape1.Take(shape1.Length - shape2.Length).ToList();
        for (int k = 0; k < shape2.Length; k++)
        {
            long? i = shape1[shape1.Length - shape2.Length + k], j = shape2[k];
            if (i is null || j is null) output.Add(null);
            else if (i == 1) output.Add(j);
            else if (j == 1) output.Add(i);
            else if (i != j)
                throw new ArgumentException($"Inputs have incompatible shapes. Received shapes {KerasTensor.PythonTuple(shape1)} and {KerasTensor.PythonTuple(shape2)}");
            else output.Add(i);
        }
        return output.ToArray();
    }

    /// <summary>"[(None, 3), (None, 4)]", as Keras prints a list of shapes.</summary>
    private protected static string Describe(IReadOnlyList<long?[]> shapes) => "[" + string.Join(", ", shapes.Select(KerasTensor.PythonTuple)) + "]";
}
