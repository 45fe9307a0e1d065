using KerasSharp.Reference;
using ReferenceOptimizer = KerasSharp.Reference.Optimizer;

namespace KerasSharp.Tests.Optimizers;

// Double-precision transcriptions of Keras 3's update rules for the optimizers that KerasSharp.Reference does not
// cover, one coordinate at a time (t = iterations + 1, all state 0 at first unless stated). Each cites the Keras file
// whose update_step it follows (keras/src/optimizers/*.py; the torch backend's _parallel_update_step in
// keras/src/backend/torch/optimizers/torch_*.py computes the same thing with _foreach ops).

/// <summary>keras/src/optimizers/adagrad.py: <c>acc += g²</c> (acc starts at initial_accumulator_value);
/// <c>w -= lr·g / sqrt(acc + ε)</c>.</summary>
internal sealed class KerasAdagrad(double learningRate = 0.001, double initialAccumulatorValue = 0.1, double epsilon = 1e-7)
    : ReferenceOptimizer(learningRate)
{
    double[] _acc = [];

    protected override void InitializeState(int n) => _acc = Enumerable.Repeat(initialAccumulatorValue, n).ToArray();

    protected override void Apply(double[] w, double[] g, long t)
    {
        for (int i = 0; i < w.Length; i++)
        {
            _acc[i] += g[i] * g[i];
            w[i] -= LearningRate * g[i] / Math.Sqrt(_acc[i] + epsilon);
        }
    }
}

/// <summary>keras/src/optimizers/adadelta.py: <c>Eg = ρ·Eg + (1 − ρ)·g²</c>;
/// <c>Δ = −sqrt(Ed + ε)·g / sqrt(Eg + ε)</c>; <c>Ed = ρ·Ed + (1 − ρ)·Δ²</c>; <c>w += lr·Δ</c>.</summary>
internal sealed class KerasAdadelta(double learningRate = 0.001, double rho = 0.95, double epsilon = 1e-7)
    : ReferenceOptimizer(learningRate)
{
    double[] _eg = [], _ed = [];

    protected override void InitializeState(int n) => (_eg, _ed) = (new double[n], new double[n]);

    protected override void Apply(double[] w, double[] g, long t)
    {
        for (int i = 0; i < w.Length; i++)
        {
            _eg[i] = rho * _eg[i] + (1 - rho) * g[i] * g[i];
            double delta = -Math.Sqrt(_ed[i] + epsilon) * g[i] / Math.Sqrt(_eg[i] + epsilon);
            _ed[i] = rho * _ed[i] + (1 - rho) * delta * delta;
            w[i] += LearningRate * delta;
        }
    }
}

/// <summary>keras/src/optimizers/adamax.py: <c>m += (g − m)(1 − β₁)</c>; <c>u = max(β₂·u, |g|)</c>;
/// <c>w -= lr·m / ((1 − β₁ᵗ)(u + ε))</c>.</summary>
internal sealed class KerasAdamax(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7)
    : ReferenceOptimizer(learningRate)
{
    double[] _m = [], _u = [];

    protected override void InitializeState(int n) => (_m, _u) = (new double[n], new double[n]);

    protected override void Apply(double[] w, double[] g, long t)
    {
        double correction = 1 - Math.Pow(beta1, t);
        for (int i = 0; i < w.Length; i++)
        {
            _m[i] += (g[i] - _m[i]) * (1 - beta1);
            _u[i] = Math.Max(beta2 * _u[i], Math.Abs(g[i]));
            w[i] -= LearningRate * _m[i] / (correction * (_u[i] + epsilon));
        }
    }
}

/// <summary>
/// keras/src/optimizers/nadam.py (torch: torch_nadam.py): <c>u_t = β₁(1 − 0.5·0.96ᵗ)</c>, <c>u_{t+1} = β₁(1 − 0.5·0.96ᵗ⁺¹)</c>;
/// the product Π (a variable starting at 1) becomes Π·u_t before the variables are updated;
/// <c>m += (g − m)(1 − β₁)</c>, <c>v += (g² − v)(1 − β₂)</c>;
/// <c>m̂ = u_{t+1}·m/(1 − Π·u_{t+1}) + (1 − u_t)·g/(1 − Π)</c>, <c>v̂ = v/(1 − β₂ᵗ)</c>; <c>w -= lr·m̂/(sqrt(v̂) + ε)</c>.
/// As in Keras, the scalars (u_t, Π, β₂ᵗ, and the float32 β) are float32 (<c>ops.cast(self.beta_2, var_dtype)</c>,
/// <c>ops.power(beta_2, local_step)</c>): 1 − β₂ᵗ ≈ 0.001·t would otherwise turn the float32 rounding of β₂ᵗ into a
/// ~1e-5 relative difference of the step (see <see cref="KerasAdamFloat32Scalars"/>). The vectors stay in double.
/// </summary>
internal sealed class KerasNadam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7)
    : ReferenceOptimizer(learningRate)
{
    double[] _m = [], _v = [];
    float _uProduct = 1f;

    protected override void InitializeState(int n) => (_m, _v, _uProduct) = (new double[n], new double[n], 1f);

    protected override void Apply(double[] w, double[] g, long t)
    {
        float b1 = (float)beta1, b2 = (float)beta2;
        double c1 = (float)(1 - beta1), c2 = (float)(1 - beta2);
        float uT = b1 * (1f - 0.5f * MathF.Pow(0.96f, t));
        float uT1 = b1 * (1f - 0.5f * MathF.Pow(0.96f, t + 1));
        _uProduct *= uT;
        float uProductT1 = _uProduct * uT1;
        float beta2Power = MathF.Pow(b2, t);
        for (int i = 0; i < w.Length; i++)
        {
            _m[i] = _m[i] * b1 + g[i] * c1;
            _v[i] = _v[i] * b2 + g[i] * g[i] * c2;
            double mHat = uT1 * _m[i] / (1f - uProductT1) + (1f - uT) * g[i] / (1f - _uProduct);
            double vHat = _v[i] / (1f - beta2Power);
            w[i] -= (float)LearningRate * mHat / (Math.Sqrt(vHat) + epsilon);
        }
    }
}

/// <summary>keras/src/optimizers/lion.py: <c>w -= lr·sign(β₁·m + (1 − β₁)·g)</c>, then <c>m = β₂·m + (1 − β₂)·g</c>.</summary>
internal sealed class KerasLion(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.99)
    : ReferenceOptimizer(learningRate)
{
    double[] _m = [];

    protected override void InitializeState(int n) => _m = new double[n];

    protected override void Apply(double[] w, double[] g, long t)
    {
        for (int i = 0; i < w.Length; i++)
        {
            w[i] -= LearningRate * Math.Sign(beta1 * _m[i] + (1 - beta1) * g[i]);
            _m[i] = beta2 * _m[i] + (1 - beta2) * g[i];
        }
    }
}

/// <summary>
/// RMSprop with ε outside the root, <c>w -= lr·g/(sqrt(v) + ε)</c> (torch.optim.RMSprop's placement): the wrong rule for
/// Keras, used to show that the tiny-gradient tests tell the two apart.
/// </summary>
internal sealed class RmsPropEpsilonOutside(double learningRate, double rho = 0.9, double epsilon = 1e-7, bool centered = false)
    : ReferenceOptimizer(learningRate)
{
    double[] _v = [], _mean = [];

    protected override void InitializeState(int n) => (_v, _mean) = (new double[n], new double[n]);

    protected override void Apply(double[] w, double[] g, long t)
    {
        for (int i = 0; i < w.Length; i++)
        {
            _v[i] = rho * _v[i] + (1 - rho) * g[i] * g[i];
            _mean[i] = rho * _mean[i] + (1 - rho) * g[i];
            double variance = centered ? _v[i] - _mean[i] * _mean[i] : _v[i];
            w[i] -= LearningRate * g[i] / (Math.Sqrt(Math.Max(variance, 0)) + epsilon);
        }
    }
}

/// <summary>
/// Keras's common options around an update rule (keras/src/optimizers/base_optimizer.py, <c>_backend_apply_gradients</c>):
/// first <c>_clip_gradients</c> (<c>clipnorm</c>: each variable's gradient times c/max(‖g‖, c), <c>_clip_by_norm</c>;
/// <c>global_clipnorm</c>: all gradients times c/max(‖g‖_global, c), <c>clip_by_global_norm</c>; <c>clipvalue</c>:
/// clip(g, −c, c)), then <c>_apply_weight_decay</c> (<c>w -= w·wd·lr</c>; torch backend
/// keras/src/backend/torch/optimizers/torch_optimizer.py: <c>w *= 1 − wd·lr</c>), then the rule's update step with the
/// clipped gradients (which were computed at the weights before the decay).
/// </summary>
internal sealed class WithKerasOptions(ReferenceOptimizer rule, (int offset, int length)[] variables,
    double? weightDecay = null, double? clipnorm = null, double? globalClipnorm = null, double? clipvalue = null,
    bool decayAfterStep = false)
    : ReferenceOptimizer(rule.LearningRate)
{
    /// <summary>The kernel and the bias of <see cref="LinearProblem"/>, the two variables of its model.</summary>
    public static readonly (int, int)[] LinearModel = [(0, LinearProblem.In * LinearProblem.Out), (LinearProblem.In * LinearProblem.Out, LinearProblem.Out)];

    protected override void InitializeState(int n) { }

    protected override void Apply(double[] w, double[] gradient, long t)
    {
        var g = (double[])gradient.Clone();
        if (clipnorm is { } c)
            foreach (var (offset, length) in variables)
                Scale(g, offset, length, c / Math.Max(Norm(g, offset, length), c));
        else if (globalClipnorm is { } gc)
            Scale(g, 0, g.Length, gc / Math.Max(Norm(g, 0, g.Length), gc));
        else if (clipvalue is { } v)
            for (int i = 0; i < g.Length; i++) g[i] = Math.Clamp(g[i], -v, v);
        if (weightDecay is { } wd && !decayAfterStep)
            for (int i = 0; i < w.Length; i++) w[i] -= w[i] * wd * LearningRate;
        rule.Update(w, g);
        // The wrong order, to show the tests can tell.
        if (weightDecay is { } wd2 && decayAfterStep)
            for (int i = 0; i < w.Length; i++) w[i] -= w[i] * wd2 * LearningRate;
    }

    static double Norm(double[] g, int offset, int length)
    {
        double s = 0;
        for (int i = offset; i < offset + length; i++) s += g[i] * g[i];
        return Math.Sqrt(s);
    }

    static void Scale(double[] g, int offset, int length, double factor)
    {
        for (int i = offset; i < offset + length; i++) g[i] *= factor;
    }
}

/// <summary>
/// Keras's Adam with Keras's float32 scalars (keras/src/backend/torch/optimizers/torch_adam.py, same as
/// keras/src/optimizers/adam.py): β₁ᵗ and β₂ᵗ are float32 powers of the float32 β (<c>ops.power(ops.cast(beta, dtype),
/// local_step)</c>) and <c>alpha = lr·sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ)</c> is a float32 scalar; the moments are updated with the
/// float32 constants β and 1 − β (<c>_foreach_mul_(m, beta_1)</c>, <c>_foreach_add_(m, g, alpha=1 - beta_1)</c>). The
/// vectors stay in double. The exact-arithmetic <see cref="KerasSharp.Reference.Adam"/> differs from this by up to a
/// few 1e-6 over 50 steps, because 1 − β₂ᵗ ≈ 0.001·t cancels about three digits of the float32 rounding of β₂ (1.3e-8)
/// and of β₂ᵗ (up to 6e-8): α carries a relative error of about 6e-6 (systematic) plus up to 3e-5/t.
/// </summary>
internal sealed class KerasAdamFloat32Scalars(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false)
    : ReferenceOptimizer(learningRate)
{
    double[] _m = [], _v = [], _vHat = [];

    protected override void InitializeState(int n) => (_m, _v, _vHat) = (new double[n], new double[n], new double[n]);

    protected override void Apply(double[] w, double[] g, long t)
    {
        float b1 = (float)beta1, b2 = (float)beta2;
        double c1 = (float)(1 - beta1), c2 = (float)(1 - beta2);
        double alpha = (float)LearningRate * MathF.Sqrt(1f - MathF.Pow(b2, t)) / (1f - MathF.Pow(b1, t));
        for (int i = 0; i < w.Length; i++)
        {
            _m[i] = _m[i] * b1 + g[i] * c1;
            _v[i] = _v[i] * b2 + g[i] * g[i] * c2;
            _vHat[i] = Math.Max(_vHat[i], _v[i]);
            w[i] -= _m[i] * alpha / (Math.Sqrt(amsgrad ? _vHat[i] : _v[i]) + epsilon);
        }
    }
}
