using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Concatenates a list of tensors along <see cref="axis"/> (Keras: <c>keras.layers.Concatenate</c>,
/// keras/src/layers/merging/concatenate.py): all shapes must match except along that axis.
/// </summary>
public sealed class Concatenate : Merge
{
    /// <summary>Keras's arguments; <paramref name="axis"/> counts from the end when negative (default: the last axis).</summary>
    public Concatenate(int axis = -1, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, dtype, trainable, input_shape, input_dim, batch_size)
    {
        this.axis = axis;
    }

    /// <summary>The axis along which the inputs are joined.</summary>
    public int axis { get; }

    private protected override bool reshape_to_same_rank => false;

    private protected override void check_input_shapes(IReadOnlyList<long?[]> shapes)
    {
        if (shapes.Count < 1)
            throw new ArgumentException("A `Concatenate` layer should be called on a list of at least 1 input.");
        string error = $"A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape={Describe(shapes)}";
        int rank = shapes[0].Length;
        if (shapes.Any(s => s.Length != rank)) throw new ArgumentException(error);
        int a = Axis(rank);
        for (int d = 0; d < rank; d++)
        {
            if (d == a) continue;
            if (shapes.Select(s => s[d]).Where(v => v is not null).Distinct().Count() > 1) throw new ArgumentException(error);
        }
    }

    int Axis(int rank)
    {
        if (rank == 0 || axis >= rank || axis < -rank)
            throw new ArgumentException($"`axis`={axis} is out of range for inputs of rank {rank}.");
        return axis < 0 ? axis + rank : axis;
    }

    /// <summary>
    /// Keras's <c>Concatenate.compute_mask</c>: none when no input has a mask; else each input's mask (all true for an
    /// unmasked input, a lower-rank mask broadcast over the input's last axis) concatenated along <see cref="axis"/>,
    /// then reduced with <c>any</c> over the last axis.
    /// </summary>
    public override Tensor? compute_mask(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(masks);
        if (masks.Count != inputs.Count)
            throw new ArgumentException(
                $"The lists `inputs` and `mask` should have the same length. Received: inputs of length {inputs.Count}, and mask of length {masks.Count}", nameof(masks));
        if (masks.All(m => m is null)) return null;
        using var scope = NewDisposeScope();
        var full = new Tensor[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
            full[i] = masks[i] is not { } m ? ones_like(inputs[i], dtype: ScalarType.Bool)
                : m.dim() < inputs[i].dim() ? m.unsqueeze(-1).expand(inputs[i].shape) : m;
        return cat(full, Axis((int)inputs[0].dim())).any(-1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(IReadOnlyList<long?[]> input_shapes)
    {
        var output = (long?[])input_shapes[0].Clone();
        int a = Axis(output.Length);
        foreach (var shape in input_shapes.Skip(1))
        {
            if (output[a] is null || shape[a] is null) { output[a] = null; break; }
            output[a] += shape[a];
        }
        return output;
    }

    /// <inheritdoc />
    protected override Tensor merge_function(IReadOnlyList<Tensor> inputs) => cat(inputs.ToArray(), axis);

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["axis"] = axis;
        return c;
    }
}
