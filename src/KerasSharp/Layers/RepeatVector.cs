using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Repeats each sample <c>n</c> times (Keras: <c>keras.layers.RepeatVector</c>, keras/src/layers/reshaping/repeat_vector.py):
/// (batch, features) becomes (batch, n, features).
/// </summary>
public sealed class RepeatVector : Layer
{
    /// <summary><paramref name="n"/>: the repetition factor.</summary>
    public RepeatVector(int n, string? name = null, string? dtype = null, bool trainable = true,
        int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        if (n < 0) throw new ArgumentException($"Expected a non-negative integer for `n`. Received: n={n}", nameof(n));
        this.n = n;
    }

    /// <summary>The repetition factor.</summary>
    public int n { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        CheckRank(inputs.dim());
        return inputs.unsqueeze(1).expand(inputs.shape[0], n, inputs.shape[1]).contiguous();
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        CheckRank(input_shape.Length);
        return new[] { input_shape[0], n, input_shape[1] };
    }

    void CheckRank(long rank)
    {
        if (rank != 2)
            throw new ArgumentException($"Input of layer '{name}' (RepeatVector) must have rank 2 (batch, features); received rank {rank}.");
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["n"] = n;
        return c;
    }
}
