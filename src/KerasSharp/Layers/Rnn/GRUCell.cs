using System.Collections.Generic;
using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The GRU step (Keras: <c>keras.layers.GRUCell</c>, keras/src/layers/rnn/gru.py), gates z, r, h in that order in
/// the kernels: z = σ(x_z + h·U_z), r = σ(x_r + h·U_r), h̃ = activation(x_h + r·(h·U_h + b_rec,h)) with
/// <c>reset_after</c> (the default; the bias then has two rows, input and recurrent), or activation(x_h + (r·h)·U_h)
/// without; h' = z·h + (1 − z)·h̃.
/// </summary>
public sealed class GRUCell : DropoutRNNCell
{
    /// <summary>Keras's arguments and defaults.</summary>
    public GRUCell(int units, ActivationFunction? activation = null, ActivationFunction? recurrent_activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? recurrent_initializer = null, Initializer? bias_initializer = null,
        Regularizer? kernel_regularizer = null, Regularizer? recurrent_regularizer = null, Regularizer? bias_regularizer = null,
        Constraint? kernel_constraint = null, Constraint? recurrent_constraint = null, Constraint? bias_constraint = null,
        double dropout = 0.0, double recurrent_dropout = 0.0, bool reset_after = true, int? seed = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
            kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint, recurrent_constraint, bias_constraint,
            dropout, recurrent_dropout, seed, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
        this.recurrent_activation = recurrent_activation ?? ActivationFunction.get("sigmoid");
        this.reset_after = reset_after;
    }

    /// <summary>The gate activation (sigmoid by default).</summary>
    public ActivationFunction recurrent_activation { get; }
    /// <summary>Whether the reset gate applies after the recurrent matrix product (Keras 3 and cuDNN's convention).</summary>
    public bool reset_after { get; }

    internal override int gates => 3;

    private protected override ActivationFunction? gate_activation => recurrent_activation;

    private protected override long[] bias_shape => reset_after ? new[] { 2L, 3L * units } : new[] { 3L * units };

    private protected override Tensor? input_bias => bias is null ? null : reset_after ? bias.value.select(0, 0) : bias.value;

    internal override (Tensor output, Tensor[] states) step(Tensor projected, Tensor[] states, Tensor[]? recurrentMasks)
    {
        var h = states[0];
        var x = projected.chunk(3, 1);
        Tensor z, r, hh;
        if (reset_after)
        {
            var rec = recurrent(h, recurrentMasks, 0, 3);
            if (bias is not null) rec = rec.add(bias.value.select(0, 1));
            var rg = rec.chunk(3, 1);
            z = recurrent_activation.call(x[0].add(rg[0]));
            r = recurrent_activation.call(x[1].add(rg[1]));
            hh = activation.call(x[2].add(r.mul(rg[2])));
        }
        else
        {
            var rzr = recurrent(h, recurrentMasks, 0, 2).chunk(2, 1);
            z = recurrent_activation.call(x[0].add(rzr[0]));
            r = recurrent_activation.call(x[1].add(rzr[1]));
            var hr = recurrentMasks is { Length: 3 } ? h.mul(recurrentMasks[2]) : recurrentMasks is { Length: 1 } ? h.mul(recurrentMasks[0]) : h;
            hh = activation.call(x[2].add(r.mul(hr).matmul(recurrent_kernel!.value.narrow(1, 2L * units, units))));
        }
        var h2 = z.mul(h).add_(z.neg().add_(1).mul_(hh));
        return (h2, new[] { h2 });
    }

    internal override FusedRecurrence.Kind? fused_kind(bool training) =>
        fusable(training) && reset_after && activation.name == "tanh" && recurrent_activation.name == "sigmoid" ? FusedRecurrence.Kind.GRU : null;

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var values = argument_config();
        values["reset_after"] = reset_after;
        return Compose(base.get_config(), values, "units", "activation", "recurrent_activation", "use_bias",
            "kernel_initializer", "recurrent_initializer", "bias_initializer", "kernel_regularizer", "recurrent_regularizer",
            "bias_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout",
            "reset_after", "seed");
    }
}
