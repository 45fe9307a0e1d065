using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Adds a list of tensors element-wise, broadcasting as Keras does (Keras: <c>keras.layers.Add</c>, keras/src/layers/merging/add.py).</summary>
public sealed class Add : Merge
{
    /// <summary>Keras's arguments.</summary>
    public Add(string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, dtype, trainable, input_shape, input_dim, batch_size) { }

    /// <inheritdoc />
    protected override Tensor merge_function(IReadOnlyList<Tensor> inputs) => Fold(inputs, (a, b) => a.add(b));
}
