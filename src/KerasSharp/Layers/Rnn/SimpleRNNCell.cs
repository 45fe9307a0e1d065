using System.Collections.Generic;
using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The fully-connected recurrent step (Keras: <c>keras.layers.SimpleRNNCell</c>, keras/src/layers/rnn/simple_rnn.py):
/// h' = activation(x·W + b + h·U).
/// </summary>
public sealed class SimpleRNNCell : DropoutRNNCell
{
    /// <summary>Keras's arguments and defaults.</summary>
    public SimpleRNNCell(int units, ActivationFunction? activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? recurrent_initializer = null, Initializer? bias_initializer = null,
        Regularizer? kernel_regularizer = null, Regularizer? recurrent_regularizer = null, Regularizer? bias_regularizer = null,
        Constraint? kernel_constraint = null, Constraint? recurrent_constraint = null, Constraint? bias_constraint = null,
        double dropout = 0.0, double recurrent_dropout = 0.0, int? seed = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
            kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint, recurrent_constraint, bias_constraint,
            dropout, recurrent_dropout, seed, name, dtype, trainable, input_shape, input_dim, batch_size)
    { }

    internal override int gates => 1;

    internal override (Tensor output, Tensor[] states) step(Tensor projected, Tensor[] states, Tensor[]? recurrentMasks)
    {
        var h = activation.call(projected.add(recurrent(states[0], recurrentMasks, 0, 1)));
        return (h, new[] { h });
    }

    internal override FusedRecurrence.Kind? fused_kind(bool training) =>
        !fusable(training) ? null
        : activation.name == "tanh" ? FusedRecurrence.Kind.RnnTanh
        : activation.name == "relu" ? FusedRecurrence.Kind.RnnRelu
        : null;

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() =>
        Compose(base.get_config(), argument_config(), "units", "activation", "use_bias",
            "kernel_initializer", "recurrent_initializer", "bias_initializer", "kernel_regularizer", "recurrent_regularizer",
            "bias_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout", "seed");
}
