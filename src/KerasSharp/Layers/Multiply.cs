using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Multiplies a list of tensors element-wise (Keras: <c>keras.layers.Multiply</c>, keras/src/layers/merging/multiply.py).</summary>
public sealed class Multiply : Merge
{
    /// <summary>Keras's arguments.</summary>
    public Multiply(string? name = null) : base(name) { }

    /// <inheritdoc />
    protected override Tensor merge_function(IReadOnlyList<Tensor> inputs)
    {
        var output = inputs[0];
        for (int i = 1; i < inputs.Count; i++) output = output.mul(inputs[i]);
        return output;
    }
}
