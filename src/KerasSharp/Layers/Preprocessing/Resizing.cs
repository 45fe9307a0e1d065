using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Resizes images to <c>(height, width)</c> (Keras: <c>keras.layers.Resizing</c>,
/// keras/src/layers/preprocessing/image_preprocessing/resizing.py, with the torch backend's <c>image.resize</c>):
/// "bilinear" and "bicubic" (half-pixel centres, as <c>interpolate(align_corners=False)</c>) or "nearest"
/// (torch's "nearest-exact"); <c>crop_to_aspect_ratio</c> first takes the largest centred window of the target's aspect
/// ratio, <c>pad_to_aspect_ratio</c> pads the short side with <c>fill_value</c> instead (Keras 3.11.3's torch backend
/// fills the left band of a width padding with ones). Integer images come back rounded in their dtype.
/// </summary>
public sealed class Resizing : BaseImagePreprocessingLayer
{
    /// <summary>Keras's arguments and defaults.</summary>
    public Resizing(int height, int width, string interpolation = "bilinear", bool crop_to_aspect_ratio = false,
        bool pad_to_aspect_ratio = false, string fill_mode = "constant", double fill_value = 0.0, bool antialias = false,
        string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
        this.height = Positive(height, nameof(height));
        this.width = Positive(width, nameof(width));
        ArgumentNullException.ThrowIfNull(interpolation);
        if (interpolation is "lanczos3" or "lanczos5")
            throw new ArgumentException($"Resizing with Lanczos interpolation is not supported by the PyTorch backend. Received: interpolation={interpolation}.", nameof(interpolation));
        if (Array.IndexOf(ImageOps.ResizeInterpolations, interpolation) < 0)
            throw new ArgumentException($"Invalid value for argument `interpolation`. Expected of one {{'bilinear', 'nearest', 'bicubic'}}. Received: interpolation={interpolation}", nameof(interpolation));
        if (fill_mode != "constant")
            throw new ArgumentException($"Invalid value for argument `fill_mode`. Only `'constant'` is supported. Received: fill_mode={fill_mode}", nameof(fill_mode));
        if (pad_to_aspect_ratio && crop_to_aspect_ratio)
            throw new ArgumentException("Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be `True`.", nameof(pad_to_aspect_ratio));
        this.interpolation = interpolation;
        this.crop_to_aspect_ratio = crop_to_aspect_ratio;
        this.pad_to_aspect_ratio = pad_to_aspect_ratio;
        this.fill_mode = fill_mode;
        this.fill_value = Finite(fill_value, nameof(fill_value));
        this.antialias = antialias;
    }

    /// <summary>The output height.</summary>
    public int height { get; }
    /// <summary>The output width.</summary>
    public int width { get; }
    /// <summary>"bilinear", "nearest" or "bicubic".</summary>
    public string interpolation { get; }
    /// <summary>Crops to the target's aspect ratio before resizing.</summary>
    public bool crop_to_aspect_ratio { get; }
    /// <summary>Pads to the target's aspect ratio before resizing.</summary>
    public bool pad_to_aspect_ratio { get; }
    /// <summary>"constant", the only fill of <see cref="pad_to_aspect_ratio"/>.</summary>
    public string fill_mode { get; }
    /// <summary>The padding value of <see cref="pad_to_aspect_ratio"/>.</summary>
    public double fill_value { get; }
    /// <summary>Antialiasing when downsampling (bilinear and bicubic).</summary>
    public bool antialias { get; }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape) => WithSize(input_shape, height, width);

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        using var scope = NewDisposeScope();
        var x = ToNative(inputs, out var unbatched);
        var y = ImageOps.Resize(x, height, width, interpolation, antialias, crop_to_aspect_ratio, pad_to_aspect_ratio, fill_value);
        if (!inputs.is_floating_point()) y = Saturate(y.round(), inputs.dtype);
        return FromNative(y, unbatched).MoveToOuterDisposeScope();
    }

    /// <summary>Keras's <c>_saturate_cast</c>: clamps to the integer dtype's range, then converts.</summary>
    static Tensor Saturate(Tensor x, ScalarType dtype)
    {
        var (lo, hi) = dtype switch
        {
            ScalarType.Byte => (0.0, 255.0),
            ScalarType.Int8 => (-128.0, 127.0),
            ScalarType.Int16 => (short.MinValue, (double)short.MaxValue),
            ScalarType.Int32 => (int.MinValue, (double)int.MaxValue),
            ScalarType.Bool => (0.0, 1.0),
            _ => (double.NegativeInfinity, double.PositiveInfinity),
        };
        return x.clamp(lo, hi).to_type(dtype);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["height"] = height;
        c["width"] = width;
        c["interpolation"] = interpolation;
        c["crop_to_aspect_ratio"] = crop_to_aspect_ratio;
        c["pad_to_aspect_ratio"] = pad_to_aspect_ratio;
        c["fill_mode"] = fill_mode;
        c["fill_value"] = fill_value;
        c["antialias"] = antialias;
        c["data_format"] = data_format;
        return c;
    }
}
