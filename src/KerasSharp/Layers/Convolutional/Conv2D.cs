using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary>
/// A spatial convolution over images (batch, height, width, channels) (Keras: <c>keras.layers.Conv2D</c>). The kernel is stored as Keras stores it,
/// (kernel_size..., in_channels / groups, filters), Glorot-uniform; the bias starts at zero. See <see cref="BaseConv"/>.
/// </summary>
public sealed class Conv2D : BaseConv
{
    /// <summary>Keras's arguments and defaults.</summary>
    public Conv2D(int filters, IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", string? data_format = null,
        IntTuple? dilation_rate = null, int groups = 1, ActivationFunction? activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? bias_initializer = null,
        Regularizer? kernel_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null,
        Constraint? kernel_constraint = null, Constraint? bias_constraint = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(2, filters, kernel_size, strides, padding, data_format, dilation_rate, groups, activation, use_bias,
            kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer,
            kernel_constraint, bias_constraint, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
    }
}
