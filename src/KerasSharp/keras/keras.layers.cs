using System;
using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class keras
{
    /// <summary>Layers (Keras: <c>keras.layers</c>).</summary>
    public static class layers
    {
        /// <summary>Declares the input shape (Keras: <c>InputLayer(shape=...)</c>; <paramref name="input_shape"/> is the deprecated alias).</summary>
        public static Layers.InputLayer InputLayer(int[]? shape = null, int? batch_size = null, string? name = null, int[]? input_shape = null, int?[]? batch_shape = null) =>
            new(shape, batch_size, name, input_shape, batch_shape);

        /// <summary>Declares the input shape (Keras: <c>keras.Input(shape=...)</c>); in a Sequential it acts as its InputLayer.</summary>
        public static Layers.InputLayer Input(int[]? shape = null, int? batch_size = null, string? name = null, int?[]? batch_shape = null) =>
            new(shape, batch_size, name, null, batch_shape);

        /// <summary>A densely-connected layer (Keras: <c>Dense(units, activation=...)</c>).</summary>
        public static Layers.Dense Dense(int units, ActivationFunction? activation = null, bool use_bias = true,
            Initializer? kernel_initializer = null, Initializer? bias_initializer = null,
            Regularizer? kernel_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null,
            string? name = null, int[]? input_shape = null, int? input_dim = null,
            string? dtype = null, bool trainable = true, int? batch_size = null,
            Constraints.Constraint? kernel_constraint = null, Constraints.Constraint? bias_constraint = null) =>
            new(units, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer, name, input_shape, input_dim, dtype, trainable, batch_size, kernel_constraint, bias_constraint);

        /// <summary>Applies an activation function (Keras: <c>Activation("relu")</c>).</summary>
        public static Layers.Activation Activation(ActivationFunction activation, string? name = null, string? dtype = null, bool trainable = true,
            int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(activation, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Wraps a TorchSharp module as a layer, e.g. <c>TorchModule(torch.nn.LayerNorm(20))</c> (a KerasSharp extension).</summary>
        public static Layers.TorchModule TorchModule(nn.Module<Tensor, Tensor> module, string? name = null, Func<long?[], long?[]>? output_shape = null) =>
            new(module, name, output_shape);

        /// <summary>Flattens each sample (Keras: <c>Flatten()</c>).</summary>
        public static Layers.Flatten Flatten(string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Reshapes each sample (Keras: <c>Reshape(target_shape)</c>).</summary>
        public static Layers.Reshape Reshape(int[] target_shape, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(target_shape, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Permutes the dimensions of each sample, 1-based (Keras: <c>Permute(dims)</c>).</summary>
        public static Layers.Permute Permute(int[] dims, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(dims, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Repeats each sample n times (Keras: <c>RepeatVector(n)</c>).</summary>
        public static Layers.RepeatVector RepeatVector(int n, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(n, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Returns its input unchanged (Keras: <c>Identity()</c>).</summary>
        public static Layers.Identity Identity(string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Inverted dropout in training (Keras: <c>Dropout(rate, noise_shape, seed)</c>).</summary>
        public static Layers.Dropout Dropout(double rate, int?[]? noise_shape = null, int? seed = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(rate, noise_shape, seed, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Drops whole channels of (batch, steps, channels) inputs (Keras: <c>SpatialDropout1D(rate)</c>).</summary>
        public static Layers.SpatialDropout1D SpatialDropout1D(double rate, int? seed = null, string? name = null, string? dtype = null) => new(rate, seed, name, dtype);

        /// <summary>Drops whole 2D feature maps (Keras: <c>SpatialDropout2D(rate)</c>).</summary>
        public static Layers.SpatialDropout2D SpatialDropout2D(double rate, string? data_format = null, int? seed = null, string? name = null, string? dtype = null) => new(rate, data_format, seed, name, dtype);

        /// <summary>Drops whole 3D feature maps (Keras: <c>SpatialDropout3D(rate)</c>).</summary>
        public static Layers.SpatialDropout3D SpatialDropout3D(double rate, string? data_format = null, int? seed = null, string? name = null, string? dtype = null) => new(rate, data_format, seed, name, dtype);

        /// <summary>Additive Gaussian noise in training (Keras: <c>GaussianNoise(stddev, seed)</c>).</summary>
        public static Layers.GaussianNoise GaussianNoise(double stddev, int? seed = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(stddev, seed, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Multiplicative 1-centred Gaussian noise in training (Keras: <c>GaussianDropout(rate, seed)</c>).</summary>
        public static Layers.GaussianDropout GaussianDropout(double rate, int? seed = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(rate, seed, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>SELU-preserving dropout in training (Keras: <c>AlphaDropout(rate, noise_shape, seed)</c>).</summary>
        public static Layers.AlphaDropout AlphaDropout(double rate, int?[]? noise_shape = null, int? seed = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(rate, noise_shape, seed, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Adds l1·sum(|x|) + l2·sum(x²) of its input to the loss (Keras: <c>ActivityRegularization(l1, l2)</c>).</summary>
        public static Layers.ActivityRegularization ActivityRegularization(double l1 = 0.0, double l2 = 0.0, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(l1, l2, name, dtype, trainable, input_shape, input_dim, batch_size);
    }
}
