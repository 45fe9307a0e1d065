using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Scales each sample to unit L2 norm over <see cref="axis"/> (Keras: <c>keras.layers.UnitNormalization</c>,
/// keras/src/layers/normalization/unit_normalization.py, <c>ops.normalize(order=2, epsilon=1e-12)</c>):
/// <c>x * min(1 / sqrt(sum(x²)), 1e12)</c>, so an all-zero sample stays zero. No weights.
/// </summary>
public sealed class UnitNormalization : Layer
{
    readonly bool _axisIsList;

    /// <summary>Keras's arguments and defaults (axis -1); <paramref name="axis"/> is an int or several axes.</summary>
    public UnitNormalization(IntTuple? axis = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        this.axis = (axis ?? -1).values.ToArray();
        _axisIsList = this.axis.Length > 1;
    }

    /// <summary>The axes normalized together, as given.</summary>
    public int[] axis { get; }

    string AxisText => NormalizationAxes.Text(axis, _axisIsList);

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        NormalizationAxes.Resolve(this, axis, input_shape, AxisText);
        return input_shape;
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        var dims = NormalizationAxes.Resolve(this, axis, Layer.ShapeOf(inputs, batchUnknown: false), AxisText).Select(a => (long)a).ToArray();
        var x = inputs.is_floating_point() ? inputs : inputs.to_type(ScalarType.Float32);
        var inv = x.square().sum(dims, keepdim: true).rsqrt().clamp_max(1e12);
        return x * inv;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["axis"] = _axisIsList ? axis.Cast<object?>().ToList() : axis[0];
        return c;
    }
}
