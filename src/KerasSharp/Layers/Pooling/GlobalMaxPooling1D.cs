namespace KerasSharp.Layers;

/// <summary>
/// The maximum over all positions of sequences (batch, steps, channels) (Keras: <c>keras.layers.GlobalMaxPooling1D</c>, alias
/// <c>GlobalMaxPool1D</c>). See <see cref="BaseGlobalPooling"/>.
/// </summary>
public sealed class GlobalMaxPooling1D : BaseGlobalPooling
{
    /// <summary>Keras's arguments and defaults.</summary>
    public GlobalMaxPooling1D(string? data_format = null, bool keepdims = false,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(1, true, data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }
}
