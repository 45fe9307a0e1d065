using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Permutes the dimensions of each sample (Keras: <c>keras.layers.Permute</c>, keras/src/layers/reshaping/permute.py).
/// <c>dims</c> is 1-based and leaves out the batch dimension: <c>[2, 1]</c> turns (batch, 10, 64) into (batch, 64, 10).
/// </summary>
public sealed class Permute : Layer
{
    /// <summary><paramref name="dims"/>: a permutation of 1..n.</summary>
    public Permute(int[] dims, string? name = null, string? dtype = null, bool trainable = true,
        int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (!dims.Order().SequenceEqual(Enumerable.Range(1, dims.Length)))
            throw new ArgumentException(
                $"Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be consecutive and start from 1. Received dims=({string.Join(", ", dims)})",
                nameof(dims));
        this.dims = (int[])dims.Clone();
    }

    /// <summary>The 1-based permutation of the non-batch dimensions.</summary>
    public int[] dims { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        CheckRank(inputs.dim());
        return inputs.permute(new long[] { 0 }.Concat(dims.Select(d => (long)d)).ToArray());
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        CheckRank(input_shape.Length);
        return new[] { input_shape[0] }.Concat(dims.Select(d => input_shape[d])).ToArray();
    }

    void CheckRank(long rank)
    {
        if (rank != dims.Length + 1)
            throw new ArgumentException($"Input of layer '{name}' (Permute with dims ({string.Join(", ", dims)})) must have rank {dims.Length + 1}; received rank {rank}.");
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["dims"] = dims.Select(d => (object?)(long)d).ToList();
        return c;
    }
}
