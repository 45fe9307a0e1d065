using System.Collections.Generic;
using System.Linq;
using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The N-D depthwise convolution shared by <see cref="DepthwiseConv1D"/> and <see cref="DepthwiseConv2D"/> (Keras:
/// <c>keras/src/layers/convolutional/base_depthwise_conv.py</c>, <c>BaseDepthwiseConv</c>): each input channel is
/// convolved with its own <c>depth_multiplier</c> filters, giving in_channels * depth_multiplier outputs (channel
/// c * depth_multiplier + m). The kernel is stored in Keras's layout (spatial..., in_channels, depth_multiplier) under
/// Keras's name "kernel"; the compute is a TorchSharp convolution with groups = in_channels.
/// </summary>
public abstract class BaseDepthwiseConv : ConvolutionLayer
{
    /// <summary>Keras's arguments; <paramref name="rank"/> is the number of spatial dimensions.</summary>
    protected BaseDepthwiseConv(int rank, int depth_multiplier, IntTuple kernel_size, IntTuple? strides, string padding, string? data_format,
        IntTuple? dilation_rate, ActivationFunction? activation, bool use_bias,
        Initializer? depthwise_initializer, Initializer? bias_initializer,
        Regularizer? depthwise_regularizer, Regularizer? bias_regularizer, Regularizer? activity_regularizer,
        Constraint? depthwise_constraint, Constraint? bias_constraint,
        string? name, string? dtype, bool trainable, int[]? input_shape, int? input_dim, int? batch_size)
        : base(rank, kernel_size, strides, padding, allowCausal: false, data_format, dilation_rate, activation, use_bias,
            bias_initializer, bias_regularizer, bias_constraint, name, dtype, trainable, activity_regularizer, input_shape, input_dim, batch_size)
    {
        ConvCompute.CheckPositive(depth_multiplier, nameof(depth_multiplier));
        this.depth_multiplier = depth_multiplier;
        this.depthwise_initializer = depthwise_initializer ?? VarianceScaling.GlorotUniform();
        this.depthwise_regularizer = depthwise_regularizer;
        this.depthwise_constraint = depthwise_constraint;
    }

    /// <summary>Number of filters per input channel.</summary>
    public int depth_multiplier { get; }
    /// <summary>Initializer of the depthwise kernel.</summary>
    public Initializer depthwise_initializer { get; }
    /// <summary>Penalty on the depthwise kernel.</summary>
    public Regularizer? depthwise_regularizer { get; }
    /// <summary>Projection of the depthwise kernel after each optimizer step.</summary>
    public Constraint? depthwise_constraint { get; }

    /// <summary>The depthwise kernel, shape (spatial..., in_channels, depth_multiplier); null before the layer is built.</summary>
    public Variable? kernel { get; private set; }

    /// <inheritdoc />
    public override void build(long?[] input_shape)
    {
        long inChannels = ConvCompute.InputChannels(this, input_shape, _rank, data_format);
        compute_output_shape(input_shape);
        var shape = kernel_size.Select(k => (long)k).Append(inChannels).Append(depth_multiplier).ToArray();
        kernel = add_weight("kernel", shape, depthwise_initializer, depthwise_regularizer, constraint: depthwise_constraint);
        AddBias(inChannels * depth_multiplier);
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        SpatialLayout.CheckRank(this, input_shape, _rank, data_format);
        var channels = input_shape[SpatialLayout.ChannelAxis(_rank, data_format)] * depth_multiplier;
        return ConvArithmetic.ConvOutputShape(this, input_shape, channels, kernel_size, strides, dilation_rate, padding, data_format);
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        var k = kernel!.value;
        long inChannels = k.shape[_rank];
        return Run(inputs, inChannels,
            x => ConvCompute.Convolve(this, x, ConvCompute.TorchDepthwiseKernel(k), bias?.value, kernel_size, strides, dilation_rate, padding, inChannels));
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["depth_multiplier"] = depth_multiplier;
        WriteWindow(c);
        WriteLayout(c);
        WriteActivation(c);
        c["depthwise_initializer"] = Saving.Serialization.Initializer(depthwise_initializer);
        c["bias_initializer"] = Saving.Serialization.Initializer(bias_initializer);
        c["depthwise_regularizer"] = Saving.Serialization.Regularizer(depthwise_regularizer);
        c["bias_regularizer"] = Saving.Serialization.Regularizer(bias_regularizer);
        c["activity_regularizer"] = Saving.Serialization.Regularizer(activity_regularizer);
        c["depthwise_constraint"] = Saving.Serialization.Constraint(depthwise_constraint);
        c["bias_constraint"] = Saving.Serialization.Constraint(bias_constraint);
        return c;
    }
}
