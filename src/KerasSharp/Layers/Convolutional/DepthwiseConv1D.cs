using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary>
/// A depthwise convolution over sequences (batch, steps, channels) (Keras: <c>keras.layers.DepthwiseConv1D</c>): every input channel
/// convolved with its own depth_multiplier filters. The kernel is stored as Keras stores it, "kernel" of shape
/// (kernel_size..., in_channels, depth_multiplier), Glorot-uniform; the bias (in_channels * depth_multiplier) starts at
/// zero. See <see cref="BaseDepthwiseConv"/>.
/// </summary>
public sealed class DepthwiseConv1D : BaseDepthwiseConv
{
    /// <summary>Keras's arguments and defaults, in Keras's order.</summary>
    public DepthwiseConv1D(IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", int depth_multiplier = 1, string? data_format = null,
        IntTuple? dilation_rate = null, ActivationFunction? activation = null, bool use_bias = true,
        Initializer? depthwise_initializer = null, Initializer? bias_initializer = null,
        Regularizer? depthwise_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null,
        Constraint? depthwise_constraint = null, Constraint? bias_constraint = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(1, depth_multiplier, kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
            depthwise_initializer, bias_initializer, depthwise_regularizer, bias_regularizer, activity_regularizer,
            depthwise_constraint, bias_constraint, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }
}
