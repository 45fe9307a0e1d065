using System;
using System.Collections.Generic;
using KerasSharp.Backend;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Crops a random <c>(height, width)</c> window in training, the same window for the whole batch (Keras:
/// <c>keras.layers.RandomCrop</c>, keras/src/layers/preprocessing/image_preprocessing/random_crop.py): the top and left
/// offsets are drawn uniformly among the possible positions when the images are larger than the target on both axes;
/// otherwise the window starts at the corner of the largest centred box of the target's aspect ratio and is resized
/// bilinearly to the target. In <c>predict</c>/<c>evaluate</c> the images pass unchanged: Keras 3.11.3's
/// <c>transform_images</c> crops only when training (its docstring's inference-time centre crop is not what it does).
/// </summary>
/// <remarks>
/// Without a seed, Keras writes a random seed into the config (<c>make_default_seed</c>) while drawing unseeded; so
/// does KerasSharp. The offsets are drawn on the CPU, so a GPU batch is not synchronised to read them.
/// </remarks>
public sealed class RandomCrop : BaseImagePreprocessingLayer
{
    readonly SeedGenerator _seeds;

    /// <summary>Keras's arguments and defaults.</summary>
    public RandomCrop(int height, int width, int? seed = null, string? data_format = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
        this.height = Positive(height, nameof(height));
        this.width = Positive(width, nameof(width));
        this.seed = seed ?? Random.Shared.Next(1, 1_000_000_001);
        _seeds = new SeedGenerator(seed);
    }

    /// <summary>The output height.</summary>
    public int height { get; }
    /// <summary>The output width.</summary>
    public int width { get; }
    /// <summary>The seed written to the config (random when none was given, as Keras does).</summary>
    public int seed { get; }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape) => WithSize(input_shape, height, width);

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        if (!training) return Passthrough(inputs);
        using var scope = NewDisposeScope();
        var x = ToNative(inputs, out var unbatched);
        long h = x.shape[2], w = x.shape[3];
        long top, left;
        if (h > height && w > width)
        {
            top = (long)Uniform(_seeds, new[] { 1L }, 0, h - height + 1, CPU).item<float>();
            left = (long)Uniform(_seeds, new[] { 1L }, 0, w - width + 1, CPU).item<float>();
        }
        else
        {
            var box = ImageOps.AspectCropBox(h, w, height, width);
            (top, left) = (box.top, box.left);
        }
        var y = x.narrow(2, top, Math.Min(height, h - top)).narrow(3, left, Math.Min(width, w - left));
        if (y.shape[2] != height || y.shape[3] != width) y = ImageOps.Resize(y, height, width);
        return FromNative(y, unbatched).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["height"] = height;
        c["width"] = width;
        c["seed"] = seed;
        c["data_format"] = data_format;
        return c;
    }
}
