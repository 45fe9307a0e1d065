using System;

namespace KerasSharp.Layers;

/// <summary>
/// Output sizes and padding of transposed convolutions as Keras computes them
/// (keras/src/backend/common/backend_utils.py: <c>_get_output_shape_given_tf_padding</c>,
/// <c>_convert_conv_transpose_padding_args_from_keras_to_torch</c>), per spatial dimension, with the effective kernel
/// <c>k = (kernel - 1) * dilation + 1</c>.
/// </summary>
internal static class ConvTransposeArithmetic
{
    static int Effective(int kernel, int dilation) => (kernel - 1) * dilation + 1;

    /// <summary>
    /// Output length: "valid" <c>(n - 1) s + k + output_padding</c> (output_padding None: <c>max(k, s) - k</c>);
    /// "same" <c>n s</c> (output_padding None), else <c>(n - 1) s + k % 2 + output_padding</c>. Null stays null.
    /// </summary>
    internal static long? OutputLength(long? input, int kernel, int stride, int dilation, string padding, int? outputPadding)
    {
        if (input is not { } n) return null;
        int k = Effective(kernel, dilation);
        if (padding == "valid") return (n - 1) * stride + k + (outputPadding ?? Math.Max(k, stride) - k);
        return outputPadding is { } op ? (n - 1) * stride + k % 2 + op : n * stride;
    }

    /// <summary>
    /// The padding and output padding Keras's torch backend gives <c>conv_transpose</c>: "valid" (0, output_padding);
    /// "same" removes <c>p = max(-floor((k % 2 - k + op) / 2), 0)</c> from both sides and adds
    /// <c>2p + k % 2 - k + op</c> at the end (op None: <c>s - k % 2</c>). Torch needs that output padding below the
    /// stride; Keras's torch backend refuses the rest (with even kernels at stride 1 and "same", for instance), and so
    /// does this, naming the arguments.
    /// </summary>
    internal static (long padding, long outputPadding) TorchPadding(int kernel, int stride, int dilation, string padding, int? outputPadding, string layer)
    {
        int k = Effective(kernel, dilation);
        long torchPadding, torchOutputPadding;
        int op;
        if (padding == "valid")
        {
            op = outputPadding ?? Math.Max(k, stride) - k;
            torchPadding = 0;
            torchOutputPadding = op;
        }
        else
        {
            op = outputPadding ?? stride - k % 2;
            torchPadding = Math.Max(-FloorDiv(k % 2 - k + op, 2), 0);
            torchOutputPadding = 2 * torchPadding + k % 2 - k + op;
        }
        if (torchOutputPadding >= stride)
            throw new ArgumentException(
                $"{layer}: the padding arguments (padding={padding}, kernel_size={kernel}, strides={stride}, dilation_rate={dilation}, output_padding={(outputPadding is null ? "None" : op.ToString(System.Globalization.CultureInfo.InvariantCulture))}) lead to a Torch output_padding ({torchOutputPadding}) that is not less than the stride ({stride}), which Keras's torch backend does not support. Change the padding, the kernel size or the stride (with padding=\"same\" and strides=1 the kernel size must be odd).",
                nameof(padding));
        return (torchPadding, torchOutputPadding);
    }

    static long FloorDiv(long a, long b) => (long)Math.Floor((double)a / b);
}
