using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>The element-wise minimum of a list of tensors (Keras: <c>keras.layers.Minimum</c>, keras/src/layers/merging/minimum.py).</summary>
public sealed class Minimum : Merge
{
    /// <summary>Keras's arguments.</summary>
    public Minimum(string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, dtype, trainable, input_shape, input_dim, batch_size) { }

    /// <inheritdoc />
    protected override Tensor merge_function(IReadOnlyList<Tensor> inputs) => Fold(inputs, minimum);

    /// <summary>Keras's masked minimum (<c>_apply_merge_op_and_or_mask</c>): masked entries do not take part.</summary>
    private protected override Tensor merge_masked(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) => FoldMasked(inputs, masks, minimum);
}
