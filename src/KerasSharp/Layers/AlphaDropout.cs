using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Backend;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Dropout that keeps the mean and variance of SELU activations (Keras: <c>keras.layers.AlphaDropout</c>,
/// keras/src/layers/regularization/alpha_dropout.py): in training, units whose uniform draw is below <c>rate</c> are set
/// to SELU's saturation value α' = -1.6732632423543772 · 1.0507009873554805, then the output is <c>a·x + b</c> with
/// <c>a = ((1 - rate)(1 + rate·α'²))^-1/2</c> and <c>b = -a·α'·rate</c>; the identity otherwise.
/// </summary>
public sealed class AlphaDropout : Layer
{
    /// <summary>True: the input's mask passes through to the next layer (Keras: <c>supports_masking = True</c>).</summary>
    public override bool supports_masking => true;

    const double Alpha = 1.6732632423543772848170429916717;
    const double Scale = 1.0507009873554804934193349852946;
    readonly SeedGenerator _seedGenerator;

    /// <summary><paramref name="rate"/> in [0, 1); <paramref name="noise_shape"/> as Dropout's; <paramref name="seed"/> makes the masks reproducible.</summary>
    public AlphaDropout(double rate, int?[]? noise_shape = null, int? seed = null, string? name = null, string? dtype = null, bool trainable = true,
        int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        this.rate = Dropout.CheckRate(rate);
        this.noise_shape = Dropout.CheckNoiseShape(noise_shape);
        this.seed = seed;
        _seedGenerator = new SeedGenerator(seed);
    }

    /// <summary>The fraction of units dropped in training.</summary>
    public double rate { get; }
    /// <summary>The mask's shape (null entries take the input's size), or null for the input's shape.</summary>
    public int?[]? noise_shape { get; }
    /// <summary>The seed of the masks, or null for the global generator.</summary>
    public int? seed { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        if (!training || rate == 0) return inputs;
        var shape = noise_shape is null ? inputs.shape : Dropout.ConcreteNoiseShape(this, noise_shape, inputs);
        using var scope = NewDisposeScope();
        using var generator = _seedGenerator.next(inputs.device);
        var kept = empty(shape, dtype: inputs.dtype, device: inputs.device).uniform_(0.0, 1.0, generator).ge(rate).to_type(inputs.dtype);
        const double alphaP = -Alpha * Scale;
        var a = Math.Pow((1 - rate) * (1 + rate * alphaP * alphaP), -0.5);
        var b = -a * alphaP * rate;
        var x = inputs.mul(kept).add(kept.neg().add(1).mul(alphaP));
        return x.mul(a).add(b).MoveToOuterDisposeScope();
    }

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
