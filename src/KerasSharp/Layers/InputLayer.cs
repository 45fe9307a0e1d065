using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Declares the shape of a model's input (Keras: <c>keras.layers.InputLayer</c> / <c>keras.Input</c>). A Sequential
/// that starts with one is built at once; <c>model.layers</c> and <c>summary()</c> leave it out, as in Keras.
/// </summary>
public sealed class InputLayer : Layer
{
    /// <summary>
    /// <paramref name="shape"/> excludes the batch dimension, e.g. <c>[4]</c>; <paramref name="input_shape"/> is Keras's
    /// deprecated alias for it; <paramref name="batch_shape"/> includes the batch dimension (null entries = any).
    /// </summary>
    public InputLayer(int[]? shape = null, int? batch_size = null, string? name = null, int[]? input_shape = null, int?[]? batch_shape = null)
        : base(name)
    {
        if (shape is not null && input_shape is not null)
            throw new ArgumentException("You cannot pass both `shape` and `input_shape` (its deprecated alias) at the same time.", nameof(input_shape));
        shape ??= input_shape;
        if (shape is not null && batch_shape is not null)
            throw new ArgumentException("You cannot pass both `shape` and `batch_shape` at the same time.", nameof(batch_shape));
        if (batch_size is not null && batch_shape is not null)
            throw new ArgumentException("You cannot pass both `batch_size` and `batch_shape` at the same time.", nameof(batch_size));
        if (shape is null && batch_shape is null)
            throw new ArgumentException("You must pass a `shape` argument.", nameof(shape));
        if (batch_size is <= 0)
            throw new ArgumentException($"Received an invalid value for `batch_size`: expected a positive integer. Received: batch_size={batch_size}", nameof(batch_size));
        long?[] full = batch_shape is not null
            ? batch_shape.Select(d => (long?)d).ToArray()
            : new long?[] { batch_size }.Concat(shape!.Select(d => (long?)d)).ToArray();
        foreach (var d in full.Skip(1))
            if (d is <= 0)
                throw new ArgumentException(
                    $"Received an invalid input shape ({string.Join(", ", full.Skip(1).Select(x => x?.ToString() ?? "None"))}): every dimension must be a positive integer or None.",
                    nameof(shape));
        this.batch_shape = full;
        mark_built(full);
    }

    /// <summary>The full input shape, batch dimension first (null = any).</summary>
    public long?[] batch_shape { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training) => inputs;

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new()
    {
        ["batch_shape"] = batch_shape.Cast<object?>().ToList(),
        ["dtype"] = "float32",
        ["sparse"] = false,
        ["ragged"] = false,
        ["name"] = name,
        ["optional"] = false,
    };
}
