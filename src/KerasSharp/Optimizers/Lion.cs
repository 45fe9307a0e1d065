using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// Lion (Keras: <c>keras.optimizers.Lion</c>: learning rate 1e-3, β1 0.9, β2 0.99):
/// <c>w -= lr·sign(β1·m + (1 - β1)·g)</c>, then <c>m = β2·m + (1 - β2)·g</c>.
/// </summary>
public sealed class Lion : Optimizer
{
    /// <summary>Keras's arguments; β1 must be in (0, 1].</summary>
    public Lion(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.99,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null)
        : base(learning_rate ?? 0.001, name, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency)
    {
        if (!(beta_1 > 0 && beta_1 <= 1))
            throw new System.ArgumentException($"Argument for `beta_1` must be in (0, 1]. Received: beta_1={beta_1}", nameof(beta_1));
        this.beta_1 = beta_1;
        this.beta_2 = CheckUnitInterval(beta_2, nameof(beta_2));
    }

    /// <summary>Interpolation factor for the update direction.</summary>
    public double beta_1 { get; }
    /// <summary>Decay of the momentum.</summary>
    public double beta_2 { get; }

    /// <inheritdoc />
    protected override int slots_per_variable => 1;

    /// <inheritdoc />
    protected override string slot_name(int index) => "momentum";

    /// <inheritdoc />
    protected internal override void update_step(Tensor w, Tensor g, Tensor[] slots, long t, double lr)
    {
        var m = slots[0];
        w.add_(m.mul(beta_1).add_(g, 1.0 - beta_1).sign_(), -lr);
        m.mul_(beta_2).add_(g, 1.0 - beta_2);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["beta_1"] = beta_1;
        c["beta_2"] = beta_2;
        return c;
    }
}
