using System;
using System.Collections.Generic;
using KerasSharp.Backend;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Scales each image's deviation from its per-channel mean by a random factor in training (Keras:
/// <c>keras.layers.RandomContrast</c>, keras/src/layers/preprocessing/image_preprocessing/random_contrast.py):
/// <c>(x - mean) · c + mean</c>, clipped to <c>value_range</c>, with c drawn per image in
/// <c>[1 - low, 1 + high]</c> where (low, high) is <c>factor</c> after Keras's validation in [0, 1]: a number f
/// becomes (0, f), so Keras 3.11.3 only raises contrast for a single number; a pair (a, b) gives [1 - a, 1 + b].
/// In <c>predict</c>/<c>evaluate</c> the images pass unchanged.
/// </summary>
public sealed class RandomContrast : BaseImagePreprocessingLayer
{
    readonly SeedGenerator _seeds;
    readonly FloatRange _factor;

    /// <summary>Keras's arguments and defaults (<paramref name="value_range"/> defaults to (0, 255)).</summary>
    public RandomContrast(FloatRange factor, FloatRange? value_range = null, int? seed = null, string? data_format = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
        _factor = SetFactor(factor, 0, 1);
        var range = value_range ?? (0, 255);
        if (range.values.Count != 2 || !double.IsFinite(range.values[0]) || !double.IsFinite(range.values[1]) || range.values[0] >= range.values[1])
            throw new ArgumentException($"The `value_range` argument should be a list of two numbers (low, high) with low < high. Received: value_range={range}", nameof(value_range));
        this.value_range = range;
        this.seed = seed;
        _seeds = new SeedGenerator(seed);
    }

    /// <summary>The (low, high) contrast range after Keras's validation: factors are drawn in [1 - low, 1 + high].</summary>
    public FloatRange factor => _factor;
    /// <summary>The (low, high) range outputs are clipped to.</summary>
    public FloatRange value_range { get; }
    /// <summary>The seed of the draws, or null for TorchSharp's global generator.</summary>
    public int? seed { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        if (!training) return Passthrough(inputs);
        using var scope = NewDisposeScope();
        var x = ToNative(inputs, out var unbatched);
        var c = Uniform(_seeds, new[] { x.shape[0], 1, 1, 1 }, 1.0 - _factor.values[0], 1.0 + _factor.values[1], x.device);
        var mean = x.mean(new long[] { 2 }, keepdim: true).mean(new long[] { 3 }, keepdim: true);
        var y = (x - mean).mul_(c).add_(mean).clamp_(value_range.values[0], value_range.values[1]);
        return FromNative(y, unbatched).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["factor"] = _factor.ToJson();
        c["value_range"] = value_range.ToJson();
        c["seed"] = seed;
        // Keras's get_config omits data_format (its constructor takes it through **kwargs); written only when it is
        // not the default, so a channels_first layer survives a round trip and Keras still reads the file.
        if (data_format != "channels_last") c["data_format"] = data_format;
        return c;
    }
}
