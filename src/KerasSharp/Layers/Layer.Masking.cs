using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras's masks (keras/src/layers/layer.py, <c>supports_masking</c> / <c>compute_mask</c> and the <c>mask</c> argument
/// of <c>call</c>): a boolean (batch, timesteps) tensor, true for the steps to use, made by <see cref="Embedding"/>
/// (<c>mask_zero</c>) or <see cref="Masking"/> and handed by a Sequential to each following layer that supports
/// masking; a layer that does not support masking ends it.
/// </summary>
public abstract partial class Layer
{
    /// <summary>Whether the layer accepts a mask and passes one on (Keras: <c>supports_masking</c>).</summary>
    public virtual bool supports_masking => false;

    /// <summary>The mask of the output for <paramref name="inputs"/> and the input mask (Keras: <c>compute_mask</c>; default: passed through).</summary>
    public virtual Tensor? compute_mask(Tensor inputs, Tensor? mask) => mask;

    /// <summary>The computation with the input's mask (Keras: <c>call(inputs, mask=...)</c>); layers that ignore masks need not override it.</summary>
    public virtual Tensor call(Tensor inputs, Tensor? mask, bool training) => call(inputs, training);

    /// <summary>All outputs, with the input's mask.</summary>
    public virtual Tensor[] call_outputs(Tensor inputs, Tensor? mask, bool training) =>
        mask is null ? call_outputs(inputs, training) : new[] { call(inputs, mask, training) };

    /// <summary>Runs the layer as a Sequential does: the output, and the mask for the next layer (null when the layer does not support masking).</summary>
    internal (Tensor output, Tensor? mask) invoke_masked(Tensor input, Tensor? mask, bool isTraining)
    {
        var output = invoke(input, supports_masking ? mask : null, isTraining);
        return (output, supports_masking ? compute_mask(input, mask) : null);
    }
}
