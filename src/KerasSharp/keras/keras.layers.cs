using System;
using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Layers;
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

        /// <summary>
        /// A symbolic input tensor (Keras: <c>keras.Input(shape=...)</c>), made by a new InputLayer; in a Sequential it
        /// stands for that InputLayer. Its name is <paramref name="name"/>, else automatic (keras_tensor, ...).
        /// </summary>
        public static Backend.KerasTensor Input(int[]? shape = null, int? batch_size = null, string? name = null, int?[]? batch_shape = null, string? dtype = null)
        {
            var tensorDType = Backend.KerasTensor.StandardizeDType(dtype);
            return Ops.Node.InputTensor(new Layers.InputLayer(shape, batch_size, name, null, batch_shape), tensorDType, name);
        }

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

        /// <summary>Token ids to dense vectors (Keras: <c>Embedding(input_dim, output_dim, mask_zero=...)</c>).</summary>
        public static Layers.Embedding Embedding(int input_dim, int output_dim, Initializer? embeddings_initializer = null, Regularizer? embeddings_regularizer = null, Regularizer? activity_regularizer = null, Constraints.Constraint? embeddings_constraint = null, bool mask_zero = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? batch_size = null) =>
            new(input_dim, output_dim, embeddings_initializer, embeddings_regularizer, activity_regularizer, embeddings_constraint, mask_zero, name, dtype, trainable, input_shape, batch_size);

        /// <summary>Masks the time steps whose features all equal <paramref name="mask_value"/> (Keras: <c>Masking(mask_value=0.0)</c>).</summary>
        public static Layers.Masking Masking(double mask_value = 0.0, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) =>
            new(mask_value, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Long short-term memory (Keras: <c>LSTM(units, ...)</c>).</summary>
        public static Layers.LSTM LSTM(int units, ActivationFunction? activation = null, ActivationFunction? recurrent_activation = null, bool use_bias = true, Initializer? kernel_initializer = null, Initializer? recurrent_initializer = null, Initializer? bias_initializer = null, bool unit_forget_bias = true, Regularizer? kernel_regularizer = null, Regularizer? recurrent_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, Constraints.Constraint? kernel_constraint = null, Constraints.Constraint? recurrent_constraint = null, Constraints.Constraint? bias_constraint = null, double dropout = 0.0, double recurrent_dropout = 0.0, int? seed = null, bool return_sequences = false, bool return_state = false, bool go_backwards = false, bool stateful = false, bool unroll = false, bool zero_output_for_mask = false, bool? use_cudnn = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) =>
            new(units, activation, recurrent_activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer, unit_forget_bias, kernel_regularizer, recurrent_regularizer, bias_regularizer, activity_regularizer, kernel_constraint, recurrent_constraint, bias_constraint, dropout, recurrent_dropout, seed, return_sequences, return_state, go_backwards, stateful, unroll, zero_output_for_mask, use_cudnn, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Gated recurrent unit (Keras: <c>GRU(units, ...)</c>, reset_after=True by default).</summary>
        public static Layers.GRU GRU(int units, ActivationFunction? activation = null, ActivationFunction? recurrent_activation = null, bool use_bias = true, Initializer? kernel_initializer = null, Initializer? recurrent_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null, Regularizer? recurrent_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, Constraints.Constraint? kernel_constraint = null, Constraints.Constraint? recurrent_constraint = null, Constraints.Constraint? bias_constraint = null, double dropout = 0.0, double recurrent_dropout = 0.0, int? seed = null, bool return_sequences = false, bool return_state = false, bool go_backwards = false, bool stateful = false, bool unroll = false, bool reset_after = true, bool zero_output_for_mask = false, bool? use_cudnn = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) =>
            new(units, activation, recurrent_activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer, kernel_regularizer, recurrent_regularizer, bias_regularizer, activity_regularizer, kernel_constraint, recurrent_constraint, bias_constraint, dropout, recurrent_dropout, seed, return_sequences, return_state, go_backwards, stateful, unroll, reset_after, zero_output_for_mask, use_cudnn, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Fully-connected recurrent layer (Keras: <c>SimpleRNN(units, ...)</c>).</summary>
        public static Layers.SimpleRNN SimpleRNN(int units, ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null, Initializer? recurrent_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null, Regularizer? recurrent_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, Constraints.Constraint? kernel_constraint = null, Constraints.Constraint? recurrent_constraint = null, Constraints.Constraint? bias_constraint = null, double dropout = 0.0, double recurrent_dropout = 0.0, int? seed = null, bool return_sequences = false, bool return_state = false, bool go_backwards = false, bool stateful = false, bool unroll = false, bool zero_output_for_mask = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) =>
            new(units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer, kernel_regularizer, recurrent_regularizer, bias_regularizer, activity_regularizer, kernel_constraint, recurrent_constraint, bias_constraint, dropout, recurrent_dropout, seed, return_sequences, return_state, go_backwards, stateful, unroll, zero_output_for_mask, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Runs a recurrent cell over a sequence (Keras: <c>RNN(cell, ...)</c>).</summary>
        public static Layers.RNN RNN(Layers.RecurrentCell cell, bool return_sequences = false, bool return_state = false, bool go_backwards = false, bool stateful = false, bool unroll = false, bool zero_output_for_mask = false, Regularizer? activity_regularizer = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) =>
            new(cell, return_sequences, return_state, go_backwards, stateful, unroll, zero_output_for_mask, activity_regularizer, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>The LSTM step (Keras: <c>LSTMCell(units, ...)</c>).</summary>
        public static Layers.LSTMCell LSTMCell(int units, ActivationFunction? activation = null, ActivationFunction? recurrent_activation = null, bool use_bias = true, Initializer? kernel_initializer = null, Initializer? recurrent_initializer = null, Initializer? bias_initializer = null, bool unit_forget_bias = true, Regularizer? kernel_regularizer = null, Regularizer? recurrent_regularizer = null, Regularizer? bias_regularizer = null, Constraints.Constraint? kernel_constraint = null, Constraints.Constraint? recurrent_constraint = null, Constraints.Constraint? bias_constraint = null, double dropout = 0.0, double recurrent_dropout = 0.0, int? seed = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) =>
            new(units, activation, recurrent_activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer, unit_forget_bias, kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint, recurrent_constraint, bias_constraint, dropout, recurrent_dropout, seed, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>The GRU step (Keras: <c>GRUCell(units, ...)</c>).</summary>
        public static Layers.GRUCell GRUCell(int units, ActivationFunction? activation = null, ActivationFunction? recurrent_activation = null, bool use_bias = true, Initializer? kernel_initializer = null, Initializer? recurrent_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null, Regularizer? recurrent_regularizer = null, Regularizer? bias_regularizer = null, Constraints.Constraint? kernel_constraint = null, Constraints.Constraint? recurrent_constraint = null, Constraints.Constraint? bias_constraint = null, double dropout = 0.0, double recurrent_dropout = 0.0, bool reset_after = true, int? seed = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) =>
            new(units, activation, recurrent_activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer, kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint, recurrent_constraint, bias_constraint, dropout, recurrent_dropout, reset_after, seed, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>The SimpleRNN step (Keras: <c>SimpleRNNCell(units, ...)</c>).</summary>
        public static Layers.SimpleRNNCell SimpleRNNCell(int units, ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null, Initializer? recurrent_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null, Regularizer? recurrent_regularizer = null, Regularizer? bias_regularizer = null, Constraints.Constraint? kernel_constraint = null, Constraints.Constraint? recurrent_constraint = null, Constraints.Constraint? bias_constraint = null, double dropout = 0.0, double recurrent_dropout = 0.0, int? seed = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) =>
            new(units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer, kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint, recurrent_constraint, bias_constraint, dropout, recurrent_dropout, seed, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>1-D convolution (Keras: <c>Conv1D(filters, kernel_size, ...)</c>).</summary>
        public static Layers.Conv1D Conv1D(int filters, IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", string? data_format = null, IntTuple? dilation_rate = null, int groups = 1, ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, Constraint? kernel_constraint = null, Constraint? bias_constraint = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(filters, kernel_size, strides, padding, data_format, dilation_rate, groups, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>2-D convolution (Keras: <c>Conv2D(filters, kernel_size, ...)</c>).</summary>
        public static Layers.Conv2D Conv2D(int filters, IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", string? data_format = null, IntTuple? dilation_rate = null, int groups = 1, ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, Constraint? kernel_constraint = null, Constraint? bias_constraint = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(filters, kernel_size, strides, padding, data_format, dilation_rate, groups, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>3-D convolution (Keras: <c>Conv3D(filters, kernel_size, ...)</c>).</summary>
        public static Layers.Conv3D Conv3D(int filters, IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", string? data_format = null, IntTuple? dilation_rate = null, int groups = 1, ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, Constraint? kernel_constraint = null, Constraint? bias_constraint = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(filters, kernel_size, strides, padding, data_format, dilation_rate, groups, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>1-D max pooling (Keras: <c>MaxPooling1D(pool_size=2, ...)</c>).</summary>
        public static Layers.MaxPooling1D MaxPooling1D(IntTuple? pool_size = null, IntTuple? strides = null, string padding = "valid", string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(pool_size, strides, padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Alias of <see cref="MaxPooling1D"/> (Keras: <c>MaxPool1D</c>).</summary>
        public static Layers.MaxPooling1D MaxPool1D(IntTuple? pool_size = null, IntTuple? strides = null, string padding = "valid", string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(pool_size, strides, padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>2-D max pooling (Keras: <c>MaxPooling2D(pool_size=2, ...)</c>).</summary>
        public static Layers.MaxPooling2D MaxPooling2D(IntTuple? pool_size = null, IntTuple? strides = null, string padding = "valid", string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(pool_size, strides, padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Alias of <see cref="MaxPooling2D"/> (Keras: <c>MaxPool2D</c>).</summary>
        public static Layers.MaxPooling2D MaxPool2D(IntTuple? pool_size = null, IntTuple? strides = null, string padding = "valid", string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(pool_size, strides, padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>3-D max pooling (Keras: <c>MaxPooling3D(pool_size=2, ...)</c>).</summary>
        public static Layers.MaxPooling3D MaxPooling3D(IntTuple? pool_size = null, IntTuple? strides = null, string padding = "valid", string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(pool_size, strides, padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Alias of <see cref="MaxPooling3D"/> (Keras: <c>MaxPool3D</c>).</summary>
        public static Layers.MaxPooling3D MaxPool3D(IntTuple? pool_size = null, IntTuple? strides = null, string padding = "valid", string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(pool_size, strides, padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>1-D average pooling (Keras: <c>AveragePooling1D(pool_size=2, ...)</c>).</summary>
        public static Layers.AveragePooling1D AveragePooling1D(IntTuple? pool_size = null, IntTuple? strides = null, string padding = "valid", string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(pool_size, strides, padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Alias of <see cref="AveragePooling1D"/> (Keras: <c>AvgPool1D</c>).</summary>
        public static Layers.AveragePooling1D AvgPool1D(IntTuple? pool_size = null, IntTuple? strides = null, string padding = "valid", string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(pool_size, strides, padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>2-D average pooling (Keras: <c>AveragePooling2D(pool_size=2, ...)</c>).</summary>
        public static Layers.AveragePooling2D AveragePooling2D(IntTuple? pool_size = null, IntTuple? strides = null, string padding = "valid", string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(pool_size, strides, padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Alias of <see cref="AveragePooling2D"/> (Keras: <c>AvgPool2D</c>).</summary>
        public static Layers.AveragePooling2D AvgPool2D(IntTuple? pool_size = null, IntTuple? strides = null, string padding = "valid", string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(pool_size, strides, padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>3-D average pooling (Keras: <c>AveragePooling3D(pool_size=2, ...)</c>).</summary>
        public static Layers.AveragePooling3D AveragePooling3D(IntTuple? pool_size = null, IntTuple? strides = null, string padding = "valid", string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(pool_size, strides, padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Alias of <see cref="AveragePooling3D"/> (Keras: <c>AvgPool3D</c>).</summary>
        public static Layers.AveragePooling3D AvgPool3D(IntTuple? pool_size = null, IntTuple? strides = null, string padding = "valid", string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(pool_size, strides, padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Global max pooling over 1 spatial dimension(s) (Keras: <c>GlobalMaxPooling1D(keepdims=False)</c>).</summary>
        public static Layers.GlobalMaxPooling1D GlobalMaxPooling1D(string? data_format = null, bool keepdims = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Alias of <see cref="GlobalMaxPooling1D"/> (Keras: <c>GlobalMaxPool1D</c>).</summary>
        public static Layers.GlobalMaxPooling1D GlobalMaxPool1D(string? data_format = null, bool keepdims = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Global max pooling over 2 spatial dimension(s) (Keras: <c>GlobalMaxPooling2D(keepdims=False)</c>).</summary>
        public static Layers.GlobalMaxPooling2D GlobalMaxPooling2D(string? data_format = null, bool keepdims = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Alias of <see cref="GlobalMaxPooling2D"/> (Keras: <c>GlobalMaxPool2D</c>).</summary>
        public static Layers.GlobalMaxPooling2D GlobalMaxPool2D(string? data_format = null, bool keepdims = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Global max pooling over 3 spatial dimension(s) (Keras: <c>GlobalMaxPooling3D(keepdims=False)</c>).</summary>
        public static Layers.GlobalMaxPooling3D GlobalMaxPooling3D(string? data_format = null, bool keepdims = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Alias of <see cref="GlobalMaxPooling3D"/> (Keras: <c>GlobalMaxPool3D</c>).</summary>
        public static Layers.GlobalMaxPooling3D GlobalMaxPool3D(string? data_format = null, bool keepdims = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Global average pooling over 1 spatial dimension(s) (Keras: <c>GlobalAveragePooling1D(keepdims=False)</c>).</summary>
        public static Layers.GlobalAveragePooling1D GlobalAveragePooling1D(string? data_format = null, bool keepdims = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Alias of <see cref="GlobalAveragePooling1D"/> (Keras: <c>GlobalAvgPool1D</c>).</summary>
        public static Layers.GlobalAveragePooling1D GlobalAvgPool1D(string? data_format = null, bool keepdims = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Global average pooling over 2 spatial dimension(s) (Keras: <c>GlobalAveragePooling2D(keepdims=False)</c>).</summary>
        public static Layers.GlobalAveragePooling2D GlobalAveragePooling2D(string? data_format = null, bool keepdims = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Alias of <see cref="GlobalAveragePooling2D"/> (Keras: <c>GlobalAvgPool2D</c>).</summary>
        public static Layers.GlobalAveragePooling2D GlobalAvgPool2D(string? data_format = null, bool keepdims = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Global average pooling over 3 spatial dimension(s) (Keras: <c>GlobalAveragePooling3D(keepdims=False)</c>).</summary>
        public static Layers.GlobalAveragePooling3D GlobalAveragePooling3D(string? data_format = null, bool keepdims = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Alias of <see cref="GlobalAveragePooling3D"/> (Keras: <c>GlobalAvgPool3D</c>).</summary>
        public static Layers.GlobalAveragePooling3D GlobalAvgPool3D(string? data_format = null, bool keepdims = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(data_format, keepdims, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Batch normalization (Keras: <c>BatchNormalization(axis=-1, momentum=0.99, epsilon=1e-3)</c>).</summary>
        public static Layers.BatchNormalization BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true, Initializer? beta_initializer = null, Initializer? gamma_initializer = null, Initializer? moving_mean_initializer = null, Initializer? moving_variance_initializer = null, Regularizer? beta_regularizer = null, Regularizer? gamma_regularizer = null, Constraint? beta_constraint = null, Constraint? gamma_constraint = null, bool synchronized = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(axis, momentum, epsilon, center, scale, beta_initializer, gamma_initializer, moving_mean_initializer, moving_variance_initializer, beta_regularizer, gamma_regularizer, beta_constraint, gamma_constraint, synchronized, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Repeats each step (Keras: <c>UpSampling1D(size=2)</c>).</summary>
        public static Layers.UpSampling1D UpSampling1D(int size = 2, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(size, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Repeats rows and columns (Keras: <c>UpSampling2D(size=(2, 2))</c>, "nearest").</summary>
        public static Layers.UpSampling2D UpSampling2D(IntTuple? size = null, string? data_format = null, string interpolation = "nearest", string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(size, data_format, interpolation, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Repeats the three spatial axes (Keras: <c>UpSampling3D(size=(2, 2, 2))</c>).</summary>
        public static Layers.UpSampling3D UpSampling3D(IntTuple? size = null, string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(size, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>inputs * scale + offset (Keras: <c>Rescaling(scale, offset=0.0)</c>).</summary>
        public static Layers.Rescaling Rescaling(double scale, double offset = 0.0, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(scale, offset, name, dtype, trainable, input_shape, input_dim, batch_size);
        /// <summary>A recurrent layer run both ways and merged (Keras: <c>Bidirectional(layer, merge_mode="concat")</c>).</summary>
        public static Layers.Bidirectional Bidirectional(Layers.RNN layer, string? merge_mode = "concat", Layers.RNN? backward_layer = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) =>
            new(layer, merge_mode, backward_layer, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>A layer applied at every time step (Keras: <c>TimeDistributed(layer)</c>).</summary>
        public static Layers.TimeDistributed TimeDistributed(Layers.Layer layer, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) =>
            new(layer, name, dtype, trainable, input_shape, input_dim, batch_size);
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
        /// <summary>Adds a list of tensors element-wise (Keras: <c>Add()</c>).</summary>
        public static Layers.Add Add(string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Subtracts the second of two tensors from the first (Keras: <c>Subtract()</c>).</summary>
        public static Layers.Subtract Subtract(string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Multiplies a list of tensors element-wise (Keras: <c>Multiply()</c>).</summary>
        public static Layers.Multiply Multiply(string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Averages a list of tensors element-wise (Keras: <c>Average()</c>).</summary>
        public static Layers.Average Average(string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>The element-wise maximum of a list of tensors (Keras: <c>Maximum()</c>).</summary>
        public static Layers.Maximum Maximum(string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>The element-wise minimum of a list of tensors (Keras: <c>Minimum()</c>).</summary>
        public static Layers.Minimum Minimum(string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Concatenates a list of tensors along an axis (Keras: <c>Concatenate(axis=-1)</c>).</summary>
        public static Layers.Concatenate Concatenate(int axis = -1, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(axis, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>The sample-wise dot product along one axis (<c>axes: [1]</c>) or an axis of each input (<c>axes: [1, 2]</c>) (Keras: <c>Dot(axes, normalize=False)</c>).</summary>
        public static Layers.Dot Dot(int[] axes, bool normalize = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(axes, normalize, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Resizes images to (height, width) (Keras: <c>Resizing(height, width, interpolation="bilinear", crop_to_aspect_ratio=False, pad_to_aspect_ratio=False)</c>).</summary>
        public static Layers.Resizing Resizing(int height, int width, string interpolation = "bilinear", bool crop_to_aspect_ratio = false, bool pad_to_aspect_ratio = false, string fill_mode = "constant", double fill_value = 0.0, bool antialias = false, string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(height, width, interpolation, crop_to_aspect_ratio, pad_to_aspect_ratio, fill_mode, fill_value, antialias, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);
        /// <summary>Crops the central (height, width) window of images (Keras: <c>CenterCrop(height, width)</c>).</summary>
        public static Layers.CenterCrop CenterCrop(int height, int width, string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(height, width, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);
        /// <summary>Random flips in training (Keras: <c>RandomFlip(mode="horizontal_and_vertical", seed=None)</c>).</summary>
        public static Layers.RandomFlip RandomFlip(string mode = "horizontal_and_vertical", int? seed = null, string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(mode, seed, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);
        /// <summary>Random rotations in training (Keras: <c>RandomRotation(factor, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0)</c>).</summary>
        public static Layers.RandomRotation RandomRotation(Layers.FloatRange factor, string fill_mode = "reflect", string interpolation = "bilinear", int? seed = null, double fill_value = 0.0, string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(factor, fill_mode, interpolation, seed, fill_value, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);
        /// <summary>Random zooms in training (Keras: <c>RandomZoom(height_factor, width_factor=None, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0)</c>).</summary>
        public static Layers.RandomZoom RandomZoom(Layers.FloatRange height_factor, Layers.FloatRange? width_factor = null, string fill_mode = "reflect", string interpolation = "bilinear", int? seed = null, double fill_value = 0.0, string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(height_factor, width_factor, fill_mode, interpolation, seed, fill_value, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);
        /// <summary>Random shifts in training (Keras: <c>RandomTranslation(height_factor, width_factor, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0)</c>).</summary>
        public static Layers.RandomTranslation RandomTranslation(Layers.FloatRange height_factor, Layers.FloatRange width_factor, string fill_mode = "reflect", string interpolation = "bilinear", int? seed = null, double fill_value = 0.0, string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(height_factor, width_factor, fill_mode, interpolation, seed, fill_value, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);
        /// <summary>A random (height, width) crop in training (Keras: <c>RandomCrop(height, width, seed=None)</c>).</summary>
        public static Layers.RandomCrop RandomCrop(int height, int width, int? seed = null, string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(height, width, seed, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);
        /// <summary>Random contrast changes in training (Keras: <c>RandomContrast(factor, value_range=(0, 255), seed=None)</c>).</summary>
        public static Layers.RandomContrast RandomContrast(Layers.FloatRange factor, Layers.FloatRange? value_range = null, int? seed = null, string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(factor, value_range, seed, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);
        /// <summary>1-D transposed convolution (Keras: <c>Conv1DTranspose(filters, kernel_size, strides, ...)</c>).</summary>
        public static Layers.Conv1DTranspose Conv1DTranspose(int filters, IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", IntTuple? output_padding = null, string? data_format = null, IntTuple? dilation_rate = null, ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, Constraint? kernel_constraint = null, Constraint? bias_constraint = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(filters, kernel_size, strides, padding, output_padding, data_format, dilation_rate, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>2-D transposed convolution (Keras: <c>Conv2DTranspose(filters, kernel_size, strides, ...)</c>).</summary>
        public static Layers.Conv2DTranspose Conv2DTranspose(int filters, IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", IntTuple? output_padding = null, string? data_format = null, IntTuple? dilation_rate = null, ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, Constraint? kernel_constraint = null, Constraint? bias_constraint = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(filters, kernel_size, strides, padding, output_padding, data_format, dilation_rate, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>3-D transposed convolution (Keras: <c>Conv3DTranspose(filters, kernel_size, strides, ...)</c>).</summary>
        public static Layers.Conv3DTranspose Conv3DTranspose(int filters, IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", string? data_format = null, IntTuple? output_padding = null, IntTuple? dilation_rate = null, ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, Constraint? kernel_constraint = null, Constraint? bias_constraint = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(filters, kernel_size, strides, padding, data_format, output_padding, dilation_rate, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>1-D depthwise convolution (Keras: <c>DepthwiseConv1D(kernel_size, strides, padding, depth_multiplier, ...)</c>).</summary>
        public static Layers.DepthwiseConv1D DepthwiseConv1D(IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", int depth_multiplier = 1, string? data_format = null, IntTuple? dilation_rate = null, ActivationFunction? activation = null, bool use_bias = true, Initializer? depthwise_initializer = null, Initializer? bias_initializer = null, Regularizer? depthwise_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, Constraint? depthwise_constraint = null, Constraint? bias_constraint = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(kernel_size, strides, padding, depth_multiplier, data_format, dilation_rate, activation, use_bias, depthwise_initializer, bias_initializer, depthwise_regularizer, bias_regularizer, activity_regularizer, depthwise_constraint, bias_constraint, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>1-D depthwise-separable convolution (Keras: <c>SeparableConv1D(filters, kernel_size, ...)</c>).</summary>
        public static Layers.SeparableConv1D SeparableConv1D(int filters, IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", string? data_format = null, IntTuple? dilation_rate = null, int depth_multiplier = 1, ActivationFunction? activation = null, bool use_bias = true, Initializer? depthwise_initializer = null, Initializer? pointwise_initializer = null, Initializer? bias_initializer = null, Regularizer? depthwise_regularizer = null, Regularizer? pointwise_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, Constraint? depthwise_constraint = null, Constraint? pointwise_constraint = null, Constraint? bias_constraint = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(filters, kernel_size, strides, padding, data_format, dilation_rate, depth_multiplier, activation, use_bias, depthwise_initializer, pointwise_initializer, bias_initializer, depthwise_regularizer, pointwise_regularizer, bias_regularizer, activity_regularizer, depthwise_constraint, pointwise_constraint, bias_constraint, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>2-D depthwise convolution (Keras: <c>DepthwiseConv2D(kernel_size, strides, padding, depth_multiplier, ...)</c>).</summary>
        public static Layers.DepthwiseConv2D DepthwiseConv2D(IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", int depth_multiplier = 1, string? data_format = null, IntTuple? dilation_rate = null, ActivationFunction? activation = null, bool use_bias = true, Initializer? depthwise_initializer = null, Initializer? bias_initializer = null, Regularizer? depthwise_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, Constraint? depthwise_constraint = null, Constraint? bias_constraint = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(kernel_size, strides, padding, depth_multiplier, data_format, dilation_rate, activation, use_bias, depthwise_initializer, bias_initializer, depthwise_regularizer, bias_regularizer, activity_regularizer, depthwise_constraint, bias_constraint, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>2-D depthwise-separable convolution (Keras: <c>SeparableConv2D(filters, kernel_size, ...)</c>).</summary>
        public static Layers.SeparableConv2D SeparableConv2D(int filters, IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", string? data_format = null, IntTuple? dilation_rate = null, int depth_multiplier = 1, ActivationFunction? activation = null, bool use_bias = true, Initializer? depthwise_initializer = null, Initializer? pointwise_initializer = null, Initializer? bias_initializer = null, Regularizer? depthwise_regularizer = null, Regularizer? pointwise_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null, Constraint? depthwise_constraint = null, Constraint? pointwise_constraint = null, Constraint? bias_constraint = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(filters, kernel_size, strides, padding, data_format, dilation_rate, depth_multiplier, activation, use_bias, depthwise_initializer, pointwise_initializer, bias_initializer, depthwise_regularizer, pointwise_regularizer, bias_regularizer, activity_regularizer, depthwise_constraint, pointwise_constraint, bias_constraint, name, dtype, trainable, input_shape, input_dim, batch_size);
        /// <summary>Zeros at both ends of the steps axis (Keras: <c>ZeroPadding1D(padding=1)</c>).</summary>
        public static Layers.ZeroPadding1D ZeroPadding1D(IntTuple? padding = null, string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Rows and columns of zeros around images (Keras: <c>ZeroPadding2D(padding=(1, 1))</c>).</summary>
        public static Layers.ZeroPadding2D ZeroPadding2D(IntPairs? padding = null, string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Zeros around volumes (Keras: <c>ZeroPadding3D(padding=((1, 1), (1, 1), (1, 1)))</c>).</summary>
        public static Layers.ZeroPadding3D ZeroPadding3D(IntPairs? padding = null, string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(padding, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Removes steps at both ends of sequences (Keras: <c>Cropping1D(cropping=(1, 1))</c>).</summary>
        public static Layers.Cropping1D Cropping1D(IntTuple? cropping = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(cropping, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Removes rows and columns at the borders of images (Keras: <c>Cropping2D(cropping=((0, 0), (0, 0)))</c>).</summary>
        public static Layers.Cropping2D Cropping2D(IntPairs? cropping = null, string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(cropping, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Removes slices at the borders of volumes (Keras: <c>Cropping3D(cropping=((1, 1), (1, 1), (1, 1)))</c>).</summary>
        public static Layers.Cropping3D Cropping3D(IntPairs? cropping = null, string? data_format = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(cropping, data_format, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Normalizes each sample over its last axis or axes (Keras: <c>LayerNormalization(axis=-1, epsilon=1e-3)</c>).</summary>
        public static Layers.LayerNormalization LayerNormalization(IntTuple? axis = null, double epsilon = 1e-3, bool center = true, bool scale = true, Initializer? beta_initializer = null, Initializer? gamma_initializer = null, Regularizer? beta_regularizer = null, Regularizer? gamma_regularizer = null, Constraint? beta_constraint = null, Constraint? gamma_constraint = null, bool rms_scaling = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(axis, epsilon, center, scale, beta_initializer, gamma_initializer, beta_regularizer, gamma_regularizer, beta_constraint, gamma_constraint, rms_scaling, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Normalizes groups of channels (Keras: <c>GroupNormalization(groups=32, axis=-1, epsilon=1e-3)</c>).</summary>
        public static Layers.GroupNormalization GroupNormalization(int groups = 32, int axis = -1, double epsilon = 1e-3, bool center = true, bool scale = true, Initializer? beta_initializer = null, Initializer? gamma_initializer = null, Regularizer? beta_regularizer = null, Regularizer? gamma_regularizer = null, Constraint? beta_constraint = null, Constraint? gamma_constraint = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(groups, axis, epsilon, center, scale, beta_initializer, gamma_initializer, beta_regularizer, gamma_regularizer, beta_constraint, gamma_constraint, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Scales each sample to unit L2 norm (Keras: <c>UnitNormalization(axis=-1)</c>).</summary>
        public static Layers.UnitNormalization UnitNormalization(IntTuple? axis = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(axis, name, dtype, trainable, input_shape, input_dim, batch_size);

        /// <summary>Standardizes features with given or adapted statistics (Keras: <c>Normalization(axis=-1, mean=None, variance=None, invert=False)</c>; Keras's <c>axis=None</c> is <c>axis: []</c>).</summary>
        public static Layers.Normalization Normalization(int[]? axis = null, double[]? mean = null, double[]? variance = null, bool invert = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null) => new(axis, mean, variance, invert, name, dtype, trainable, input_shape, input_dim, batch_size);

    }
}
