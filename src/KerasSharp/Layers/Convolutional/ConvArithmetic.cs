using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Output sizes and "same" padding of convolutions and poolings, as Keras computes them
/// (keras/src/ops/operation_utils.py <c>compute_conv_output_shape</c> / <c>compute_pooling_output_shape</c>;
/// keras/src/backend/torch/nn.py <c>_compute_padding_length</c> / <c>_apply_same_padding</c>).
/// </summary>
internal static class ConvArithmetic
{
    /// <summary>Keras's <c>standardize_padding</c>: "valid", "same", and "causal" where allowed (Conv1D).</summary>
    internal static string StandardizePadding(string? padding, bool allowCausal)
    {
        var p = (padding ?? "valid").ToLowerInvariant();
        if (p == "valid" || p == "same" || (allowCausal && p == "causal")) return p;
        var allowed = allowCausal ? "{'valid', 'same', 'causal'}" : "{'valid', 'same'}";
        throw new ArgumentException($"The `padding` argument must be a string, one of {allowed}. Received: padding={padding}", nameof(padding));
    }

    /// <summary>
    /// Output length along one dimension: "valid" floor((n - d(k-1) - 1) / s) + 1, "same"/"causal" floor((n - 1) / s) + 1;
    /// null stays null (unknown).
    /// </summary>
    internal static long? OutputLength(long? input, int kernel, int stride, int dilation, string padding)
    {
        if (input is not { } n) return null;
        if (padding == "valid") return FloorDiv(n - (long)dilation * (kernel - 1) - 1, stride) + 1;
        return FloorDiv(n - 1, stride) + 1;
    }

    static long FloorDiv(long a, long b) => (long)Math.Floor((double)a / b);

    /// <summary>
    /// A convolution's output shape in Keras's layout (Keras: <c>compute_conv_output_shape</c>): the batch, each spatial
    /// size by <see cref="OutputLength"/> (a "valid" kernel larger than the input refused), and <paramref name="channels"/>.
    /// </summary>
    internal static long?[] ConvOutputShape(Layer layer, long?[] input_shape, long? channels, int[] kernel, int[] strides, int[] dilation, string padding, string dataFormat)
    {
        var spatial = SpatialLayout.Spatial(input_shape, dataFormat);
        CheckFits(layer, spatial, kernel, dilation, padding, "kernel size");
        var output = spatial.Select((n, i) => OutputLength(n, kernel[i], strides[i], dilation[i], padding)).ToArray();
        return SpatialLayout.Compose(input_shape[0], output, channels, dataFormat);
    }

    /// <summary>
    /// Checks that a "valid" window fits: the (dilated) kernel must not be larger than the input, naming both sizes.
    /// </summary>
    internal static void CheckFits(Layer layer, long?[] spatial, int[] kernel, int[] dilation, string padding, string what)
    {
        if (padding != "valid") return;
        for (int i = 0; i < spatial.Length; i++)
        {
            if (spatial[i] is not { } n) continue;
            long effective = (long)dilation[i] * (kernel[i] - 1) + 1;
            if (effective > n)
            {
                var eff = dilation[i] > 1 ? $" (dilated to {effective} by dilation_rate {dilation[i]})" : "";
                throw new ArgumentException(
                    $"Layer '{layer.name}' ({layer.class_name}) has {what} {kernel[i]}{eff} along spatial dimension {i + 1}, larger than the input's size {n} there, with padding=\"valid\" (input spatial shape ({string.Join(", ", spatial.Select(d => d?.ToString() ?? "None"))})). Use a smaller {what}, a larger input or padding=\"same\".",
                    "inputs");
            }
        }
    }

    /// <summary>Keras's torch "same" padding along one dimension: total as TensorFlow, the extra pixel after.</summary>
    internal static (long before, long after) SamePadding(long input, int kernel, int stride, int dilation)
    {
        long effective = (long)(kernel - 1) * dilation + 1;
        long total = stride == 1 ? effective - 1 : Math.Max(0, ((input + stride - 1) / stride - 1) * stride + effective - input);
        long before = total / 2;
        return (before, total - before);
    }

    /// <summary>
    /// Applies "same" padding to a native (N, C, spatial...) tensor as Keras's torch backend does: symmetric padding is
    /// returned for the torch op to apply; asymmetric padding is applied here (zeros for convolutions, replicated edges
    /// for pooling, as <c>_apply_same_padding</c>) and the op gets 0.
    /// </summary>
    internal static (Tensor input, long[] padding) ApplySame(Tensor native, int[] kernel, int[] strides, int[] dilation, bool pooling)
    {
        int r = kernel.Length;
        var pads = new (long before, long after)[r];
        for (int i = 0; i < r; i++)
            pads[i] = SamePadding(native.shape[i + 2], kernel[i], strides[i], pooling ? 1 : dilation[i]);
        if (pads.All(p => p.before == p.after)) return (native, pads.Select(p => p.before).ToArray());
        var flat = new long[2 * r];
        for (int i = 0; i < r; i++)
        {
            // torch.nn.functional.pad lists the last dimension first.
            flat[2 * i] = pads[r - 1 - i].before;
            flat[2 * i + 1] = pads[r - 1 - i].after;
        }
        var padded = pooling
            ? nn.functional.pad(native, flat, PaddingModes.Replicate)
            : nn.functional.pad(native, flat, PaddingModes.Constant, 0);
        return (padded, new long[r]);
    }
}
