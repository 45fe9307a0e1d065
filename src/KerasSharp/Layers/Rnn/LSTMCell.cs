using System.Collections.Generic;
using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The LSTM step (Keras: <c>keras.layers.LSTMCell</c>, keras/src/layers/rnn/lstm.py): z = x·W + h·U + b split into
/// the gates i, f, c, o (that order in the kernels, as Keras and libtorch both keep it); i, f, o =
/// recurrent_activation(·), c' = f·c + i·activation(z_c), h' = o·activation(c'). States [h, c].
/// </summary>
public sealed class LSTMCell : DropoutRNNCell
{
    /// <summary>Keras's arguments and defaults; <paramref name="unit_forget_bias"/> starts the forget gate's bias at 1.</summary>
    public LSTMCell(int units, ActivationFunction? activation = null, ActivationFunction? recurrent_activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? recurrent_initializer = null, Initializer? bias_initializer = null,
        bool unit_forget_bias = true,
        Regularizer? kernel_regularizer = null, Regularizer? recurrent_regularizer = null, Regularizer? bias_regularizer = null,
        Constraint? kernel_constraint = null, Constraint? recurrent_constraint = null, Constraint? bias_constraint = null,
        double dropout = 0.0, double recurrent_dropout = 0.0, int? seed = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
            kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint, recurrent_constraint, bias_constraint,
            dropout, recurrent_dropout, seed, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
        this.recurrent_activation = recurrent_activation ?? ActivationFunction.get("sigmoid");
        this.unit_forget_bias = unit_forget_bias;
    }

    /// <summary>The gate activation (sigmoid by default).</summary>
    public ActivationFunction recurrent_activation { get; }
    /// <summary>Whether the forget gate's bias starts at 1.</summary>
    public bool unit_forget_bias { get; }

    internal override int gates => 4;

    /// <inheritdoc />
    public override IReadOnlyList<int> state_size => new[] { units, units };

    private protected override ActivationFunction? gate_activation => recurrent_activation;

    private protected override Initializer bias_initial_value() =>
        unit_forget_bias ? new UnitForgetBias(bias_initializer, units) : bias_initializer;

    internal override (Tensor output, Tensor[] states) step(Tensor projected, Tensor[] states, Tensor[]? recurrentMasks)
    {
        var (h, c) = (states[0], states[1]);
        var z = projected.add(recurrent(h, recurrentMasks, 0, 4));
        var g = z.chunk(4, 1);
        var i = recurrent_activation.call(g[0]);
        var f = recurrent_activation.call(g[1]);
        var c2 = f.mul(c).add_(i.mul(activation.call(g[2])));
        var o = recurrent_activation.call(g[3]);
        var h2 = o.mul(activation.call(c2));
        return (h2, new[] { h2, c2 });
    }

    internal override FusedRecurrence.Kind? fused_kind(bool training) =>
        fusable(training) && activation.name == "tanh" && recurrent_activation.name == "sigmoid" ? FusedRecurrence.Kind.LSTM : null;

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() =>
        Compose(base.get_config(), argument_config(), "units", "activation", "recurrent_activation", "use_bias", "unit_forget_bias",
            "kernel_initializer", "recurrent_initializer", "bias_initializer", "kernel_regularizer", "recurrent_regularizer",
            "bias_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout", "seed");

    /// <summary>Keras's unit_forget_bias initializer: [bias_initializer(units), ones(units), bias_initializer(2·units)].</summary>
    sealed class UnitForgetBias(Initializer inner, int units) : Initializer
    {
        public override Tensor call(long[] shape) =>
            cat(new[] { inner.call(new long[] { units }), ones(units, ScalarType.Float32), inner.call(new long[] { 2L * units }) }, 0);
    }
}
