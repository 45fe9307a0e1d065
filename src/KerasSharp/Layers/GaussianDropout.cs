using System;
using System.Collections.Generic;
using KerasSharp.Backend;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Multiplies by 1-centred Gaussian noise of standard deviation <c>sqrt(rate / (1 - rate))</c> in training (Keras:
/// <c>keras.layers.GaussianDropout</c>, keras/src/layers/regularization/gaussian_dropout.py); the identity otherwise.
/// </summary>
public sealed class GaussianDropout : Layer
{
    /// <summary>True: the input's mask passes through to the next layer (Keras: <c>supports_masking = True</c>).</summary>
    public override bool supports_masking => true;

    readonly SeedGenerator _seedGenerator;

    /// <summary><paramref name="rate"/> in [0, 1) (the drop probability of the equivalent Dropout); <paramref name="seed"/> makes the noise reproducible.</summary>
    public GaussianDropout(double rate, int? seed = null, string? name = null, string? dtype = null, bool trainable = true,
        int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        this.rate = Dropout.CheckRate(rate);
        this.seed = seed;
        _seedGenerator = new SeedGenerator(seed);
    }

    /// <summary>The drop probability.</summary>
    public double rate { get; }
    /// <summary>The seed of the noise, or null for the global generator.</summary>
    public int? seed { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        if (!training || rate == 0) return inputs;
        using var generator = _seedGenerator.next(inputs.device);
        using var noise = empty_like(inputs).normal_(1.0, Math.Sqrt(rate / (1.0 - rate)), generator);
        return inputs.mul(noise);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["rate"] = rate;
        c["seed"] = seed;
        return c;
    }
}
