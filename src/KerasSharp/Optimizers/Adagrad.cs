using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// Adagrad (Keras: <c>keras.optimizers.Adagrad</c>: learning rate 1e-3, accumulator starting at 0.1, ε 1e-7):
/// <c>acc += g²</c>, <c>w -= lr·g / sqrt(acc + ε)</c>. (torch.optim.Adagrad: lr 1e-2, accumulator 0, ε 1e-10 outside.)
/// </summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>Keras's arguments.</summary>
    public Adagrad(LearningRate? learning_rate = null, double initial_accumulator_value = 0.1, double epsilon = 1e-7,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null)
        : base(learning_rate ?? 0.001, name, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency)
    {
        this.initial_accumulator_value = CheckNonNegative(initial_accumulator_value, nameof(initial_accumulator_value));
        this.epsilon = CheckNonNegative(epsilon, nameof(epsilon));
    }

    /// <summary>Starting value of the accumulator.</summary>
    public double initial_accumulator_value { get; }
    /// <summary>Added inside the square root.</summary>
    public double epsilon { get; }

    /// <inheritdoc />
    protected override int slots_per_variable => 1;

    /// <inheritdoc />
    protected override string slot_name(int index) => "accumulator";

    /// <inheritdoc />
    protected override double initial_slot_value(int index) => initial_accumulator_value;

    /// <inheritdoc />
    protected internal override void update_step(Tensor w, Tensor g, Tensor[] slots, long t, double lr)
    {
        var acc = slots[0];
        acc.addcmul_(g, g, 1.0);
        w.addcdiv_(g, acc.add(epsilon).sqrt_(), -lr);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["initial_accumulator_value"] = initial_accumulator_value;
        c["epsilon"] = epsilon;
        return c;
    }
}
