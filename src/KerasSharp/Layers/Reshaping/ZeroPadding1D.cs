using System.Collections.Generic;

namespace KerasSharp.Layers;

/// <summary>
/// Adds zeros at the start and end of the steps axis (Keras: <c>keras.layers.ZeroPadding1D</c>,
/// keras/src/layers/reshaping/zero_padding1d.py): <c>padding</c> is an int (both ends) or <c>(left, right)</c>.
/// </summary>
public sealed class ZeroPadding1D : BaseZeroPadding
{
    /// <summary>Keras's arguments and defaults (<c>padding=1</c>).</summary>
    public ZeroPadding1D(IntTuple? padding = null, string? data_format = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(1, Pairs(padding ?? 1), data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }

    static (int, int)[] Pairs(IntTuple padding)
    {
        var p = padding.Expand(2, "padding", allowZero: true);
        return new[] { (p[0], p[1]) };
    }

    /// <summary>(left, right).</summary>
    public int[] padding => new[] { pairs[0].before, pairs[0].after };

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["padding"] = new List<object?> { pairs[0].before, pairs[0].after };
        return c;
    }
}
