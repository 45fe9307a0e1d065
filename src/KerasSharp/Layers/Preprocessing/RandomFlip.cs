using System;
using System.Collections.Generic;
using KerasSharp.Backend;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Flips each image of a batch with probability 0.5 in training (Keras: <c>keras.layers.RandomFlip</c>,
/// keras/src/layers/preprocessing/image_preprocessing/random_flip.py): <c>mode</c> "horizontal" (left-right),
/// "vertical" (up-down) or "horizontal_and_vertical" (both, with the same draw: a half-turn). One uniform draw per image,
/// flipped when <c>u ≤ 0.5</c>. In <c>predict</c>/<c>evaluate</c> the images pass unchanged.
/// </summary>
public sealed class RandomFlip : BaseImagePreprocessingLayer
{
    readonly SeedGenerator _seeds;

    /// <summary>Keras's arguments and defaults.</summary>
    public RandomFlip(string mode = "horizontal_and_vertical", int? seed = null, string? data_format = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
        ArgumentNullException.ThrowIfNull(mode);
        if (mode is not ("horizontal" or "vertical" or "horizontal_and_vertical"))
            throw new ArgumentException($"RandomFlip layer {name ?? "random_flip"} received an unknown mode argument {mode}; expected \"horizontal\", \"vertical\" or \"horizontal_and_vertical\".", nameof(mode));
        this.mode = mode;
        this.seed = seed;
        _seeds = new SeedGenerator(seed);
    }

    /// <summary>"horizontal", "vertical" or "horizontal_and_vertical".</summary>
    public string mode { get; }
    /// <summary>The seed of the draws, or null for TorchSharp's global generator.</summary>
    public int? seed { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        if (!training) return Passthrough(inputs);
        using var scope = NewDisposeScope();
        var x = ToNative(inputs, out var unbatched);
        var flips = Uniform(_seeds, new[] { x.shape[0], 1, 1, 1 }, 0.0, 1.0, x.device).le(0.5);
        var dims = mode switch
        {
            "horizontal" => new long[] { 3 },
            "vertical" => new long[] { 2 },
            _ => new long[] { 2, 3 },
        };
        var y = where(flips, x.flip(dims), x);
        return FromNative(y, unbatched).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["seed"] = seed;
        c["mode"] = mode;
        c["data_format"] = data_format;
        return c;
    }
}
