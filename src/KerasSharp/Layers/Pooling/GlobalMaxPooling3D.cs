namespace KerasSharp.Layers;

/// <summary>
/// The maximum over all positions of volumes (batch, depth, height, width, channels) (Keras: <c>keras.layers.GlobalMaxPooling3D</c>, alias
/// <c>GlobalMaxPool3D</c>). See <see cref="BaseGlobalPooling"/>.
/// </summary>
public sealed class GlobalMaxPooling3D : BaseGlobalPooling
{
    /// <summary>Keras's arguments and defaults.</summary>
    public GlobalMaxPooling3D(string? data_format = null, bool keepdims = false,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(3, true, data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }
}
