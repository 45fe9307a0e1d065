using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// Adam with decoupled weight decay (Keras: <c>keras.optimizers.AdamW</c>, weight_decay 0.004): <c>w -= lr·wd·w</c>
/// before Keras's Adam step. (torch.optim.AdamW: weight_decay 0.01, ε 1e-8.)
/// </summary>
public sealed class AdamW : Optimizer
{
    /// <summary>Keras's arguments.</summary>
    public AdamW(double learning_rate = 0.001, double weight_decay = 0.004, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
        bool amsgrad = false, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string? name = null)
        : base(learning_rate, name, weight_decay, clipnorm, clipvalue, global_clipnorm)
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
    protected internal override void update_step(Tensor w, Tensor g, Tensor[] slots, long t, double lr) =>
        AdamMath.Step(this, w, g, slots, t, lr, beta_1, beta_2, epsilon, amsgrad);

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
