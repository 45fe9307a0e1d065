using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary>
/// A depthwise-separable convolution over sequences (batch, steps, channels) (Keras: <c>keras.layers.SeparableConv1D</c>): a depthwise
/// convolution (depth_multiplier filters per input channel), then a pointwise (1x1) convolution to filters channels.
/// Weights as Keras stores them: depthwise_kernel (kernel_size..., in_channels, depth_multiplier), pointwise_kernel
/// (1..., in_channels * depth_multiplier, filters), both Glorot-uniform, and a zero bias (filters). See
/// <see cref="BaseSeparableConv"/>.
/// </summary>
public sealed class SeparableConv1D : BaseSeparableConv
{
    /// <summary>Keras's arguments and defaults, in Keras's order.</summary>
    public SeparableConv1D(int filters, IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", string? data_format = null,
        IntTuple? dilation_rate = null, int depth_multiplier = 1, ActivationFunction? activation = null, bool use_bias = true,
        Initializer? depthwise_initializer = null, Initializer? pointwise_initializer = null, Initializer? bias_initializer = null,
        Regularizer? depthwise_regularizer = null, Regularizer? pointwise_regularizer = null, Regularizer? bias_regularizer = null,
        Regularizer? activity_regularizer = null,
        Constraint? depthwise_constraint = null, Constraint? pointwise_constraint = null, Constraint? bias_constraint = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(1, depth_multiplier, filters, kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
            depthwise_initializer, pointwise_initializer, bias_initializer,
            depthwise_regularizer, pointwise_regularizer, bias_regularizer, activity_regularizer,
            depthwise_constraint, pointwise_constraint, bias_constraint, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }
}
