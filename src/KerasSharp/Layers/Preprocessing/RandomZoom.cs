using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Zooms each image of a batch about its centre by a random factor in training (Keras: <c>keras.layers.RandomZoom</c>,
/// keras/src/layers/preprocessing/image_preprocessing/random_zoom.py): <c>height_factor</c> (and
/// <c>width_factor</c>, else the same zoom on both axes) is a number f for [-f, f] or a pair, each in [-1, 1]; the
/// output samples the input on a grid scaled by <c>1 + u</c>, u drawn in that range, so a positive value zooms out and
/// a negative one zooms in.
/// </summary>
public sealed class RandomZoom : RandomAffineLayer
{
    const string FactorError = "The `height_factor` and `width_factor` arguments should be a number (or a list of two numbers) in the range [-1.0, 1.0]. ";
    readonly (double lower, double upper) _height;
    readonly (double lower, double upper)? _width;

    /// <summary>Keras's arguments and defaults.</summary>
    public RandomZoom(FloatRange height_factor, FloatRange? width_factor = null, string fill_mode = "reflect", string interpolation = "bilinear",
        int? seed = null, double fill_value = 0.0, string? data_format = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(fill_mode, interpolation, seed, fill_value, data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
        _height = SignedFactor(height_factor, nameof(height_factor), FactorError);
        if (width_factor is { } w) _width = SignedFactor(w, nameof(width_factor), FactorError);
        this.height_factor = height_factor;
        this.width_factor = width_factor;
    }

    /// <summary>The height zoom range as given.</summary>
    public FloatRange height_factor { get; }
    /// <summary>The width zoom range as given, or null for the height's zoom.</summary>
    public FloatRange? width_factor { get; }

    internal override Tensor DrawTransform(Tensor native)
    {
        long n = native.shape[0];
        var heightZoom = Uniform(seeds, new[] { n, 1L }, 1.0 + _height.lower, 1.0 + _height.upper, native.device);
        var widthZoom = _width is { } w ? Uniform(seeds, new[] { n, 1L }, 1.0 + w.lower, 1.0 + w.upper, native.device) : heightZoom;
        var xOffset = (((float)native.shape[3] - 1.0f) / 2.0f) * (1.0 - widthZoom);
        var yOffset = (((float)native.shape[2] - 1.0f) / 2.0f) * (1.0 - heightZoom);
        var zero = zeros_like(widthZoom);
        return cat(new[] { widthZoom, zero, xOffset, zero, heightZoom, yOffset, zero, zero }, 1);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["height_factor"] = height_factor.ToJson();
        c["width_factor"] = width_factor?.ToJson();
        c["fill_mode"] = fill_mode;
        c["interpolation"] = interpolation;
        c["seed"] = seed;
        c["fill_value"] = fill_value;
        c["data_format"] = data_format;
        return c;
    }
}
