using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// Keras's <c>class_weight</c> (keras/src/trainers/data_adapters/data_adapter_utils.py, <c>class_weight_to_sample_weights</c>):
/// each sample weighs <c>class_weight.get(class, 1.0)</c>, its class being the argmax of a one-hot or probability row,
/// else the label rounded to the nearest integer (<c>np.round</c>). The lookup runs on the labels' device in one pass;
/// the table is as long as the largest class named in <c>class_weight</c>, whatever the labels hold.
/// </summary>
internal static class ClassWeights
{
    /// <summary>Checks the dictionary: non-negative class indices and non-negative finite weights.</summary>
    internal static void Check(IReadOnlyDictionary<int, double> classWeight)
    {
        foreach (var (k, w) in classWeight)
        {
            if (k < 0) throw new ArgumentException($"`class_weight` has the negative class index {k}; expected class indices >= 0.", "class_weight");
            if (!double.IsFinite(w) || w < 0) throw new ArgumentException($"`class_weight[{k}]` is {w}; expected a non-negative finite number.", "class_weight");
        }
    }

    /// <summary>The class of each sample: argmax of rows wider than one, else the rounded label.</summary>
    static Tensor Classes(Tensor y)
    {
        if (y.dim() > 1 && y.shape[^1] > 1) return y.argmax(-1).reshape(-1);
        var flat = y.reshape(y.shape[0], -1)[.., 0];
        return (flat.is_floating_point() ? flat.round() : flat).to_type(ScalarType.Int64);
    }

    /// <summary>
    /// Per-sample weights for <paramref name="y"/>; with <paramref name="checkLabels"/> (in-memory data, one host read)
    /// negative labels are refused.
    /// </summary>
    internal static Tensor SampleWeights(Tensor y, IReadOnlyDictionary<int, double> classWeight, bool checkLabels)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var classes = Classes(y);
        if (checkLabels && classes.numel() > 0)
        {
            long min = classes.min().item<long>();
            if (min < 0)
                throw new ArgumentException($"`class_weight` needs non-negative integer class labels; `y` holds the label {min}.", nameof(y));
        }
        int size = classWeight.Count == 0 ? 1 : classWeight.Keys.Max() + 1;
        var table = Enumerable.Repeat(1f, size).ToArray();
        foreach (var (k, w) in classWeight) table[k] = (float)w;
        var t = tensor(table, device: y.device);
        var inTable = classes.ge(0).logical_and(classes.lt(size));
        var looked = t.index_select(0, classes.clamp(0, size - 1));
        return where(inTable, looked, ones_like(looked)).MoveToOuterDisposeScope();
    }
}
