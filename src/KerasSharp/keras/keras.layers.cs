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
            string? dtype = null, bool trainable = true, int? batch_size = null) =>
            new(units, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer, name, input_shape, input_dim, dtype, trainable, batch_size);

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

    }
}
