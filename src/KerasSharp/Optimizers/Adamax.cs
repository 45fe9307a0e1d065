using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// Adamax (Keras: <c>keras.optimizers.Adamax</c>: learning rate 1e-3, β1 0.9, β2 0.999, ε 1e-7):
/// <c>m += (g - m)(1 - β1)</c>, <c>u = max(β2·u, |g|)</c>, <c>w -= lr·m / ((1 - β1^t)(u + ε))</c>.
/// </summary>
public sealed class Adamax : Optimizer
{
    /// <summary>Keras's arguments.</summary>
    public Adamax(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null)
        : base(learning_rate ?? 0.001, name, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency)
    {
        this.beta_1 = CheckUnitInterval(beta_1, nameof(beta_1));
        this.beta_2 = CheckUnitInterval(beta_2, nameof(beta_2));
        this.epsilon = CheckNonNegative(epsilon, nameof(epsilon));
    }

    /// <summary>Decay of the first moment.</summary>
    public double beta_1 { get; }
    /// <summary>Decay of the infinity norm.</summary>
    public double beta_2 { get; }
    /// <summary>Added to u.</summary>
    public double epsilon { get; }

    /// <inheritdoc />
    protected override int slots_per_variable => 2;

    /// <inheritdoc />
    protected override string slot_name(int index) => index == 0 ? "m" : "u";

    /// <inheritdoc />
    protected internal override void update_step(Tensor w, Tensor g, Tensor[] slots, long t, double lr)
    {
        var m = slots[0];
        var u = slots[1];
        m.mul_(beta_1).add_(g, 1.0 - beta_1);
        u.copy_(maximum(u.mul(beta_2), g.abs()));
        double correction = 1.0 - Power(beta_1, t);
        w.addcdiv_(m, u.add(epsilon), -lr / correction);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["beta_1"] = beta_1;
        c["beta_2"] = beta_2;
        c["epsilon"] = epsilon;
        return c;
    }
}
