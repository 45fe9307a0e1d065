using System.Collections.Generic;
using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary>
/// Long short-term memory (Keras: <c>keras.layers.LSTM</c>, keras/src/layers/rnn/lstm.py): an <see cref="RNN"/> of an
/// <see cref="LSTMCell"/> named "lstm_cell", whose weights are the layer's: kernel (input_dim, 4·units),
/// recurrent_kernel (units, 4·units), bias (4·units), gates i, f, c, o. Runs on libtorch's fused LSTM unless the
/// configuration needs the step loop (a mask, recurrent dropout in training, non-default activations).
/// </summary>
public sealed class LSTM : RNN
{
    /// <summary>Keras's arguments and defaults; <paramref name="use_cudnn"/>: null = "auto".</summary>
    public LSTM(int units, ActivationFunction? activation = null, ActivationFunction? recurrent_activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? recurrent_initializer = null, Initializer? bias_initializer = null,
        bool unit_forget_bias = true,
        Regularizer? kernel_regularizer = null, Regularizer? recurrent_regularizer = null, Regularizer? bias_regularizer = null,
        Regularizer? activity_regularizer = null,
        Constraint? kernel_constraint = null, Constraint? recurrent_constraint = null, Constraint? bias_constraint = null,
        double dropout = 0.0, double recurrent_dropout = 0.0, int? seed = null,
        bool return_sequences = false, bool return_state = false, bool go_backwards = false, bool stateful = false, bool unroll = false,
        bool zero_output_for_mask = false, bool? use_cudnn = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(new LSTMCell(units, activation, recurrent_activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
                unit_forget_bias, kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint, recurrent_constraint,
                bias_constraint, dropout, recurrent_dropout, seed, name: "lstm_cell", dtype: dtype, trainable: trainable),
            return_sequences, return_state, go_backwards, stateful, unroll, zero_output_for_mask, activity_regularizer, name, dtype, trainable,
                input_shape, input_dim, batch_size)
    {
        fused_preference = use_cudnn;
    }

    /// <summary>The cell.</summary>
    public new LSTMCell cell => (LSTMCell)base.cell;

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var values = cell.argument_config();
        values["unit_forget_bias"] = cell.unit_forget_bias;
        return recurrent_layer_config(values, "units", "activation", "recurrent_activation", "use_bias",
            "kernel_initializer", "recurrent_initializer", "bias_initializer", "unit_forget_bias", "kernel_regularizer",
            "recurrent_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "recurrent_constraint",
            "bias_constraint", "dropout", "recurrent_dropout", "seed");
    }
}
