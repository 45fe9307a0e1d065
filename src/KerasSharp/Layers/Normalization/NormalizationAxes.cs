using System;
using System.Linq;

namespace KerasSharp.Layers;

/// <summary>The axis arguments of the normalization layers, checked against an input rank as Keras checks them.</summary>
internal static class NormalizationAxes
{
    /// <summary>
    /// The axes as non-negative indices for an input of <paramref name="shape"/>; an axis outside [-rank, rank) is
    /// refused with Keras's message, "Axis 3 is out of bounds for input shape (None, 3, 4).", naming the layer.
    /// </summary>
    internal static int[] Resolve(Layer layer, int[] axes, long?[] shape, string axisText)
    {
        int rank = shape.Length;
        foreach (var a in axes)
            if (a >= rank || a < -rank)
                throw new ArgumentException(
                    $"Axis {a} is out of bounds for input shape {ShapeUtils.Format(shape)}. Received: axis={axisText} (layer '{layer.name}', {layer.class_name}).",
                    "inputs");
        var resolved = axes.Select(a => a < 0 ? a + rank : a).ToArray();
        if (resolved.Distinct().Count() != resolved.Length)
            throw new ArgumentException($"Duplicate axes in axis={axisText} for input shape {ShapeUtils.Format(shape)} (layer '{layer.name}', {layer.class_name}).", "inputs");
        return resolved;
    }

    /// <summary>Python's spelling of an axis argument: "-1" or "[1, 2]".</summary>
    internal static string Text(int[] axes, bool asList) => asList ? $"[{string.Join(", ", axes)}]" : axes[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
}
