namespace KerasSharp.Layers;

/// <summary>
/// The average over all positions of volumes (batch, depth, height, width, channels) (Keras: <c>keras.layers.GlobalAveragePooling3D</c>, alias
/// <c>GlobalAvgPool3D</c>). See <see cref="BaseGlobalPooling"/>.
/// </summary>
public sealed class GlobalAveragePooling3D : BaseGlobalPooling
{
    /// <summary>Keras's arguments and defaults.</summary>
    public GlobalAveragePooling3D(string? data_format = null, bool keepdims = false,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(3, false, data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }
}
