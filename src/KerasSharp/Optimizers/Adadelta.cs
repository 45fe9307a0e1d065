using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// Adadelta (Keras: <c>keras.optimizers.Adadelta</c>: learning rate 1e-3, ρ 0.95, ε 1e-7):
/// <c>Eg = ρ·Eg + (1 - ρ)·g²</c>, <c>Δ = -sqrt(Ed + ε)/sqrt(Eg + ε)·g</c>, <c>Ed = ρ·Ed + (1 - ρ)·Δ²</c>, <c>w += lr·Δ</c>.
/// </summary>
public sealed class Adadelta : Optimizer
{
    /// <summary>Keras's arguments.</summary>
    public Adadelta(LearningRate? learning_rate = null, double rho = 0.95, double epsilon = 1e-7,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null)
        : base(learning_rate ?? 0.001, name, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency)
    {
        this.rho = CheckUnitInterval(rho, nameof(rho));
        this.epsilon = CheckNonNegative(epsilon, nameof(epsilon));
    }

    /// <summary>Decay rate.</summary>
    public double rho { get; }
    /// <summary>Added inside the square roots.</summary>
    public double epsilon { get; }

    /// <inheritdoc />
    protected override int slots_per_variable => 2;

    /// <inheritdoc />
    protected override string slot_name(int index) => index == 0 ? "accumulated_grad" : "accumulated_delta_var";

    /// <inheritdoc />
    protected internal override void update_step(Tensor w, Tensor g, Tensor[] slots, long t, double lr)
    {
        var accumulatedGrad = slots[0];
        var accumulatedDelta = slots[1];
        accumulatedGrad.mul_(rho).addcmul_(g, g, 1.0 - rho);
        var delta = accumulatedDelta.add(epsilon).sqrt_().div_(accumulatedGrad.add(epsilon).sqrt_()).mul_(g).neg_();
        accumulatedDelta.mul_(rho).addcmul_(delta, delta, 1.0 - rho);
        w.add_(delta, lr);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["rho"] = rho;
        c["epsilon"] = epsilon;
        return c;
    }
}
