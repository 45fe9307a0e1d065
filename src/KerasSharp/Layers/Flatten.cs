using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Flattens each sample to one dimension (Keras: <c>keras.layers.Flatten</c>, keras/src/layers/reshaping/flatten.py):
/// (batch, d1, ..., dk) becomes (batch, d1·...·dk) in channels_last (row-major) order; (batch,) becomes (batch, 1).
/// With <c>data_format: "channels_first"</c> the channel axis is moved last first, so the element order is the same as
/// for the channels_last layout.
/// </summary>
public sealed class Flatten : Layer, IKeepsNoTensors
{
    /// <summary><paramref name="data_format"/> is "channels_last" (default) or "channels_first".</summary>
    public Flatten(string? data_format = null, string? name = null, string? dtype = null, bool trainable = true,
        int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        data_format ??= "channels_last";
        if (data_format is not ("channels_last" or "channels_first"))
            throw new ArgumentException(
                $"The `data_format` argument must be one of {{\"channels_first\", \"channels_last\"}}. Received: data_format={data_format}", nameof(data_format));
        this.data_format = data_format;
    }

    /// <summary>"channels_last" or "channels_first".</summary>
    public string data_format { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        if (inputs.dim() < 1)
            throw new ArgumentException($"Input of layer '{name}' (Flatten) must have a batch dimension; received a scalar.", nameof(inputs));
        var x = inputs;
        if (data_format == "channels_first" && x.dim() > 2)
            x = x.permute(new long[] { 0 }.Concat(Enumerable.Range(2, (int)x.dim() - 2).Select(i => (long)i)).Append(1).ToArray());
        var flat = x.is_contiguous() ? x.reshape(x.shape[0], -1) : FlattenNativeView(x);
        if (!ReferenceEquals(x, inputs)) TensorRelease.Release(x, flat);
        return flat;
    }

    /// <summary>
    /// The copy in Keras's element order of a channels_last view of native (N, C, spatial...) storage. Taken through
    /// <c>as_strided</c> of the native view rather than through the permuted view itself, so that backward hands the
    /// layer before a gradient laid out like its own output (as_strided's backward scatters into its input's
    /// geometry), where a permute's backward would give it a channels_last-strided gradient, on which libtorch's
    /// pooling and convolution backward kernels take slower paths with extra copies of their inputs and indices.
    /// </summary>
    static Tensor FlattenNativeView(Tensor x)
    {
        var native = SpatialLayout.ContiguousNativeView(x);
        if (native is null) return x.reshape(x.shape[0], -1);
        using var same = native.as_strided(x.shape, x.stride(), x.storage_offset());
        native.Dispose();
        return same.reshape(x.shape[0], -1);
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        var rest = input_shape.Skip(1).ToArray();
        long? flat = rest.Length == 0 ? 1 : rest.Any(d => d is null) ? null : rest.Aggregate(1L, (a, d) => checked(a * d!.Value));
        return new[] { input_shape.Length > 0 ? input_shape[0] : null, flat };
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["data_format"] = data_format;
        return c;
    }
}
