namespace KerasSharp.Layers;

/// <summary>
/// The maximum over windows of sequences (batch, steps, channels) (Keras: <c>keras.layers.MaxPooling1D</c>, alias
/// <c>MaxPool1D</c>). See <see cref="BasePooling"/>.
/// </summary>
public sealed class MaxPooling1D : BasePooling
{
    /// <summary>Keras's arguments and defaults (<paramref name="strides"/> default to <paramref name="pool_size"/>).</summary>
    public MaxPooling1D(IntTuple? pool_size = null, IntTuple? strides = null, string padding = "valid", string? data_format = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(1, true, pool_size ?? 2, strides, padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }
}
