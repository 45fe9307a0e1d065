using System.Linq;

namespace KerasSharp.Layers;

/// <summary>
/// Removes slices before and after the three spatial axes of volumes (Keras: <c>keras.layers.Cropping3D</c>, keras/src/layers/reshaping/cropping3d.py):
/// <c>cropping</c> is an int, a tuple of three ints (symmetric per axis) or three (before, after) pairs.
/// </summary>
public sealed class Cropping3D : BaseCropping
{
    /// <summary>Keras's arguments and defaults (<c>cropping=((1, 1), (1, 1), (1, 1))</c>).</summary>
    public Cropping3D(IntPairs? cropping = null, string? data_format = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(3, (cropping ?? 1).Expand(3, "cropping"), data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }

    /// <summary>The slices removed (before, after) each spatial axis, as Keras stores them.</summary>
    public int[][] cropping => pairs.Select(p => new[] { p.before, p.after }).ToArray();
}
