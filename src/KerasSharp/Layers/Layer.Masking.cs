using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Runs the layer as a Sequential or a functional graph does (Keras: <c>Layer.__call__</c>): the output, and the
    /// mask for the next layer. A layer that does not support masking gets no mask, ends it, and Keras's warning
    /// saying so is printed once per layer.
    /// </summary>
    internal (Tensor output, Tensor? mask) invoke_masked(Tensor input, Tensor? mask, bool isTraining)
    {
        if (mask is not null && !supports_masking) warn_mask_destroyed();
        var output = invoke(input, supports_masking ? mask : null, isTraining);
        return (output, supports_masking ? compute_mask(input, mask) : null);
    }

    /// <summary>
    /// One call of a functional graph with the inputs' masks (Keras attaches them to the tensors): a merge layer
    /// merges the tensors and combines their masks (<see cref="Merge.compute_mask(IReadOnlyList{Tensor}, IReadOnlyList{Tensor})"/>);
    /// a single-input layer runs as in a Sequential. Returns the outputs and the first output's mask (Keras sets
    /// masks from <c>compute_mask</c> on the outputs of the first argument only).
    /// </summary>
    internal static (Tensor[] outputs, Tensor? mask) run_masked(Layer layer, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks, bool training, int outputCount = 1)
    {
        if (layer is Merge merge && masks.Any(m => m is not null))
            return (new[] { merge.call_masked(inputs, masks) }, merge.compute_mask(inputs, masks));
        if (layer is Ops.IMultiTensorLayer multi)
        {
            var outputs = multi.call_tensors(inputs, training);
            if (masks.All(m => m is null)) return (outputs, null);
            layer.warn_mask_destroyed();
            return (outputs, null);
        }
        if (outputCount > 1) // a recurrent layer with return_state: the output and the states
        {
            if (masks[0] is not null && !layer.supports_masking) layer.warn_mask_destroyed();
            var kept = layer.supports_masking ? masks[0] : null;
            return (layer.invoke_outputs(inputs[0], kept, training), layer.supports_masking ? layer.compute_mask(inputs[0], kept) : null);
        }
        var (output, mask) = layer.invoke_masked(inputs[0], masks[0], training);
        return (new[] { output }, mask);
    }

    // Keras attaches a mask to the tensor itself (`_keras_mask`, keras/src/backend/common/masking.py); models attach
    // their output's mask so that Loss.__call__ finds it on y_pred. Nothing is looked up until a mask was attached once.
    static readonly ConditionalWeakTable<Tensor, Tensor> KerasMasks = new();
    static volatile bool _anyKerasMask;

    /// <summary>Attaches <paramref name="mask"/> to <paramref name="x"/> (Keras: <c>set_keras_mask</c>) and returns <paramref name="x"/>; a null mask attaches nothing.</summary>
    internal static Tensor set_keras_mask(Tensor x, Tensor? mask)
    {
        if (mask is null) return x;
        _anyKerasMask = true;
        KerasMasks.AddOrUpdate(x, mask);
        return x;
    }

    /// <summary>The mask attached to <paramref name="x"/> by a model's call, or null (Keras: <c>get_keras_mask</c>).</summary>
    internal static Tensor? get_keras_mask(Tensor x) =>
        _anyKerasMask && KerasMasks.TryGetValue(x, out var mask) && !mask.IsInvalid ? mask : null; // freed with its dispose scope: gone

    static readonly HashSet<string> MaskWarnings = new();

    /// <summary>Keras's UserWarning for a mask given to a layer without mask support (Python prints each text once).</summary>
    void warn_mask_destroyed()
    {
        var message = $"Layer '{name}' (of type {class_name}) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream layers will not see the mask.";
        lock (MaskWarnings)
            if (!MaskWarnings.Add(message)) return;
        Saving.WeightsFile.Warn(message);
    }
}
