using System.Linq;

namespace KerasSharp.Layers;

/// <summary>
/// Adds zeros before and after the three spatial axes of volumes (Keras: <c>keras.layers.ZeroPadding3D</c>, keras/src/layers/reshaping/zero_padding3d.py):
/// <c>padding</c> is an int, a tuple of three ints (symmetric per axis) or three (before, after) pairs.
/// </summary>
public sealed class ZeroPadding3D : BaseZeroPadding
{
    /// <summary>Keras's arguments and defaults (<c>padding=((1, 1), (1, 1), (1, 1))</c>).</summary>
    public ZeroPadding3D(IntPairs? padding = null, string? data_format = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(3, (padding ?? 1).Expand(3, "padding"), data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }

    /// <summary>The zeros added (before, after) each spatial axis, as Keras stores them.</summary>
    public int[][] padding => pairs.Select(p => new[] { p.before, p.after }).ToArray();
}
