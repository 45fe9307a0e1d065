namespace KerasSharp.Layers;

/// <summary>
/// The average over all positions of sequences (batch, steps, channels) (Keras: <c>keras.layers.GlobalAveragePooling1D</c>, alias
/// <c>GlobalAvgPool1D</c>). See <see cref="BaseGlobalPooling"/>.
/// </summary>
public sealed class GlobalAveragePooling1D : BaseGlobalPooling
{
    /// <summary>Keras's arguments and defaults.</summary>
    public GlobalAveragePooling1D(string? data_format = null, bool keepdims = false,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(1, false, data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }
}
