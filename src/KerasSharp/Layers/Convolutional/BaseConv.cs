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
/// The N-D convolution shared by <see cref="Conv1D"/>, <see cref="Conv2D"/> and <see cref="Conv3D"/> (Keras:
/// <c>keras/src/layers/convolutional/base_conv.py</c>, <c>BaseConv</c>). The kernel is stored in Keras's layout
/// (spatial..., in_channels / groups, filters), so <c>get_weights</c>, <c>set_weights</c> and .keras files match
/// Keras; the compute runs in TorchSharp's native (N, C, spatial...) layout (see <see cref="SpatialLayout"/>).
/// </summary>
public abstract class BaseConv : Layer
{
    readonly int _rank;

    /// <summary>Keras's arguments; <paramref name="rank"/> is the number of spatial dimensions.</summary>
    protected BaseConv(int rank, int filters, IntTuple kernel_size, IntTuple? strides, string padding, string? data_format,
        IntTuple? dilation_rate, int groups, ActivationFunction? activation, bool use_bias,
        Initializer? kernel_initializer, Initializer? bias_initializer,
        Regularizer? kernel_regularizer, Regularizer? bias_regularizer, Regularizer? activity_regularizer,
        Constraint? kernel_constraint, Constraint? bias_constraint,
        string? name, string? dtype, bool trainable, int[]? input_shape, int? input_dim, int? batch_size)
        : base(name, trainable, activity_regularizer, dtype, input_shape, input_dim, batch_size)
    {
        _rank = rank;
        ConvCompute.CheckPositive(filters, nameof(filters));
        if (groups <= 0)
            throw new ArgumentException($"The number of groups must be a positive integer. Received: groups={groups}.", nameof(groups));
        if (filters % groups != 0)
            throw new ArgumentException($"The number of filters must be evenly divisible by the number of groups. Received: groups={groups}, filters={filters}.", nameof(groups));
        this.filters = filters;
        this.groups = groups;
        this.kernel_size = kernel_size.Expand(rank, nameof(kernel_size));
        this.strides = (strides ?? 1).Expand(rank, nameof(strides));
        this.dilation_rate = (dilation_rate ?? 1).Expand(rank, nameof(dilation_rate));
        ConvCompute.CheckStridesAndDilation(this.strides, this.dilation_rate, strides, dilation_rate);
        this.padding = ConvArithmetic.StandardizePadding(padding, allowCausal: rank == 1);
        this.data_format = SpatialLayout.Standardize(data_format);
        this.activation = activation ?? ActivationFunction.Linear;
        this.use_bias = use_bias;
        this.kernel_initializer = kernel_initializer ?? VarianceScaling.GlorotUniform();
        this.bias_initializer = bias_initializer ?? new Zeros();
        this.kernel_regularizer = kernel_regularizer;
        this.bias_regularizer = bias_regularizer;
        this.kernel_constraint = kernel_constraint;
        this.bias_constraint = bias_constraint;
    }

    /// <summary>Number of output channels.</summary>
    public int filters { get; }
    /// <summary>The kernel's spatial size, one entry per spatial dimension.</summary>
    public int[] kernel_size { get; }
    /// <summary>The strides, one per spatial dimension.</summary>
    public int[] strides { get; }
    /// <summary>"valid", "same", or "causal" (Conv1D: left padding only, so that output t sees inputs up to t).</summary>
    public string padding { get; }
    /// <summary>"channels_last" (batch, spatial..., channels) or "channels_first" (batch, channels, spatial...).</summary>
    public string data_format { get; }
    /// <summary>The dilation, one per spatial dimension.</summary>
    public int[] dilation_rate { get; }
    /// <summary>Number of groups the input channels are split into (each sees filters / groups of the kernels).</summary>
    public int groups { get; }
    /// <summary>The activation applied to the output ("linear" when none was given).</summary>
    public ActivationFunction activation { get; }
    /// <summary>Whether the layer adds a bias.</summary>
    public bool use_bias { get; }
    /// <summary>Initializer of the kernel.</summary>
    public Initializer kernel_initializer { get; }
    /// <summary>Initializer of the bias.</summary>
    public Initializer bias_initializer { get; }
    /// <summary>Penalty on the kernel.</summary>
    public Regularizer? kernel_regularizer { get; }
    /// <summary>Penalty on the bias.</summary>
    public Regularizer? bias_regularizer { get; }
    /// <summary>Projection of the kernel after each optimizer step.</summary>
    public Constraint? kernel_constraint { get; }
    /// <summary>Projection of the bias after each optimizer step.</summary>
    public Constraint? bias_constraint { get; }

    /// <summary>The kernel, shape (spatial..., in_channels / groups, filters); null before the layer is built.</summary>
    public Variable? kernel { get; private set; }
    /// <summary>The bias, shape (filters); null without bias or before the layer is built.</summary>
    public Variable? bias { get; private set; }

    /// <inheritdoc />
    public override void build(long?[] input_shape)
    {
        long inChannels = ConvCompute.InputChannels(this, input_shape, _rank, data_format);
        if (inChannels % groups != 0)
            throw new ArgumentException(
                $"The number of input channels must be evenly divisible by the number of groups. Received groups={groups}, but the input has {inChannels} channels (full input shape is {ShapeUtils.Format(input_shape)}).",
                nameof(input_shape));
        compute_output_shape(input_shape);
        var shape = kernel_size.Select(k => (long)k).Append(inChannels / groups).Append(filters).ToArray();
        kernel = add_weight("kernel", shape, kernel_initializer, kernel_regularizer, constraint: kernel_constraint);
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
        var k = kernel!.value;
        ConvCompute.CheckInput(this, inputs, _rank, data_format, k.shape[_rank] * groups);
        var x = SpatialLayout.ToNative(inputs, data_format);
        var y = ConvCompute.Convolve(this, x, ConvCompute.TorchKernel(k), bias?.value, kernel_size, strides, dilation_rate, padding, groups);
        if (!activation.is_linear) y = activation.call(y);
        return SpatialLayout.FromNative(y, data_format);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c.Remove("activity_regularizer");
        c["filters"] = filters;
        c["kernel_size"] = kernel_size.Cast<object?>().ToList();
        c["strides"] = strides.Cast<object?>().ToList();
        c["padding"] = padding;
        c["data_format"] = data_format;
        c["dilation_rate"] = dilation_rate.Cast<object?>().ToList();
        c["groups"] = groups;
        c["activation"] = activation.name;
        c["use_bias"] = use_bias;
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
