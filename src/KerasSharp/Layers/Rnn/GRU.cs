using System.Collections.Generic;
using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary>
/// Gated recurrent unit (Keras: <c>keras.layers.GRU</c>, keras/src/layers/rnn/gru.py): an <see cref="RNN"/> of a
/// <see cref="GRUCell"/> named "gru_cell": kernel (input_dim, 3·units), recurrent_kernel (units, 3·units), gates z, r,
/// h, and a bias of shape (2, 3·units) with <c>reset_after</c> (input and recurrent rows) or (3·units) without. Runs on
/// libtorch's fused GRU (which is Keras's reset_after=True) unless the configuration needs the step loop (reset_after
/// false, a mask, recurrent dropout in training, non-default activations).
/// </summary>
public sealed class GRU : RNN
{
    /// <summary>Keras's arguments and defaults; <paramref name="use_cudnn"/>: null = "auto".</summary>
    public GRU(int units, ActivationFunction? activation = null, ActivationFunction? recurrent_activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? recurrent_initializer = null, Initializer? bias_initializer = null,
        Regularizer? kernel_regularizer = null, Regularizer? recurrent_regularizer = null, Regularizer? bias_regularizer = null,
        Regularizer? activity_regularizer = null,
        Constraint? kernel_constraint = null, Constraint? recurrent_constraint = null, Constraint? bias_constraint = null,
        double dropout = 0.0, double recurrent_dropout = 0.0, int? seed = null,
        bool return_sequences = false, bool return_state = false, bool go_backwards = false, bool stateful = false, bool unroll = false,
        bool reset_after = true, bool zero_output_for_mask = false, bool? use_cudnn = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(new GRUCell(units, activation, recurrent_activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
                kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint, recurrent_constraint,
                bias_constraint, dropout, recurrent_dropout, reset_after, seed, name: "gru_cell", dtype: dtype, trainable: trainable),
            return_sequences, return_state, go_backwards, stateful, unroll, zero_output_for_mask, activity_regularizer, name, dtype, trainable,
                input_shape, input_dim, batch_size)
    {
        fused_preference = use_cudnn;
    }

    /// <summary>The cell.</summary>
    public new GRUCell cell => (GRUCell)base.cell;

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var values = cell.argument_config();
        values["reset_after"] = cell.reset_after;
        return recurrent_layer_config(values, "units", "activation", "recurrent_activation", "use_bias",
            "kernel_initializer", "recurrent_initializer", "bias_initializer", "kernel_regularizer",
            "recurrent_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "recurrent_constraint",
            "bias_constraint", "dropout", "recurrent_dropout", "reset_after", "seed");
    }
}
