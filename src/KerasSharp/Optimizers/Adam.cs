using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// Adam (Keras: <c>keras.optimizers.Adam</c>: learning rate 1e-3, β1 0.9, β2 0.999, ε 1e-7). Keras's form:
/// <c>m += (g - m)(1 - β1)</c>, <c>v += (g² - v)(1 - β2)</c>, <c>α = lr·sqrt(1 - β2^t)/(1 - β1^t)</c>,
/// <c>w -= α·m / (sqrt(v) + ε)</c>: ε is added to the uncorrected sqrt(v) ("epsilon hat"), unlike torch.optim.Adam
/// (ε 1e-8 after bias correction). With <c>amsgrad</c> the running maximum of v is used.
/// </summary>
public class Adam : Optimizer
{
    /// <summary>Keras's arguments.</summary>
    public Adam(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7, bool amsgrad = false,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null)
        : base(learning_rate ?? 0.001, name, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency)
    {
        this.beta_1 = CheckUnitInterval(beta_1, nameof(beta_1));
        this.beta_2 = CheckUnitInterval(beta_2, nameof(beta_2));
        this.epsilon = CheckNonNegative(epsilon, nameof(epsilon));
        this.amsgrad = amsgrad;
    }

    /// <summary>Decay of the first moment.</summary>
    public double beta_1 { get; }
    /// <summary>Decay of the second moment.</summary>
    public double beta_2 { get; }
    /// <summary>Added to sqrt(v).</summary>
    public double epsilon { get; }
    /// <summary>Whether to use the running maximum of v.</summary>
    public bool amsgrad { get; }

    /// <inheritdoc />
    protected override int slots_per_variable => amsgrad ? 3 : 2;

    /// <inheritdoc />
    protected override string slot_name(int index) => new[] { "momentum", "velocity", "velocity_hat" }[index];

    /// <inheritdoc />
    protected internal override void update_step(Tensor w, Tensor g, Tensor[] slots, long t, double lr)
    {
        var m = slots[0];
        var v = slots[1];
        // Keras casts β to float32 before raising it to t (ops.power on float32 tensors).
        float alpha = (float)lr * MathF.Sqrt(1f - (float)Power(beta_2, t)) / (1f - (float)Power(beta_1, t));
        m.mul_(constant(beta_1)).add_(g, constant(1.0 - beta_1));
        v.mul_(constant(beta_2)).addcmul_(g, g, constant(1.0 - beta_2));
        var vUsed = v;
        if (amsgrad)
        {
            slots[2].copy_(maximum(slots[2], v));
            vUsed = slots[2];
        }
        // The step size changes every step: its Scalar is freed here rather than by the finalizer.
        using var step = (-alpha).ToScalar();
        w.addcdiv_(m, vUsed.sqrt().add_(constant(epsilon)), step);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["beta_1"] = beta_1;
        c["beta_2"] = beta_2;
        c["epsilon"] = epsilon;
        c["amsgrad"] = amsgrad;
        return c;
    }
}
