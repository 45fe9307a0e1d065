using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// A built-in layer whose <c>call</c> keeps no reference to its input or to the tensor it returns (no cache, no state
/// made of them), so a model that owns an intermediate result may dispose its handle as soon as the next such layer has
/// used it, as TorchSharp's <c>nn.Sequential</c> does: autograd keeps what backward needs, and everything else is freed
/// during the step instead of at its end. KerasSharp's own grouping (Keras frees tensors by reference counting).
/// </summary>
internal interface IKeepsNoTensors
{
}

/// <summary>Helpers for <see cref="IKeepsNoTensors"/>.</summary>
internal static class TensorRelease
{
    /// <summary>Whether <paramref name="layer"/> is a KerasSharp layer (not a user's subclass) that keeps no tensors.</summary>
    internal static bool Applies(Layer layer) => layer is IKeepsNoTensors && layer.GetType().Assembly == typeof(Layer).Assembly;

    /// <summary>Disposes the handle <paramref name="temporary"/> unless it is <paramref name="kept"/> itself (the storage lives on in views and autograd).</summary>
    internal static void Release(Tensor temporary, Tensor kept)
    {
        if (!ReferenceEquals(temporary, kept)) temporary.Dispose();
    }
}
