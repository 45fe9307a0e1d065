using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Averages a list of tensors element-wise: their sum divided by their number (Keras: <c>keras.layers.Average</c>, keras/src/layers/merging/average.py).</summary>
public sealed class Average : Merge
{
    /// <summary>Keras's arguments.</summary>
    public Average(string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, dtype, trainable, input_shape, input_dim, batch_size) { }

    /// <inheritdoc />
    protected override Tensor merge_function(IReadOnlyList<Tensor> inputs) => Fold(inputs, (a, b) => a.add(b)).div(inputs.Count);
}
