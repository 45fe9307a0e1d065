using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Subtracts the second of exactly two tensors from the first (Keras: <c>keras.layers.Subtract</c>, keras/src/layers/merging/subtract.py).</summary>
public sealed class Subtract : Merge
{
    /// <summary>Keras's arguments.</summary>
    public Subtract(string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, dtype, trainable, input_shape, input_dim, batch_size) { }

    private protected override void check_input_shapes(IReadOnlyList<long?[]> shapes)
    {
        base.check_input_shapes(shapes);
        if (shapes.Count != 2)
            throw new ArgumentException($"A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape={Describe(shapes)}");
    }

    /// <inheritdoc />
    protected override Tensor merge_function(IReadOnlyList<Tensor> inputs) => inputs[0].sub(inputs[1]);
}
