using System.Collections.Generic;
using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary>
/// Fully-connected recurrent layer (Keras: <c>keras.layers.SimpleRNN</c>, keras/src/layers/rnn/simple_rnn.py): an
/// <see cref="RNN"/> of a <see cref="SimpleRNNCell"/> named "simple_rnn_cell": kernel (input_dim, units),
/// recurrent_kernel (units, units), bias (units). Runs on libtorch's fused RNN for tanh and relu without a mask or
/// recurrent dropout in training, else on the step loop.
/// </summary>
public sealed class SimpleRNN : RNN
{
    /// <summary>Keras's arguments and defaults.</summary>
    public SimpleRNN(int units, ActivationFunction? activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? recurrent_initializer = null, Initializer? bias_initializer = null,
        Regularizer? kernel_regularizer = null, Regularizer? recurrent_regularizer = null, Regularizer? bias_regularizer = null,
        Regularizer? activity_regularizer = null,
        Constraint? kernel_constraint = null, Constraint? recurrent_constraint = null, Constraint? bias_constraint = null,
        double dropout = 0.0, double recurrent_dropout = 0.0, int? seed = null,
        bool return_sequences = false, bool return_state = false, bool go_backwards = false, bool stateful = false, bool unroll = false,
        bool zero_output_for_mask = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(new SimpleRNNCell(units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
                kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint, recurrent_constraint,
                bias_constraint, dropout, recurrent_dropout, seed, name: "simple_rnn_cell", dtype: dtype, trainable: trainable),
            return_sequences, return_state, go_backwards, stateful, unroll, zero_output_for_mask, activity_regularizer, name, dtype, trainable,
                input_shape, input_dim, batch_size)
    { }

    /// <summary>The cell.</summary>
    public new SimpleRNNCell cell => (SimpleRNNCell)base.cell;

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() =>
        recurrent_layer_config(cell.argument_config(), "units", "activation", "use_bias",
            "kernel_initializer", "recurrent_initializer", "bias_initializer", "kernel_regularizer",
            "recurrent_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "recurrent_constraint",
            "bias_constraint", "dropout", "recurrent_dropout", "seed");
}
