using System;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// How spatial layers (convolutions, pooling) see their tensors: Keras's API layout (<c>data_format</c>
/// "channels_last", (batch, ..., channels), or "channels_first") outside, TorchSharp's native (batch, channels, ...)
/// contiguous layout for the compute.
/// </summary>
/// <remarks>
/// A channels_last layer returns the native result through a permuted view, (N, C, H, W) storage seen as
/// (N, H, W, C), so the next spatial layer's permute back is the original contiguous tensor and costs nothing: a
/// stack of convolutions and poolings runs in the native layout end to end. Only a layer that needs Keras's element
/// order (Flatten, Reshape) copies, once. An input that really is channels_last in memory (the user's data) is made
/// native by the first spatial layer.
/// </remarks>
internal static class SpatialLayout
{
    /// <summary>Keras's <c>standardize_data_format</c>: null → "channels_last" (keras.config.image_data_format()).</summary>
    internal static string Standardize(string? data_format)
    {
        var f = (data_format ?? "channels_last").ToLowerInvariant();
        if (f != "channels_last" && f != "channels_first")
            throw new ArgumentException(
                $"The `data_format` argument must be one of {{'channels_first', 'channels_last'}}. Received: data_format={data_format}",
                nameof(data_format));
        return f;
    }

    /// <summary>The shape a layer of <paramref name="rank"/> spatial dimensions expects, e.g. "(batch, height, width, channels)".</summary>
    internal static string ExpectedShape(int rank, string dataFormat)
    {
        var spatial = rank switch
        {
            1 => "steps",
            2 => "height, width",
            3 => "depth, height, width",
            _ => string.Join(", ", Enumerable.Range(1, rank).Select(i => $"dim{i}")),
        };
        return dataFormat == "channels_last" ? $"(batch, {spatial}, channels)" : $"(batch, channels, {spatial})";
    }

    /// <summary>Refuses an input shape whose rank is not rank + 2, naming the expected layout.</summary>
    internal static void CheckRank(Layer layer, long?[] shape, int rank, string dataFormat)
    {
        if (shape.Length != rank + 2)
            throw new ArgumentException(
                $"Input of layer '{layer.name}' ({layer.class_name}) must have rank {rank + 2}, shaped {ExpectedShape(rank, dataFormat)}; received input shape {ShapeUtils.Format(shape)}.",
                "inputs");
    }

    /// <inheritdoc cref="CheckRank(Layer, long?[], int, string)"/>
    internal static void CheckRank(Layer layer, Tensor inputs, int rank, string dataFormat)
    {
        if (inputs.dim() != rank + 2)
            throw new ArgumentException(
                $"Input of layer '{layer.name}' ({layer.class_name}) must have rank {rank + 2}, shaped {ExpectedShape(rank, dataFormat)}; received input shape {ShapeUtils.Format(inputs)}.",
                nameof(inputs));
    }

    /// <summary>Index of the channel axis in Keras's layout.</summary>
    internal static int ChannelAxis(int rank, string dataFormat) => dataFormat == "channels_last" ? rank + 1 : 1;

    /// <summary>The spatial dimensions of a Keras shape.</summary>
    internal static long?[] Spatial(long?[] shape, string dataFormat) =>
        dataFormat == "channels_last" ? shape[1..^1] : shape[2..];

    /// <summary>A Keras shape from the batch, the spatial dimensions and the channels.</summary>
    internal static long?[] Compose(long? batch, long?[] spatial, long? channels, string dataFormat) =>
        dataFormat == "channels_last"
            ? new[] { batch }.Concat(spatial).Append(channels).ToArray()
            : new[] { batch, channels }.Concat(spatial).ToArray();

    /// <summary>
    /// The input in TorchSharp's layout (N, C, spatial...), contiguous: free for the output of another spatial layer
    /// (a view of native storage), one copy for data that is channels_last in memory.
    /// </summary>
    internal static Tensor ToNative(Tensor inputs, string dataFormat)
    {
        if (dataFormat == "channels_first") return Canonical(inputs);
        // The intermediate view's handle is disposed here: a handle left in the step's dispose scope would keep the
        // storage (a whole activation) alive until the end of the step, after autograd has released it.
        var permuted = inputs.permute(NativeOrder((int)inputs.dim()));
        var native = Canonical(permuted);
        permuted.Dispose();
        return native;
    }

    /// <summary>The permutation (0, last, 1, ..., last - 1) from a channels_last shape of <paramref name="dims"/> dimensions to the native one.</summary>
    static long[] NativeOrder(int dims)
    {
        int r = dims - 2;
        var perm = new long[r + 2];
        perm[0] = 0;
        perm[1] = r + 1;
        for (int i = 0; i < r; i++) perm[i + 2] = i + 1;
        return perm;
    }

    /// <summary>
    /// For a channels_last tensor that is a view of native (N, C, spatial...) contiguous storage (another spatial
    /// layer's result, as <see cref="FromNative"/> returns it), that native view; otherwise null. No copy either way.
    /// </summary>
    internal static Tensor? ContiguousNativeView(Tensor channelsLast)
    {
        if (channelsLast.dim() < 3) return null;
        var permuted = channelsLast.permute(NativeOrder((int)channelsLast.dim()));
        if (permuted.is_contiguous()) return permuted;
        permuted.Dispose();
        return null;
    }

    /// <summary>
    /// A contiguous tensor with the canonical strides of its shape. A permuted view can be contiguous yet carry other
    /// strides on its size-1 dimensions (one channel: (N, H, W, 1) seen as (N, 1, H, W)), which libtorch reads as
    /// channels_last memory and answers with channels_last outputs; the flat view re-strides it for free.
    /// </summary>
    static Tensor Canonical(Tensor view)
    {
        if (!view.is_contiguous()) return view.contiguous();
        using var flat = view.flatten();
        return flat.view(view.shape);
    }

    /// <summary>A native result (N, C, spatial...) seen in Keras's layout, without copying.</summary>
    internal static Tensor FromNative(Tensor native, string dataFormat)
    {
        if (dataFormat == "channels_first") return native;
        int r = (int)native.dim() - 2;
        var perm = new long[r + 2];
        perm[0] = 0;
        for (int i = 0; i < r; i++) perm[i + 1] = i + 2;
        perm[r + 1] = 1;
        return native.permute(perm);
    }
}
