using static TorchSharp.torch;

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

    /// <summary>True: a mask (batch, steps) makes the average over the unmasked steps only (Keras: <c>supports_masking = True</c>).</summary>
    public override bool supports_masking => true;

    /// <summary>Null: the steps are averaged away, so the mask ends here (Keras: <c>compute_mask</c> returns None).</summary>
    public override Tensor? compute_mask(Tensor inputs, Tensor? mask) => null;

    /// <summary>
    /// Keras's masked mean: <c>sum(inputs * mask, steps) / sum(mask, steps)</c>, the mask cast to the inputs' dtype
    /// (a sample with every step masked gives 0/0, as in Keras).
    /// </summary>
    public override Tensor call(Tensor inputs, Tensor? mask, bool training)
    {
        if (mask is null) return call(inputs, training);
        SpatialLayout.CheckRank(this, inputs, 1, data_format);
        bool last = data_format == "channels_last";
        long steps = inputs.shape[last ? 1 : 2];
        if (mask.dim() != 2 || mask.shape[0] != inputs.shape[0] || mask.shape[1] != steps)
            throw new System.ArgumentException(
                $"The mask given to layer '{name}' has shape {ShapeUtils.Format(mask)}; expected (batch, steps) = ({inputs.shape[0]}, {steps}), matching the inputs.",
                nameof(mask));
        using var scope = NewDisposeScope();
        var m = mask.to(inputs.dtype, inputs.device).unsqueeze(last ? 2 : 1);
        var axis = new long[] { last ? 1 : 2 };
        return inputs.mul(m).sum(axis, keepdims).div(m.sum(axis, keepdims)).MoveToOuterDisposeScope();
    }
}
