using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Shifts each image of a batch by a random offset in training (Keras: <c>keras.layers.RandomTranslation</c>,
/// keras/src/layers/preprocessing/image_preprocessing/random_translation.py): <c>height_factor</c> and
/// <c>width_factor</c> are fractions of the image's height and width, a number f for [-f, f] or a pair, each in
/// [-1, 1]; positive values shift the content down and right.
/// </summary>
public sealed class RandomTranslation : RandomAffineLayer
{
    const string FactorError = "The `factor` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. ";
    readonly (double lower, double upper) _height;
    readonly (double lower, double upper) _width;

    /// <summary>Keras's arguments and defaults.</summary>
    public RandomTranslation(FloatRange height_factor, FloatRange width_factor, string fill_mode = "reflect", string interpolation = "bilinear",
        int? seed = null, double fill_value = 0.0, string? data_format = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(fill_mode, interpolation, seed, fill_value, data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
        _height = SignedFactor(height_factor, nameof(height_factor), FactorError);
        _width = SignedFactor(width_factor, nameof(width_factor), FactorError);
        this.height_factor = height_factor;
        this.width_factor = width_factor;
    }

    /// <summary>The vertical shift range as given, in fractions of the height.</summary>
    public FloatRange height_factor { get; }
    /// <summary>The horizontal shift range as given, in fractions of the width.</summary>
    public FloatRange width_factor { get; }

    internal override Tensor DrawTransform(Tensor native)
    {
        long n = native.shape[0];
        var dy = Uniform(seeds, new[] { n, 1L }, _height.lower, _height.upper, native.device).mul_(native.shape[2]);
        var dx = Uniform(seeds, new[] { n, 1L }, _width.lower, _width.upper, native.device).mul_(native.shape[3]);
        var zero = zeros_like(dx);
        var one = ones_like(dx);
        return cat(new[] { one, zero, -dx, zero, one, -dy, zero, zero }, 1);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["height_factor"] = height_factor.ToJson();
        c["width_factor"] = width_factor.ToJson();
        c["fill_mode"] = fill_mode;
        c["interpolation"] = interpolation;
        c["seed"] = seed;
        c["fill_value"] = fill_value;
        c["data_format"] = data_format;
        return c;
    }
}
