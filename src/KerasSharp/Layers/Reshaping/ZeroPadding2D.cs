using System.Linq;

namespace KerasSharp.Layers;

/// <summary>
/// Adds rows and columns of zeros at the top, bottom, left and right of images (Keras: <c>keras.layers.ZeroPadding2D</c>, keras/src/layers/reshaping/zero_padding2d.py):
/// <c>padding</c> is an int, <c>(symmetric_height, symmetric_width)</c> or <c>((top, bottom), (left, right))</c>.
/// </summary>
public sealed class ZeroPadding2D : BaseZeroPadding
{
    /// <summary>Keras's arguments and defaults (<c>padding=(1, 1)</c>).</summary>
    public ZeroPadding2D(IntPairs? padding = null, string? data_format = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(2, (padding ?? 1).Expand(2, "padding"), data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }

    /// <summary>The zeros added (before, after) each spatial axis, as Keras stores them.</summary>
    public int[][] padding => pairs.Select(p => new[] { p.before, p.after }).ToArray();
}
