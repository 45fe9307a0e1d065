using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Backend;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Inverted dropout (Keras: <c>keras.layers.Dropout</c>, keras/src/layers/regularization/dropout.py): in training each
/// input unit is set to 0 with probability <c>rate</c> and the others are scaled by <c>1 / (1 - rate)</c>; in
/// <c>predict</c>/<c>evaluate</c> the layer returns its input. With a <c>seed</c> the masks follow Keras's torch backend:
/// draw k uses a generator seeded with <c>seed + k</c> and a Bernoulli mask of shape <c>noise_shape</c> (None entries
/// take the input's size), broadcast over the input. Unseeded, masks come from TorchSharp's global generator.
/// </summary>
public class Dropout : Layer
{
    /// <summary>True: the input's mask passes through to the next layer (Keras: <c>supports_masking = True</c>).</summary>
    public override bool supports_masking => true;

    readonly SeedGenerator _seedGenerator;

    /// <summary>
    /// <paramref name="rate"/>: the fraction of units dropped, in [0, 1); <paramref name="noise_shape"/>: the mask's shape
    /// (null entries take the input's size), e.g. <c>[null, 1, null]</c> for the same mask over all timesteps;
    /// <paramref name="seed"/>: makes the sequence of masks reproducible.
    /// </summary>
    public Dropout(double rate, int?[]? noise_shape = null, int? seed = null, string? name = null, string? dtype = null, bool trainable = true,
        int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        this.rate = CheckRate(rate);
        this.noise_shape = CheckNoiseShape(noise_shape);
        this.seed = seed;
        _seedGenerator = new SeedGenerator(seed);
    }

    /// <summary>The fraction of units dropped in training.</summary>
    public double rate { get; }
    /// <summary>The mask's shape (null entries take the input's size), or null for the input's shape.</summary>
    public int?[]? noise_shape { get; }
    /// <summary>The seed of the masks, or null for the global generator.</summary>
    public int? seed { get; }

    /// <summary>Refuses a rate outside [0, 1) (Keras accepts 1, which would divide by zero).</summary>
    internal static double CheckRate(double rate, string name = "rate") =>
        rate >= 0 && rate < 1 ? rate
            : throw new ArgumentException($"Invalid value received for argument `{name}`. Expected a float value in [0, 1). Received: {name}={rate}", name);

    /// <summary>A copy of <paramref name="noise_shape"/> after checking its entries are positive or null.</summary>
    internal static int?[]? CheckNoiseShape(int?[]? noise_shape) =>
        noise_shape is null ? null
            : noise_shape.Any(d => d is <= 0)
                ? throw new ArgumentException($"Invalid `noise_shape` ({string.Join(", ", noise_shape.Select(d => d?.ToString() ?? "None"))}): every entry must be a positive integer or null.", nameof(noise_shape))
                : (int?[])noise_shape.Clone();

    /// <summary>Keras's <c>_get_concrete_noise_shape</c>: <paramref name="noise_shape"/> with null entries taken from the input.</summary>
    internal static long[] ConcreteNoiseShape(Layer layer, int?[] noise_shape, Tensor inputs)
    {
        if (noise_shape.Length != inputs.dim())
            throw new ArgumentException($"Layer '{layer.name}' ({layer.class_name}) has noise_shape of rank {noise_shape.Length}, but its input has shape ({string.Join(", ", inputs.shape)}).");
        return noise_shape.Select((d, i) => d is { } v ? (long)v : inputs.shape[i]).ToArray();
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        if (!training || rate == 0) return inputs;
        var shape = mask_shape(inputs);
        if (shape is null && seed is null)
            return nn.functional.dropout(inputs, rate, training: true); // Keras's fast unseeded path
        using var scope = NewDisposeScope();
        var keep = 1.0 - rate;
        using var generator = _seedGenerator.next(inputs.device);
        var mask = full(shape ?? inputs.shape, keep, dtype: ScalarType.Float32, device: inputs.device).bernoulli(generator).to_type(ScalarType.Bool);
        return where(mask.broadcast_to(inputs.shape), inputs.div(keep), zeros_like(inputs)).MoveToOuterDisposeScope();
    }

    /// <summary>The concrete mask shape for <paramref name="inputs"/>, or null for the input's own shape.</summary>
    internal virtual long[]? mask_shape(Tensor inputs) => noise_shape is null ? null : ConcreteNoiseShape(this, noise_shape, inputs);

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["rate"] = rate;
        c["seed"] = seed;
        c["noise_shape"] = noise_shape?.Select(d => (object?)d).ToList();
        return c;
    }
}
