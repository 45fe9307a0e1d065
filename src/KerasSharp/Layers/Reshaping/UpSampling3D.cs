namespace KerasSharp.Layers;

/// <summary>Repeats the three spatial axes of volumes (Keras: <c>keras.layers.UpSampling3D</c>).</summary>
public sealed class UpSampling3D : BaseUpSampling
{
    /// <summary>Keras's arguments and defaults.</summary>
    public UpSampling3D(IntTuple? size = null, string? data_format = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(3, size ?? 2, data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }
}
