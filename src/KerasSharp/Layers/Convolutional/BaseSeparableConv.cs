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
public abstract class BaseSeparableConv : Layer
{
    readonly int _rank;

    /// <summary>Keras's arguments; <paramref name="rank"/> is the number of spatial dimensions.</summary>
    protected BaseSeparableConv(int rank, int depth_multiplier, int filters, IntTuple kernel_size, IntTuple? strides, string padding,
        string? data_format, IntTuple? dilation_rate, ActivationFunction? activation, bool use_bias,
        Initializer? depthwise_initializer, Initializer? pointwise_initializer, Initializer? bias_initializer,
        Regularizer? depthwise_regularizer, Regularizer? pointwise_regularizer, Regularizer? bias_regularizer, Regularizer? activity_regularizer,
        Constraint? depthwise_constraint, Constraint? pointwise_constraint, Constraint? bias_constraint,
        string? name, string? dtype, bool trainable, int[]? input_shape, int? input_dim, int? batch_size)
        : base(name, trainable, activity_regularizer, dtype, input_shape, input_dim, batch_size)
    {
        _rank = rank;
        ConvCompute.CheckPositive(depth_multiplier, nameof(depth_multiplier));
        ConvCompute.CheckPositive(filters, nameof(filters));
        this.depth_multiplier = depth_multiplier;
        this.filters = filters;
        this.kernel_size = kernel_size.Expand(rank, nameof(kernel_size));
        this.strides = (strides ?? 1).Expand(rank, nameof(strides));
        this.dilation_rate = (dilation_rate ?? 1).Expand(rank, nameof(dilation_rate));
        this.padding = ConvArithmetic.StandardizePadding(padding, allowCausal: false);
        this.data_format = SpatialLayout.Standardize(data_format);
        ConvCompute.CheckStridesAndDilation(this.strides, this.dilation_rate, strides, dilation_rate);
        this.activation = activation ?? ActivationFunction.Linear;
        this.use_bias = use_bias;
        this.depthwise_initializer = depthwise_initializer ?? VarianceScaling.GlorotUniform();
        this.pointwise_initializer = pointwise_initializer ?? VarianceScaling.GlorotUniform();
        this.bias_initializer = bias_initializer ?? new Zeros();
        this.depthwise_regularizer = depthwise_regularizer;
        this.pointwise_regularizer = pointwise_regularizer;
        this.bias_regularizer = bias_regularizer;
        this.depthwise_constraint = depthwise_constraint;
        this.pointwise_constraint = pointwise_constraint;
        this.bias_constraint = bias_constraint;
    }

    /// <summary>Number of depthwise filters per input channel.</summary>
    public int depth_multiplier { get; }
    /// <summary>Number of output channels.</summary>
    public int filters { get; }
    /// <summary>The depthwise kernel's spatial size, one entry per spatial dimension.</summary>
    public int[] kernel_size { get; }
    /// <summary>The strides, one per spatial dimension.</summary>
    public int[] strides { get; }
    /// <summary>"valid" or "same".</summary>
    public string padding { get; }
    /// <summary>"channels_last" (batch, spatial..., channels) or "channels_first" (batch, channels, spatial...).</summary>
    public string data_format { get; }
    /// <summary>The dilation, one per spatial dimension.</summary>
    public int[] dilation_rate { get; }
    /// <summary>The activation applied to the output ("linear" when none was given).</summary>
    public ActivationFunction activation { get; }
    /// <summary>Whether the layer adds a bias.</summary>
    public bool use_bias { get; }
    /// <summary>Initializer of the depthwise kernel.</summary>
    public Initializer depthwise_initializer { get; }
    /// <summary>Initializer of the pointwise kernel.</summary>
    public Initializer pointwise_initializer { get; }
    /// <summary>Initializer of the bias.</summary>
    public Initializer bias_initializer { get; }
    /// <summary>Penalty on the depthwise kernel.</summary>
    public Regularizer? depthwise_regularizer { get; }
    /// <summary>Penalty on the pointwise kernel.</summary>
    public Regularizer? pointwise_regularizer { get; }
    /// <summary>Penalty on the bias.</summary>
    public Regularizer? bias_regularizer { get; }
    /// <summary>Projection of the depthwise kernel after each optimizer step.</summary>
    public Constraint? depthwise_constraint { get; }
    /// <summary>Projection of the pointwise kernel after each optimizer step.</summary>
    public Constraint? pointwise_constraint { get; }
    /// <summary>Projection of the bias after each optimizer step.</summary>
    public Constraint? bias_constraint { get; }

    /// <summary>The depthwise kernel, shape (spatial..., in_channels, depth_multiplier); null before the layer is built.</summary>
    public Variable? depthwise_kernel { get; private set; }
    /// <summary>The pointwise kernel, shape (1..., in_channels * depth_multiplier, filters); null before the layer is built.</summary>
    public Variable? pointwise_kernel { get; private set; }
    /// <summary>The bias, shape (filters); null without bias or before the layer is built.</summary>
    public Variable? bias { get; private set; }

    /// <inheritdoc />
    public override void build(long?[] input_shape)
    {
        long inChannels = ConvCompute.InputChannels(this, input_shape, _rank, data_format);
        compute_output_shape(input_shape);
        var depthwise = kernel_size.Select(k => (long)k).Append(inChannels).Append(depth_multiplier).ToArray();
        var pointwise = Enumerable.Repeat(1L, _rank).Append(inChannels * depth_multiplier).Append(filters).ToArray();
        depthwise_kernel = add_weight("depthwise_kernel", depthwise, depthwise_initializer, depthwise_regularizer, constraint: depthwise_constraint);
        pointwise_kernel = add_weight("pointwise_kernel", pointwise, pointwise_initializer, pointwise_regularizer, constraint: pointwise_constraint);
        if (use_bias) bias = add_weight("bias", new[] { (long)filters }, bias_initializer, bias_regularizer, constraint: bias_constraint);
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
        ConvCompute.CheckInput(this, inputs, _rank, data_format, inChannels);
        var x = SpatialLayout.ToNative(inputs, data_format);
        var depthwise = ConvCompute.Convolve(this, x, ConvCompute.TorchDepthwiseKernel(dk), null, kernel_size, strides, dilation_rate, padding, inChannels);
        var ones = Enumerable.Repeat(1, _rank).ToArray();
        var y = ConvCompute.Convolve(this, depthwise, ConvCompute.TorchKernel(pointwise_kernel!.value), bias?.value, ones, ones, ones, "valid", 1);
        if (!activation.is_linear) y = activation.call(y);
        return SpatialLayout.FromNative(y, data_format);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["depth_multiplier"] = depth_multiplier;
        c["filters"] = filters;
        c["kernel_size"] = kernel_size.Cast<object?>().ToList();
        c["strides"] = strides.Cast<object?>().ToList();
        c["padding"] = padding;
        c["data_format"] = data_format;
        c["dilation_rate"] = dilation_rate.Cast<object?>().ToList();
        c["activation"] = activation.name;
        c["use_bias"] = use_bias;
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
