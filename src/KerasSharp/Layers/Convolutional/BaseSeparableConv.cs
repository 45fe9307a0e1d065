using System.Collections.Generic;
using System.Linq;
using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The N-D depthwise-separable convolution shared by <see cref="SeparableConv1D"/> and <see cref="SeparableConv2D"/>
/// (Keras: <c>keras/src/layers/convolutional/base_separable_conv.py</c>, <c>BaseSeparableConv</c>): a depthwise
/// convolution (strides, padding, dilation) giving in_channels * depth_multiplier channels, then a 1x1 pointwise
/// convolution to <c>filters</c> channels, then the bias. Weights in Keras's layout and order: depthwise_kernel
/// (spatial..., in_channels, depth_multiplier), pointwise_kernel (1..., in_channels * depth_multiplier, filters),
/// bias (filters).
/// </summary>
public abstract class BaseSeparableConv : ConvolutionLayer
{
    /// <summary>Keras's arguments; <paramref name="rank"/> is the number of spatial dimensions.</summary>
    protected BaseSeparableConv(int rank, int depth_multiplier, int filters, IntTuple kernel_size, IntTuple? strides, string padding,
        string? data_format, IntTuple? dilation_rate, ActivationFunction? activation, bool use_bias,
        Initializer? depthwise_initializer, Initializer? pointwise_initializer, Initializer? bias_initializer,
        Regularizer? depthwise_regularizer, Regularizer? pointwise_regularizer, Regularizer? bias_regularizer, Regularizer? activity_regularizer,
        Constraint? depthwise_constraint, Constraint? pointwise_constraint, Constraint? bias_constraint,
        string? name, string? dtype, bool trainable, int[]? input_shape, int? input_dim, int? batch_size)
        : base(rank, kernel_size, strides, padding, allowCausal: false, data_format, dilation_rate, activation, use_bias,
            bias_initializer, bias_regularizer, bias_constraint, name, dtype, trainable, activity_regularizer, input_shape, input_dim, batch_size)
    {
        ConvCompute.CheckPositive(depth_multiplier, nameof(depth_multiplier));
        ConvCompute.CheckPositive(filters, nameof(filters));
        this.depth_multiplier = depth_multiplier;
        this.filters = filters;
        this.depthwise_initializer = depthwise_initializer ?? VarianceScaling.GlorotUniform();
        this.pointwise_initializer = pointwise_initializer ?? VarianceScaling.GlorotUniform();
        this.depthwise_regularizer = depthwise_regularizer;
        this.pointwise_regularizer = pointwise_regularizer;
        this.depthwise_constraint = depthwise_constraint;
        this.pointwise_constraint = pointwise_constraint;
    }

    /// <summary>Number of depthwise filters per input channel.</summary>
    public int depth_multiplier { get; }
    /// <summary>Number of output channels.</summary>
    public int filters { get; }
    /// <summary>Initializer of the depthwise kernel.</summary>
    public Initializer depthwise_initializer { get; }
    /// <summary>Initializer of the pointwise kernel.</summary>
    public Initializer pointwise_initializer { get; }
    /// <summary>Penalty on the depthwise kernel.</summary>
    public Regularizer? depthwise_regularizer { get; }
    /// <summary>Penalty on the pointwise kernel.</summary>
    public Regularizer? pointwise_regularizer { get; }
    /// <summary>Projection of the depthwise kernel after each optimizer step.</summary>
    public Constraint? depthwise_constraint { get; }
    /// <summary>Projection of the pointwise kernel after each optimizer step.</summary>
    public Constraint? pointwise_constraint { get; }

    /// <summary>The depthwise kernel, shape (spatial..., in_channels, depth_multiplier); null before the layer is built.</summary>
    public Variable? depthwise_kernel { get; private set; }
    /// <summary>The pointwise kernel, shape (1..., in_channels * depth_multiplier, filters); null before the layer is built.</summary>
    public Variable? pointwise_kernel { get; private set; }

    /// <inheritdoc />
    public override void build(long?[] input_shape)
    {
        long inChannels = ConvCompute.InputChannels(this, input_shape, _rank, data_format);
        compute_output_shape(input_shape);
        var depthwise = kernel_size.Select(k => (long)k).Append(inChannels).Append(depth_multiplier).ToArray();
        var pointwise = Enumerable.Repeat(1L, _rank).Append(inChannels * depth_multiplier).Append(filters).ToArray();
        depthwise_kernel = add_weight("depthwise_kernel", depthwise, depthwise_initializer, depthwise_regularizer, constraint: depthwise_constraint);
        pointwise_kernel = add_weight("pointwise_kernel", pointwise, pointwise_initializer, pointwise_regularizer, constraint: pointwise_constraint);
        AddBias((long)filters);
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        SpatialLayout.CheckRank(this, input_shape, _rank, data_format);
        return ConvArithmetic.ConvOutputShape(this, input_shape, filters, kernel_size, strides, dilation_rate, padding, data_format);
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        var dk = depthwise_kernel!.value;
        long inChannels = dk.shape[_rank];
        var ones = Enumerable.Repeat(1, _rank).ToArray();
        return Run(inputs, inChannels, x =>
        {
            var depthwise = ConvCompute.Convolve(this, x, ConvCompute.TorchDepthwiseKernel(dk), null, kernel_size, strides, dilation_rate, padding, inChannels);
            return ConvCompute.Convolve(this, depthwise, ConvCompute.TorchKernel(pointwise_kernel!.value), bias?.value, ones, ones, ones, "valid", 1);
        });
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["depth_multiplier"] = depth_multiplier;
        c["filters"] = filters;
        WriteWindow(c);
        WriteLayout(c);
        WriteActivation(c);
        c["depthwise_initializer"] = Saving.Serialization.Initializer(depthwise_initializer);
        c["pointwise_initializer"] = Saving.Serialization.Initializer(pointwise_initializer);
        c["bias_initializer"] = Saving.Serialization.Initializer(bias_initializer);
        c["depthwise_regularizer"] = Saving.Serialization.Regularizer(depthwise_regularizer);
        c["pointwise_regularizer"] = Saving.Serialization.Regularizer(pointwise_regularizer);
        c["bias_regularizer"] = Saving.Serialization.Regularizer(bias_regularizer);
        c["activity_regularizer"] = Saving.Serialization.Regularizer(activity_regularizer);
        c["depthwise_constraint"] = Saving.Serialization.Constraint(depthwise_constraint);
        c["pointwise_constraint"] = Saving.Serialization.Constraint(pointwise_constraint);
        c["bias_constraint"] = Saving.Serialization.Constraint(bias_constraint);
        return c;
    }
}
