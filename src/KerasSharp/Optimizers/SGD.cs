using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// Gradient descent with optional momentum (Keras: <c>keras.optimizers.SGD</c>, learning rate 0.01). Without momentum
/// <c>w -= lr · g</c>; with momentum μ, Keras's velocity form <c>m = μ·m - lr·g; w += m</c>, or with Nesterov
/// <c>w += μ·m - lr·g</c> using the new m. (torch.optim.SGD keeps lr outside the buffer: same path at constant lr.)
/// </summary>
public sealed class SGD : Optimizer
{
    /// <summary>Keras's arguments; <paramref name="momentum"/> must be in [0, 1].</summary>
    public SGD(LearningRate? learning_rate = null, double momentum = 0.0, bool nesterov = false, double? weight_decay = null,
        double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null)
        : base(learning_rate ?? 0.01, name, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency)
    {
        this.momentum = CheckUnitInterval(momentum, nameof(momentum), allowOne: true);
        this.nesterov = nesterov;
    }

    /// <summary>Momentum factor μ.</summary>
    public double momentum { get; }
    /// <summary>Whether to use Nesterov momentum.</summary>
    public bool nesterov { get; }

    /// <inheritdoc />
    protected override int slots_per_variable => momentum != 0 ? 1 : 0;

    /// <inheritdoc />
    protected override string slot_name(int index) => "momentum";

    /// <inheritdoc />
    protected internal override void update_step(Tensor w, Tensor g, Tensor[] slots, long t, double lr)
    {
        if (momentum == 0)
        {
            w.add_(g, -lr);
            return;
        }
        var m = slots[0];
        m.mul_(momentum).add_(g, -lr);
        if (nesterov) w.add_(g, -lr).add_(m, momentum);
        else w.add_(m);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["momentum"] = momentum;
        c["nesterov"] = nesterov;
        return c;
    }
}
