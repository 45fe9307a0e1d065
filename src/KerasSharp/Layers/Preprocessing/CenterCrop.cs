using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Crops the central <c>(height, width)</c> window of images (Keras: <c>keras.layers.CenterCrop</c>,
/// keras/src/layers/preprocessing/image_preprocessing/center_crop.py): the window starts at
/// <c>int((size - target) / 2)</c>; an image smaller than the target on either axis is instead cropped to the
/// target's aspect ratio and resized bilinearly (Keras's <c>smart_resize</c>).
/// </summary>
public sealed class CenterCrop : BaseImagePreprocessingLayer
{
    /// <summary>Keras's arguments and defaults.</summary>
    public CenterCrop(int height, int width, string? data_format = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
        this.height = Positive(height, nameof(height));
        this.width = Positive(width, nameof(width));
    }

    /// <summary>The output height.</summary>
    public int height { get; }
    /// <summary>The output width.</summary>
    public int width { get; }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape) => WithSize(input_shape, height, width);

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        using var scope = NewDisposeScope();
        var x = ToNative(inputs, out var unbatched);
        long hDiff = x.shape[2] - height, wDiff = x.shape[3] - width;
        var y = hDiff >= 0 && wDiff >= 0
            ? x.narrow(2, hDiff / 2, height).narrow(3, wDiff / 2, width)
            : ImageOps.Resize(x, height, width, crop_to_aspect_ratio: true);
        return FromNative(y, unbatched).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["height"] = height;
        c["width"] = width;
        c["data_format"] = data_format;
        return c;
    }
}
