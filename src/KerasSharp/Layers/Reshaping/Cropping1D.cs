using System.Collections.Generic;

namespace KerasSharp.Layers;

/// <summary>
/// Removes steps at the start and end of (batch, steps, features) sequences (Keras: <c>keras.layers.Cropping1D</c>,
/// keras/src/layers/reshaping/cropping1d.py): <c>cropping</c> is an int (both ends) or <c>(start, end)</c>.
/// Channels-last only, as in Keras.
/// </summary>
public sealed class Cropping1D : BaseCropping
{
    /// <summary>Keras's arguments and defaults (<c>cropping=(1, 1)</c>).</summary>
    public Cropping1D(IntTuple? cropping = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(1, Pairs(cropping ?? 1), null, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }

    static (int, int)[] Pairs(IntTuple cropping)
    {
        var p = cropping.Expand(2, "cropping", allowZero: true);
        return new[] { (p[0], p[1]) };
    }

    /// <summary>(start, end).</summary>
    public int[] cropping => new[] { pairs[0].before, pairs[0].after };

    private protected override string CroppingText => $"({pairs[0].before}, {pairs[0].after})";

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c.Remove("data_format");
        c["cropping"] = new List<object?> { pairs[0].before, pairs[0].after };
        return c;
    }
}
