using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary>
/// A transposed convolution ("deconvolution") over volumes (batch, depth, height, width, channels) (Keras: <c>keras.layers.Conv3DTranspose</c>): the
/// opposite direction of a Conv3D, upsampling by the strides. The kernel is stored as Keras stores it,
/// (kernel_size..., filters, in_channels), Glorot-uniform; the bias starts at zero. See <see cref="BaseConvTranspose"/>.
/// </summary>
public sealed class Conv3DTranspose : BaseConvTranspose
{
    /// <summary>Keras's arguments and defaults, in Keras's order.</summary>
    public Conv3DTranspose(int filters, IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", string? data_format = null, IntTuple? output_padding = null,
        IntTuple? dilation_rate = null, ActivationFunction? activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? bias_initializer = null,
        Regularizer? kernel_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null,
        Constraint? kernel_constraint = null, Constraint? bias_constraint = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(3, filters, kernel_size, strides, padding, output_padding, data_format, dilation_rate, activation, use_bias,
            kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer,
            kernel_constraint, bias_constraint, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }
}
