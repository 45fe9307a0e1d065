using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Multiplies a list of tensors element-wise (Keras: <c>keras.layers.Multiply</c>, keras/src/layers/merging/multiply.py).</summary>
public sealed class Multiply : Merge
{
    /// <summary>Keras's arguments.</summary>
    public Multiply(string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, dtype, trainable, input_shape, input_dim, batch_size) { }

    /// <inheritdoc />
    protected override Tensor merge_function(IReadOnlyList<Tensor> inputs) => Fold(inputs, (a, b) => a.mul(b));
}
