using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Layers with several outputs (Keras: a <c>call</c> returning a list, e.g. a recurrent layer with
/// <c>return_state=True</c>: the output, then the final states). <see cref="call(Tensor, bool)"/> returns the first
/// output, which is what a Sequential passes on; <see cref="compute_output_shapes"/> gives all shapes for
/// <c>summary()</c>.
/// </summary>
public abstract partial class Layer
{
    /// <summary>All outputs of the layer, in Keras's order. Single-output layers need not override it.</summary>
    public virtual Tensor[] call_outputs(Tensor inputs, bool training) => new[] { call(inputs, training) };
}
