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
public abstract class BaseConv : ConvolutionLayer
{
    /// <summary>Keras's arguments; <paramref name="rank"/> is the number of spatial dimensions.</summary>
    protected BaseConv(int rank, int filters, IntTuple kernel_size, IntTuple? strides, string padding, string? data_format,
        IntTuple? dilation_rate, int groups, ActivationFunction? activation, bool use_bias,
        Initializer? kernel_initializer, Initializer? bias_initializer,
        Regularizer? kernel_regularizer, Regularizer? bias_regularizer, Regularizer? activity_regularizer,
        Constraint? kernel_constraint, Constraint? bias_constraint,
        string? name, string? dtype, bool trainable, int[]? input_shape, int? input_dim, int? batch_size)
        : base(rank, kernel_size, strides, padding, allowCausal: rank == 1, data_format, dilation_rate, activation, use_bias,
            bias_initializer, bias_regularizer, bias_constraint, name, dtype, trainable, activity_regularizer, input_shape, input_dim, batch_size)
    {
        ConvCompute.CheckPositive(filters, nameof(filters));
        if (groups <= 0)
            throw new ArgumentException($"The number of groups must be a positive integer. Received: groups={groups}.", nameof(groups));
        if (filters % groups != 0)
            throw new ArgumentException($"The number of filters must be evenly divisible by the number of groups. Received: groups={groups}, filters={filters}.", nameof(groups));
        this.filters = filters;
        this.groups = groups;
        this.kernel_initializer = kernel_initializer ?? VarianceScaling.GlorotUniform();
        this.kernel_regularizer = kernel_regularizer;
        this.kernel_constraint = kernel_constraint;
    }

    /// <summary>Number of output channels.</summary>
    public int filters { get; }
    /// <summary>Number of groups the input channels are split into (each sees filters / groups of the kernels).</summary>
    public int groups { get; }
    /// <summary>Initializer of the kernel.</summary>
    public Initializer kernel_initializer { get; }
    /// <summary>Penalty on the kernel.</summary>
    public Regularizer? kernel_regularizer { get; }
    /// <summary>Projection of the kernel after each optimizer step.</summary>
    public Constraint? kernel_constraint { get; }

    /// <summary>The kernel, shape (spatial..., in_channels / groups, filters); null before the layer is built.</summary>
    public Variable? kernel { get; private set; }

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
        var k = kernel!.value;
        return Run(inputs, k.shape[_rank] * groups, x =>
        {
            using var weight = ConvCompute.TorchKernel(k);
            return ConvCompute.Convolve(this, x, weight, bias?.value, kernel_size, strides, dilation_rate, padding, groups);
        });
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c.Remove("activity_regularizer");
        c["filters"] = filters;
        WriteWindow(c);
        WriteLayout(c);
        c["groups"] = groups;
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
