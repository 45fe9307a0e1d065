namespace KerasSharp.Layers;

/// <summary>
/// The average over all positions of volumes (batch, depth, height, width, channels) (Keras: <c>keras.layers.GlobalAveragePooling3D</c>, alias
/// <c>GlobalAvgPool3D</c>). See <see cref="BaseGlobalPooling"/>.
/// </summary>
public sealed class GlobalAveragePooling3D : BaseGlobalPooling
{
    /// <summary>Keras's arguments and defaults.</summary>
    public GlobalAveragePooling3D(string? data_format = null, bool keepdims = false, string? name = null)
        : base(3, false, data_format, keepdims, name)
    {
    }
}
