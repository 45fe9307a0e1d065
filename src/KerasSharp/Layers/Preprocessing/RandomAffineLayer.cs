using System.Collections.Generic;
using KerasSharp.Backend;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The augmentation layers that resample images through an affine map in training (RandomRotation, RandomZoom,
/// RandomTranslation; Keras: their <c>transform_images</c> calling the torch backend's <c>image.affine_transform</c>):
/// <c>fill_mode</c> "reflect" (default), "wrap", "constant" (<c>fill_value</c>) or "nearest", <c>interpolation</c>
/// "bilinear" (default) or "nearest". In <c>predict</c>/<c>evaluate</c> the images pass unchanged.
/// </summary>
public abstract class RandomAffineLayer : BaseImagePreprocessingLayer
{
    private protected RandomAffineLayer(string fill_mode, string interpolation, int? seed, double fill_value, string? data_format,
        string? name, string? dtype, bool trainable, int[]? input_shape, int? input_dim, int? batch_size)
        : base(data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
        this.fill_mode = OneOf(fill_mode, ImageOps.FillModes, nameof(fill_mode));
        this.interpolation = OneOf(interpolation, ImageOps.AffineInterpolations, nameof(interpolation));
        this.fill_value = Finite(fill_value, nameof(fill_value));
        this.seed = seed;
        seeds = new SeedGenerator(seed);
    }

    /// <summary>"reflect", "wrap", "constant" or "nearest": how points outside the image are filled.</summary>
    public string fill_mode { get; }
    /// <summary>"bilinear" or "nearest".</summary>
    public string interpolation { get; }
    /// <summary>The value outside the image when <see cref="fill_mode"/> is "constant".</summary>
    public double fill_value { get; }
    /// <summary>The seed of the draws, or null for TorchSharp's global generator.</summary>
    public int? seed { get; }

    private protected SeedGenerator seeds { get; }

    /// <summary>The (N, 8) transforms of Keras's affine_transform for a native (N, C, H, W) batch, drawn now.</summary>
    internal abstract Tensor DrawTransform(Tensor native);

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        if (!training) return Passthrough(inputs);
        using var scope = NewDisposeScope();
        var x = ToNative(inputs, out var unbatched);
        var y = ImageOps.AffineTransform(x, DrawTransform(x), interpolation, fill_mode, fill_value);
        return FromNative(y, unbatched).MoveToOuterDisposeScope();
    }
}
