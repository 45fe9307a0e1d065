using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Reshapes each sample to <c>target_shape</c> (Keras: <c>keras.layers.Reshape</c>, keras/src/layers/reshaping/reshape.py):
/// (batch, ...) becomes (batch, *target_shape) in row-major order; one entry may be -1, inferred from the others.
/// </summary>
public sealed class Reshape : Layer
{
    /// <summary><paramref name="target_shape"/> excludes the batch dimension, e.g. <c>[3, 4]</c> or <c>[-1, 2, 2]</c>.</summary>
    public Reshape(int[] target_shape, string? name = null, string? dtype = null, bool trainable = true,
        int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        ArgumentNullException.ThrowIfNull(target_shape);
        if (target_shape.Count(d => d == -1) > 1)
            throw new ArgumentException($"There must be at most one unknown dimension (-1) in target_shape. Received: target_shape=({string.Join(", ", target_shape)}).", nameof(target_shape));
        if (target_shape.Any(d => d == 0 || d < -1))
            throw new ArgumentException($"Every entry of `target_shape` must be a positive integer or -1. Received: target_shape=({string.Join(", ", target_shape)}).", nameof(target_shape));
        this.target_shape = (int[])target_shape.Clone();
    }

    /// <summary>The shape of each output sample (-1 = inferred).</summary>
    public int[] target_shape { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        var sample = inputs.shape.Skip(1).Select(d => (long?)d).ToArray();
        var resolved = Resolve(sample).Select(d => d ?? -1).ToArray();
        return inputs.reshape(new[] { inputs.shape[0] }.Concat(resolved).ToArray());
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape) =>
        new[] { input_shape.Length > 0 ? input_shape[0] : null }.Concat(Resolve(input_shape.Skip(1).ToArray())).ToArray();

    /// <summary>Keras's <c>compute_reshape_output_shape</c>: the -1 entry from the input's size (unknown if any input dimension is).</summary>
    long?[] Resolve(long?[] sample)
    {
        var result = target_shape.Select(d => (long?)d).ToArray();
        long known = target_shape.Where(d => d != -1).Aggregate(1L, (a, d) => checked(a * d));
        int unknown = Array.IndexOf(target_shape, -1);
        if (sample.Any(d => d is null))
        {
            if (unknown >= 0) result[unknown] = null;
            return result;
        }
        long size = sample.Aggregate(1L, (a, d) => checked(a * d!.Value));
        if (unknown < 0 ? size != known : known == 0 || size % known != 0)
            throw new ArgumentException(
                $"The total size of the tensor must be unchanged. Received: input_shape=({string.Join(", ", sample)}), target_shape=({string.Join(", ", target_shape)}) (layer '{name}').");
        if (unknown >= 0) result[unknown] = size / known;
        return result;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["target_shape"] = target_shape.Select(d => (object?)(long)d).ToList();
        return c;
    }
}
