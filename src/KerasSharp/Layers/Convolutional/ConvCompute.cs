using System;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// What the convolution layers share: argument checks as Keras words them, the input-channel checks, Keras's kernel
/// layouts turned into TorchSharp's, and the N-D convolution with Keras's padding (keras/src/backend/torch/nn.py
/// <c>conv</c>, <c>depthwise_conv</c>, <c>separable_conv</c>, <c>conv_transpose</c>).
/// </summary>
internal static class ConvCompute
{
    /// <summary>Keras's check of a strictly positive count (filters, depth_multiplier).</summary>
    internal static void CheckPositive(int value, string name)
    {
        if (value <= 0)
            throw new ArgumentException($"Invalid value for argument `{name}`. Expected a strictly positive value. Received {name}={value}.", name);
    }

    /// <summary>The number of input channels of a Keras shape; refused when unknown.</summary>
    internal static long InputChannels(Layer layer, long?[] input_shape, int rank, string dataFormat)
    {
        SpatialLayout.CheckRank(layer, input_shape, rank, dataFormat);
        int axis = SpatialLayout.ChannelAxis(rank, dataFormat);
        return input_shape[axis] ?? throw new ArgumentException(
            $"Layer '{layer.name}' ({layer.class_name}) needs a known number of input channels (axis {axis} of {SpatialLayout.ExpectedShape(rank, dataFormat)}); received input shape {ShapeUtils.Format(input_shape)}.",
            nameof(input_shape));
    }

    /// <summary>Refuses an input whose rank or channel count is not the one the layer was built for.</summary>
    internal static void CheckInput(Layer layer, Tensor inputs, int rank, string dataFormat, long builtChannels)
    {
        SpatialLayout.CheckRank(layer, inputs, rank, dataFormat);
        long channels = inputs.shape[SpatialLayout.ChannelAxis(rank, dataFormat)];
        if (channels != builtChannels)
            throw new ArgumentException(
                $"Input of layer '{layer.name}' ({layer.class_name}) has {channels} channels (shape {ShapeUtils.Format(inputs)}), but the layer was built for {builtChannels}.",
                nameof(inputs));
    }

    /// <summary>
    /// A Keras kernel (spatial..., a, b) as TorchSharp's (b, a, spatial...), contiguous: Conv's (spatial..., in, out)
    /// becomes (out, in, spatial...), ConvTranspose's (spatial..., out, in) becomes (in, out, spatial...). A contiguous
    /// copy of the (small) kernel: oneDNN takes a slower path for a strided weight.
    /// </summary>
    internal static Tensor TorchKernel(Tensor keras)
    {
        int r = (int)keras.dim() - 2;
        var order = new long[r + 2];
        order[0] = r + 1;
        order[1] = r;
        for (int i = 0; i < r; i++) order[i + 2] = i;
        using var view = keras.permute(order);
        return view.contiguous();
    }

    /// <summary>
    /// A depthwise kernel (spatial..., in, depth_multiplier) as TorchSharp's grouped weight (in * depth_multiplier, 1,
    /// spatial...): output channel c * depth_multiplier + m is input channel c through filter m, as Keras's reshape to
    /// (spatial..., 1, in * depth_multiplier) orders them.
    /// </summary>
    internal static Tensor TorchDepthwiseKernel(Tensor keras)
    {
        int r = (int)keras.dim() - 2;
        var order = new long[r + 2];
        order[0] = r;
        order[1] = r + 1;
        for (int i = 0; i < r; i++) order[i + 2] = i;
        var shape = new long[r + 2];
        shape[0] = keras.shape[r] * keras.shape[r + 1];
        shape[1] = 1;
        for (int i = 0; i < r; i++) shape[i + 2] = keras.shape[i];
        using var view = keras.permute(order);
        using var grouped = view.reshape(shape);
        return grouped.contiguous();
    }

    /// <summary>
    /// The convolution of a native (N, C, spatial...) input with a TorchSharp weight (out, in / groups, spatial...):
    /// "valid", "same" as Keras's torch backend pads (the extra pixel after, see <see cref="ConvArithmetic.ApplySame"/>)
    /// or "causal" (left padding on the one spatial axis).
    /// </summary>
    internal static Tensor Convolve(Layer layer, Tensor native, Tensor weight, Tensor? bias, int[] kernel, int[] strides, int[] dilation, string padding, long groups)
    {
        int rank = kernel.Length;
        var pad = new long[rank];
        var input = native;
        if (padding == "causal")
            input = nn.functional.pad(native, new[] { (long)dilation[0] * (kernel[0] - 1), 0L });
        else if (padding == "same")
            (input, pad) = ConvArithmetic.ApplySame(native, kernel, strides, dilation, pooling: false);
        else
            ConvArithmetic.CheckFits(layer, native.shape.Skip(2).Select(d => (long?)d).ToArray(), kernel, dilation, padding, "kernel size");
        var stride = strides.Select(s => (long)s).ToArray();
        var dil = dilation.Select(d => (long)d).ToArray();
        var output = rank switch
        {
            1 => nn.functional.conv1d(input, weight, bias, stride[0], pad[0], dil[0], groups),
            2 => nn.functional.conv2d(input, weight, bias, stride, pad, dil, groups),
            _ => nn.functional.conv3d(input, weight, bias, stride, pad, dil, groups),
        };
        if (!ReferenceEquals(input, native)) input.Dispose(); // the padded copy: autograd keeps what it needs
        return output;
    }

    /// <summary>
    /// The transposed convolution of a native (N, C, spatial...) input with a TorchSharp weight (in, out, spatial...)
    /// and the torch padding and output padding <see cref="ConvTransposeArithmetic.TorchPadding"/> gives.
    /// </summary>
    internal static Tensor ConvolveTranspose(Tensor native, Tensor weight, Tensor? bias, int[] strides, long[] padding, long[] outputPadding, int[] dilation)
    {
        var stride = strides.Select(s => (long)s).ToArray();
        var dil = dilation.Select(d => (long)d).ToArray();
        return strides.Length switch
        {
            1 => nn.functional.conv_transpose1d(native, weight, bias, stride[0], padding[0], outputPadding[0], dil[0]),
            2 => nn.functional.conv_transpose2d(native, weight, bias, stride, padding, outputPadding, dil),
            _ => nn.functional.conv_transpose3d(native, weight, bias, stride, padding, outputPadding, dil),
        };
    }
}
