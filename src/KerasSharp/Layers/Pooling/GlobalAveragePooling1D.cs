namespace KerasSharp.Layers;

/// <summary>
/// The average over all positions of sequences (batch, steps, channels) (Keras: <c>keras.layers.GlobalAveragePooling1D</c>, alias
/// <c>GlobalAvgPool1D</c>). See <see cref="BaseGlobalPooling"/>.
/// </summary>
public sealed class GlobalAveragePooling1D : BaseGlobalPooling
{
    /// <summary>Keras's arguments and defaults.</summary>
    public GlobalAveragePooling1D(string? data_format = null, bool keepdims = false, string? name = null)
        : base(1, false, data_format, keepdims, name)
    {
    }
}
