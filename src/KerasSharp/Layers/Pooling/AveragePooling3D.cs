namespace KerasSharp.Layers;

/// <summary>
/// The average over windows of volumes (batch, depth, height, width, channels) (Keras: <c>keras.layers.AveragePooling3D</c>, alias
/// <c>AvgPool3D</c>). See <see cref="BasePooling"/>.
/// </summary>
public sealed class AveragePooling3D : BasePooling
{
    /// <summary>Keras's arguments and defaults (<paramref name="strides"/> default to <paramref name="pool_size"/>).</summary>
    public AveragePooling3D(IntTuple? pool_size = null, IntTuple? strides = null, string padding = "valid", string? data_format = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(3, false, pool_size ?? 2, strides, padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }
}
