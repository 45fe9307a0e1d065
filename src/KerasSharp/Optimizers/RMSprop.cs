using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// RMSprop (Keras: <c>keras.optimizers.RMSprop</c>: learning rate 1e-3, ρ 0.9, ε 1e-7): <c>v = ρ·v + (1 - ρ)·g²</c>,
/// <c>w -= lr·g / sqrt(v + ε)</c> with ε inside the square root; centered subtracts the squared running mean of g;
/// momentum accumulates the increments. (torch.optim.RMSprop: lr 1e-2, α 0.99, ε 1e-8 outside the root.)
/// </summary>
public sealed class RMSprop : Optimizer
{
    /// <summary>Keras's arguments.</summary>
    public RMSprop(LearningRate? learning_rate = null, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7, bool centered = false,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null)
        : base(learning_rate ?? 0.001, name, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency)
    {
        this.rho = CheckUnitInterval(rho, nameof(rho));
        this.momentum = CheckUnitInterval(momentum, nameof(momentum), allowOne: true);
        this.epsilon = CheckNonNegative(epsilon, nameof(epsilon));
        this.centered = centered;
    }

    /// <summary>Decay of the mean square.</summary>
    public double rho { get; }
    /// <summary>Momentum of the increments.</summary>
    public double momentum { get; }
    /// <summary>Added inside the square root.</summary>
    public double epsilon { get; }
    /// <summary>Whether to normalise by the variance instead of the mean square.</summary>
    public bool centered { get; }

    // Slots: velocity, then momentum (if any), then the average gradient (if centered).
    /// <inheritdoc />
    protected override int slots_per_variable => 1 + (momentum > 0 ? 1 : 0) + (centered ? 1 : 0);

    /// <inheritdoc />
    protected override string slot_name(int index) => index == 0 ? "velocity" : index == 1 && momentum > 0 ? "momentum" : "average_gradient";

    /// <inheritdoc />
    protected internal override void update_step(Tensor w, Tensor g, Tensor[] slots, long t, double lr)
    {
        var v = slots[0];
        v.mul_(rho).addcmul_(g, g, 1.0 - rho);
        Tensor denominator;
        if (centered)
        {
            var average = slots[momentum > 0 ? 2 : 1];
            average.mul_(rho).add_(g, 1.0 - rho);
            denominator = v.sub(average.square()).add_(epsilon);
        }
        else denominator = v.add(epsilon);
        var increment = g.mul(lr).div_(denominator.sqrt_());
        if (momentum > 0)
        {
            var mom = slots[1];
            mom.mul_(momentum).add_(increment);
            w.sub_(mom);
        }
        else w.sub_(increment);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["rho"] = rho;
        c["momentum"] = momentum;
        c["epsilon"] = epsilon;
        c["centered"] = centered;
        return c;
    }
}
