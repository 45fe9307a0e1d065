using System.Collections.Generic;
using System.Linq;
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

    /// <summary>
    /// Keras's masked product (multiply.py): a masked entry counts as 1; when every input has a mask, entries masked in
    /// all of them are 0.
    /// </summary>
    private protected override Tensor merge_masked(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        bool all = masks.All(m => m is not null);
        Tensor? output = null, outputMask = null;
        for (int i = 0; i < inputs.Count; i++)
        {
            var x = inputs[i];
            if (Broadcast(masks[i], x) is { } mask)
            {
                x = where(mask, x, ones_like(x));
                if (all) outputMask = outputMask is null ? mask : outputMask.logical_or(mask);
            }
            output = output is null ? x : output.mul(x);
        }
        return outputMask is null ? output! : where(outputMask, output!, zeros_like(output!));
    }
}
