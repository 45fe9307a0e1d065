namespace KerasSharp.Layers;

/// <summary>
/// The maximum over all positions of images (batch, height, width, channels) (Keras: <c>keras.layers.GlobalMaxPooling2D</c>, alias
/// <c>GlobalMaxPool2D</c>). See <see cref="BaseGlobalPooling"/>.
/// </summary>
public sealed class GlobalMaxPooling2D : BaseGlobalPooling
{
    /// <summary>Keras's arguments and defaults.</summary>
    public GlobalMaxPooling2D(string? data_format = null, bool keepdims = false, string? name = null)
        : base(2, true, data_format, keepdims, name)
    {
    }
}
