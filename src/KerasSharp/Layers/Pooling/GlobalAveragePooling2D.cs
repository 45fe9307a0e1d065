namespace KerasSharp.Layers;

/// <summary>
/// The average over all positions of images (batch, height, width, channels) (Keras: <c>keras.layers.GlobalAveragePooling2D</c>, alias
/// <c>GlobalAvgPool2D</c>). See <see cref="BaseGlobalPooling"/>.
/// </summary>
public sealed class GlobalAveragePooling2D : BaseGlobalPooling
{
    /// <summary>Keras's arguments and defaults.</summary>
    public GlobalAveragePooling2D(string? data_format = null, bool keepdims = false,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(2, false, data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }
}
