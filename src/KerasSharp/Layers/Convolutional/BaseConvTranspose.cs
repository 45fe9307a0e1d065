using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The N-D transposed convolution shared by <see cref="Conv1DTranspose"/>, <see cref="Conv2DTranspose"/> and
/// <see cref="Conv3DTranspose"/> (Keras: <c>keras/src/layers/convolutional/base_conv_transpose.py</c>,
/// <c>BaseConvTranspose</c>). The kernel is stored in Keras's layout (spatial..., filters, in_channels), so
/// <c>get_weights</c>, <c>set_weights</c> and .keras files match Keras; the compute is TorchSharp's
/// <c>conv_transpose</c> in the native (N, C, spatial...) layout with the padding Keras's torch backend gives it.
/// </summary>
public abstract class BaseConvTranspose : ConvolutionLayer
{
    readonly long[] _torchPadding;
    readonly long[] _torchOutputPadding;

    /// <summary>Keras's arguments; <paramref name="rank"/> is the number of spatial dimensions.</summary>
    protected BaseConvTranspose(int rank, int filters, IntTuple kernel_size, IntTuple? strides, string padding, IntTuple? output_padding,
        string? data_format, IntTuple? dilation_rate, ActivationFunction? activation, bool use_bias,
        Initializer? kernel_initializer, Initializer? bias_initializer,
        Regularizer? kernel_regularizer, Regularizer? bias_regularizer, Regularizer? activity_regularizer,
        Constraint? kernel_constraint, Constraint? bias_constraint,
        string? name, string? dtype, bool trainable, int[]? input_shape, int? input_dim, int? batch_size)
        : base(rank, kernel_size, strides, padding, allowCausal: false, data_format, dilation_rate, activation, use_bias,
            bias_initializer, bias_regularizer, bias_constraint, name, dtype, trainable, activity_regularizer, input_shape, input_dim, batch_size)
    {
        ConvCompute.CheckPositive(filters, nameof(filters));
        this.filters = filters;
        this.output_padding = output_padding?.Expand(rank, nameof(output_padding), allowZero: true);
        if (this.output_padding is { } op)
            for (int i = 0; i < rank; i++)
                if (op[i] >= this.strides[i])
                    throw new ArgumentException(
                        $"Invalid `output_padding` argument. Each value in `output_padding` must be strictly less than the corresponding `strides` value. At index {i}, `output_padding` is {op[i]} and `strides` is {this.strides[i]}. Received: output_padding={output_padding}, strides={strides}.",
                        nameof(output_padding));
        _torchPadding = new long[rank];
        _torchOutputPadding = new long[rank];
        for (int i = 0; i < rank; i++)
            (_torchPadding[i], _torchOutputPadding[i]) = ConvTransposeArithmetic.TorchPadding(
                this.kernel_size[i], this.strides[i], this.dilation_rate[i], this.padding, this.output_padding?[i], $"{GetType().Name} along spatial dimension {i + 1}");
        this.kernel_initializer = kernel_initializer ?? VarianceScaling.GlorotUniform();
        this.kernel_regularizer = kernel_regularizer;
        this.kernel_constraint = kernel_constraint;
    }

    /// <summary>Number of output channels.</summary>
    public int filters { get; }
    /// <summary>Extra output rows added at the end of each spatial dimension (each below its stride); null: inferred.</summary>
    public int[]? output_padding { get; }
    /// <summary>Initializer of the kernel.</summary>
    public Initializer kernel_initializer { get; }
    /// <summary>Penalty on the kernel.</summary>
    public Regularizer? kernel_regularizer { get; }
    /// <summary>Projection of the kernel after each optimizer step.</summary>
    public Constraint? kernel_constraint { get; }

    /// <summary>The kernel, shape (spatial..., filters, in_channels); null before the layer is built.</summary>
    public Variable? kernel { get; private set; }

    /// <inheritdoc />
    public override void build(long?[] input_shape)
    {
        long inChannels = ConvCompute.InputChannels(this, input_shape, _rank, data_format);
        var shape = kernel_size.Select(k => (long)k).Append(filters).Append(inChannels).ToArray();
        kernel = add_weight("kernel", shape, kernel_initializer, kernel_regularizer, constraint: kernel_constraint);
        AddBias((long)filters);
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        SpatialLayout.CheckRank(this, input_shape, _rank, data_format);
        var spatial = SpatialLayout.Spatial(input_shape, data_format);
        var output = spatial.Select((n, i) => ConvTransposeArithmetic.OutputLength(n, kernel_size[i], strides[i], dilation_rate[i], padding, output_padding?[i])).ToArray();
        return SpatialLayout.Compose(input_shape[0], output, filters, data_format);
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        var k = kernel!.value;
        return Run(inputs, k.shape[_rank + 1],
            x => ConvCompute.ConvolveTranspose(x, ConvCompute.TorchKernel(k), bias?.value, strides, _torchPadding, _torchOutputPadding, dilation_rate));
    }

    /// <summary>
    /// Keras's keys in Keras's order; <c>output_padding</c> as Keras 3.15 writes it (3.11.3 leaves it out, and then
    /// cannot reload a layer that set it; every Keras 3 release accepts the key).
    /// </summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["filters"] = filters;
        WriteWindow(c);
        c["output_padding"] = output_padding?.Cast<object?>().ToList();
        WriteLayout(c);
        WriteActivation(c);
        c["kernel_initializer"] = Saving.Serialization.Initializer(kernel_initializer);
        c["bias_initializer"] = Saving.Serialization.Initializer(bias_initializer);
        c["kernel_regularizer"] = Saving.Serialization.Regularizer(kernel_regularizer);
        c["bias_regularizer"] = Saving.Serialization.Regularizer(bias_regularizer);
        c["activity_regularizer"] = Saving.Serialization.Regularizer(activity_regularizer);
        c["kernel_constraint"] = Saving.Serialization.Constraint(kernel_constraint);
        c["bias_constraint"] = Saving.Serialization.Constraint(bias_constraint);
        return c;
    }
}
