using System.Linq;

namespace KerasSharp.Layers;

/// <summary>
/// Removes rows and columns at the top, bottom, left and right of images (Keras: <c>keras.layers.Cropping2D</c>, keras/src/layers/reshaping/cropping2d.py):
/// <c>cropping</c> is an int, <c>(symmetric_height, symmetric_width)</c> or <c>((top, bottom), (left, right))</c>.
/// </summary>
public sealed class Cropping2D : BaseCropping
{
    /// <summary>Keras's arguments and defaults (<c>cropping=((0, 0), (0, 0))</c>).</summary>
    public Cropping2D(IntPairs? cropping = null, string? data_format = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(2, (cropping ?? 0).Expand(2, "cropping"), data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }

    /// <summary>The slices removed (before, after) each spatial axis, as Keras stores them.</summary>
    public int[][] cropping => pairs.Select(p => new[] { p.before, p.after }).ToArray();
}
