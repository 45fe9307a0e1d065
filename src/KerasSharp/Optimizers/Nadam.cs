using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// Nadam (Keras: <c>keras.optimizers.Nadam</c>: learning rate 1e-3, β1 0.9, β2 0.999, ε 1e-7) with Keras's momentum
/// schedule <c>u_t = β1(1 - 0.5·0.96^t)</c> and running product Π: <c>m̂ = u_{t+1}·m/(1 - Π·u_{t+1}) + (1 - u_t)·g/(1 - Π)</c>,
/// <c>v̂ = v/(1 - β2^t)</c>, <c>w -= lr·m̂/(sqrt(v̂) + ε)</c>. (torch.optim.NAdam uses 0.96^(t·0.004).)
/// </summary>
public sealed class Nadam : Optimizer
{
    float _uProduct = 1f;
    float _uT, _uT1, _uProductT, _uProductT1;

    /// <summary>Keras's arguments.</summary>
    public Nadam(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null)
        : base(learning_rate ?? 0.001, name, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency)
    {
        this.beta_1 = CheckUnitInterval(beta_1, nameof(beta_1));
        this.beta_2 = CheckUnitInterval(beta_2, nameof(beta_2));
        this.epsilon = CheckNonNegative(epsilon, nameof(epsilon));
    }

    /// <summary>Decay of the first moment.</summary>
    public double beta_1 { get; }
    /// <summary>Decay of the second moment.</summary>
    public double beta_2 { get; }
    /// <summary>Added to sqrt(v̂).</summary>
    public double epsilon { get; }

    /// <inheritdoc />
    protected override int slots_per_variable => 2;

    /// <inheritdoc />
    protected override string slot_name(int index) => index == 0 ? "momentum" : "velocity";

    /// <inheritdoc />
    protected override int extra_scalar_variables => 1;

    /// <inheritdoc />
    protected internal override float[] get_extra_scalars() => new[] { _uProduct };

    /// <inheritdoc />
    protected internal override void set_extra_scalars(float[] values) => _uProduct = values[0];

    /// <inheritdoc />
    protected override void before_step(long t)
    {
        float b1 = (float)beta_1;
        _uT = b1 * (1f - 0.5f * MathF.Pow(0.96f, t));
        _uT1 = b1 * (1f - 0.5f * MathF.Pow(0.96f, t + 1));
        _uProductT = _uProduct * _uT;
        _uProductT1 = _uProductT * _uT1;
        _uProduct = _uProductT;
    }

    /// <inheritdoc />
    protected internal override void update_step(Tensor w, Tensor g, Tensor[] slots, long t, double lr)
    {
        var m = slots[0];
        var v = slots[1];
        m.mul_(beta_1).add_(g, 1.0 - beta_1);
        v.mul_(beta_2).addcmul_(g, g, 1.0 - beta_2);
        var mHat = m.mul(_uT1 / (1.0 - _uProductT1)).add_(g, (1.0 - _uT) / (1.0 - _uProductT));
        var vHat = v.div(1.0 - Power(beta_2, t));
        w.addcdiv_(mHat, vHat.sqrt_().add_(epsilon), -lr);
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
