using System;
using System.Collections.Generic;
using KerasSharp.Backend;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Adds zero-centred Gaussian noise of standard deviation <c>stddev</c> in training (Keras:
/// <c>keras.layers.GaussianNoise</c>, keras/src/layers/regularization/gaussian_noise.py); the identity otherwise.
/// </summary>
public sealed class GaussianNoise : Layer
{
    /// <summary>True: the input's mask passes through to the next layer (Keras: <c>supports_masking = True</c>).</summary>
    public override bool supports_masking => true;

    readonly SeedGenerator _seedGenerator;

    /// <summary><paramref name="stddev"/> in [0, 1] (as Keras checks); <paramref name="seed"/> makes the noise reproducible.</summary>
    public GaussianNoise(double stddev, int? seed = null, string? name = null, string? dtype = null, bool trainable = true,
        int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        if (!(stddev >= 0 && stddev <= 1))
            throw new ArgumentException($"Invalid value received for argument `stddev`. Expected a float value between 0 and 1. Received: stddev={stddev}", nameof(stddev));
        this.stddev = stddev;
        this.seed = seed;
        _seedGenerator = new SeedGenerator(seed);
    }

    /// <summary>The noise's standard deviation.</summary>
    public double stddev { get; }
    /// <summary>The seed of the noise, or null for the global generator.</summary>
    public int? seed { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        if (!training || stddev == 0) return inputs;
        using var generator = _seedGenerator.next(inputs.device);
        using var noise = empty_like(inputs).normal_(0.0, stddev, generator);
        return inputs.add(noise);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["stddev"] = stddev;
        c["seed"] = seed;
        return c;
    }
}
