namespace KerasSharp.Layers;

/// <summary>
/// The maximum over all positions of sequences (batch, steps, channels) (Keras: <c>keras.layers.GlobalMaxPooling1D</c>, alias
/// <c>GlobalMaxPool1D</c>). See <see cref="BaseGlobalPooling"/>.
/// </summary>
public sealed class GlobalMaxPooling1D : BaseGlobalPooling
{
    /// <summary>Keras's arguments and defaults.</summary>
    public GlobalMaxPooling1D(string? data_format = null, bool keepdims = false, string? name = null)
        : base(1, true, data_format, keepdims, name)
    {
    }
}
