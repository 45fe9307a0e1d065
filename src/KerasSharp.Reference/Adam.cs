using System;
using System.Collections.Generic;

namespace KerasSharp.Reference;

/// <summary>
/// Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015), with optional AMSGrad and a choice
/// of where ε goes (<see cref="AdamEpsilonPlacement"/>; Keras's "epsilon hat" by default).
/// </summary>
/// <remarks>
/// <para>Mirrors <c>keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07,
/// amsgrad=False)</c> (Keras 3, <c>keras/src/optimizers/adam.py</c>), including its defaults. With α the learning
/// rate, g the gradient, t = <see cref="Optimizer.Iterations"/> + 1 and m = v = v̂ = 0 initially, one step is:</para>
/// <list type="number">
/// <item><description>First moment (Keras: <c>momentums</c>): <c>m ← β₁·m + (1 − β₁)·g</c>, computed as Keras
/// does, <c>m ← m + (g − m)·(1 − β₁)</c>.</description></item>
/// <item><description>Second moment (Keras: <c>velocities</c>): <c>v ← β₂·v + (1 − β₂)·g²</c>, computed as
/// <c>v ← v + (g² − v)·(1 − β₂)</c>.</description></item>
/// <item><description>AMSGrad only (Reddi et al. 2018; Keras: <c>velocity_hats</c>): <c>v̂ ← max(v̂, v)</c>, and v̂
/// replaces v below. The maximum is over the uncorrected v, as in Keras; with
/// <see cref="AdamEpsilonPlacement.Algorithm1"/> it is then bias-corrected like v.</description></item>
/// <item><description><see cref="AdamEpsilonPlacement.KerasEpsilonHat"/>:
/// <c>αₜ = α·√(1 − β₂ᵗ)/(1 − β₁ᵗ)</c>, <c>w ← w − αₜ·m/(√v + ε)</c>.</description></item>
/// <item><description><see cref="AdamEpsilonPlacement.Algorithm1"/>: <c>m̂ = m/(1 − β₁ᵗ)</c>,
/// <c>v̂ = v/(1 − β₂ᵗ)</c>, <c>w ← w − α·m̂/(√v̂ + ε)</c>.</description></item>
/// </list>
/// <para>The two placements are the same algorithm with a different ε: Keras with ε equals Algorithm 1 with
/// <c>ε/√(1 − β₂ᵗ)</c> at step t. Early on, when 1 − β₂ᵗ is small, Keras's ε therefore weighs up to
/// 1/√(1 − β₂) ≈ 31.6 times more (β₂ = 0.999) than the same ε in Algorithm 1.</para>
/// <para>A property worth remembering: with Algorithm 1, m̂ = g and v̂ = g² at t = 1, so the first step is
/// <c>α·g/(|g| + ε)</c>, of magnitude just under α in every coordinate whatever the gradient's scale.</para>
/// <para><b>Note on the course chapter's formulas.</b> The chapter writes Adam as
/// <c>m^{t+1} = [β₁·mᵗ + (1 − β₁)·g]/(1 − β₁ᵗ)</c>, <c>s^{t+1} = [β₂·sᵗ + (1 − β₂)·g²]/(1 − β₂ᵗ)</c> with step size
/// <c>ρ/√(s + ε)</c>. That folds the bias correction into the recursion: the corrected moment is fed back into the
/// next step and divided again, so the estimates are no longer the exponential moving averages the correction was
/// derived for. This is not Kingma &amp; Ba's Algorithm 1 (which keeps m and v uncorrected and corrects copies m̂, v̂)
/// nor what Keras computes; it also puts ε inside the square root, as RMSprop does. This class implements the
/// published algorithm, not the chapter's variant.</para>
/// </remarks>
public sealed class Adam : Optimizer
{
    private double[] _firstMoment = [];
    private double[] _secondMoment = [];
    private double[] _maxSecondMoment = [];

    /// <summary>Creates an Adam optimizer with Keras's defaults unless told otherwise.</summary>
    /// <param name="learningRate">α, finite and &gt; 0 (Keras default 0.001).</param>
    /// <param name="beta1">β₁, decay of the first moment, in [0, 1) (Keras default 0.9).</param>
    /// <param name="beta2">β₂, decay of the second moment, in [0, 1) (Keras default 0.999).</param>
    /// <param name="epsilon">ε ≥ 0 (Keras default 1e-7); where it is added depends on <paramref name="epsilonPlacement"/>.</param>
    /// <param name="amsgrad">Use the AMSGrad variant (Keras default <c>false</c>).</param>
    /// <param name="epsilonPlacement">Keras's ε̂ placement (default) or Algorithm 1's.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range, or
    /// <paramref name="epsilonPlacement"/> is not a defined value.</exception>
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        bool amsgrad = false, AdamEpsilonPlacement epsilonPlacement = AdamEpsilonPlacement.KerasEpsilonHat)
        : base(learningRate)
    {
        Beta1 = Guard.InHalfOpenUnitInterval(beta1, nameof(beta1));
        Beta2 = Guard.InHalfOpenUnitInterval(beta2, nameof(beta2));
        Epsilon = Guard.NonNegativeFinite(epsilon, nameof(epsilon));
        if (!Enum.IsDefined(epsilonPlacement))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilonPlacement),
                $"epsilonPlacement must be {nameof(AdamEpsilonPlacement.KerasEpsilonHat)} or "
                + $"{nameof(AdamEpsilonPlacement.Algorithm1)}, but was {(int)epsilonPlacement}.");
        }
        Amsgrad = amsgrad;
        EpsilonPlacement = epsilonPlacement;
    }

    /// <summary>β₁, the decay rate of the first moment (Keras: <c>beta_1</c>).</summary>
    public double Beta1 { get; }

    /// <summary>β₂, the decay rate of the second moment (Keras: <c>beta_2</c>).</summary>
    public double Beta2 { get; }

    /// <summary>ε, the denominator's safeguard (Keras: <c>epsilon</c>).</summary>
    public double Epsilon { get; }

    /// <summary>Whether the AMSGrad variant is used (Keras: <c>amsgrad</c>).</summary>
    public bool Amsgrad { get; }

    /// <summary>Where ε is added; <see cref="AdamEpsilonPlacement.KerasEpsilonHat"/> unless chosen otherwise.</summary>
    public AdamEpsilonPlacement EpsilonPlacement { get; }

    /// <summary>The uncorrected first moment m (Keras: <c>momentums</c>); empty before the first update.</summary>
    public IReadOnlyList<double> FirstMoment => Array.AsReadOnly(_firstMoment);

    /// <summary>The uncorrected second moment v (Keras: <c>velocities</c>); empty before the first update.</summary>
    public IReadOnlyList<double> SecondMoment => Array.AsReadOnly(_secondMoment);

    /// <summary>
    /// AMSGrad's running maximum v̂ = max over steps of v (Keras: <c>velocity_hats</c>); empty unless
    /// <see cref="Amsgrad"/>.
    /// </summary>
    public IReadOnlyList<double> MaxSecondMoment => Array.AsReadOnly(_maxSecondMoment);

    /// <inheritdoc/>
    protected override void InitializeState(int parameterCount)
    {
        _firstMoment = new double[parameterCount];
        _secondMoment = new double[parameterCount];
        _maxSecondMoment = Amsgrad ? new double[parameterCount] : [];
    }

    /// <summary>Runs the steps listed in the class remarks, in order.</summary>
    /// <param name="weights">The parameters to update in place.</param>
    /// <param name="gradient">The gradient g at <paramref name="weights"/>.</param>
    /// <param name="step">The step number t used by the bias corrections.</param>
    protected override void Apply(double[] weights, double[] gradient, long step)
    {
        UpdateFirstMoment(gradient);
        UpdateSecondMoment(gradient);
        double[] secondMoment = _secondMoment;
        if (Amsgrad)
        {
            UpdateMaxSecondMoment();
            secondMoment = _maxSecondMoment;
        }

        if (EpsilonPlacement == AdamEpsilonPlacement.KerasEpsilonHat)
        {
            EpsilonHatStep(weights, secondMoment, step);
        }
        else
        {
            Algorithm1Step(weights, secondMoment, step);
        }
    }

    /// <summary>First moment: <c>m ← β₁·m + (1 − β₁)·g</c>, written <c>m ← m + (g − m)·(1 − β₁)</c> as in Keras.</summary>
    private void UpdateFirstMoment(double[] gradient)
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            _firstMoment[i] += (gradient[i] - _firstMoment[i]) * (1 - Beta1);
        }
    }

    /// <summary>Second moment: <c>v ← β₂·v + (1 − β₂)·g²</c>, written <c>v ← v + (g² − v)·(1 − β₂)</c> as in Keras.</summary>
    private void UpdateSecondMoment(double[] gradient)
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            _secondMoment[i] += (gradient[i] * gradient[i] - _secondMoment[i]) * (1 - Beta2);
        }
    }

    /// <summary>AMSGrad: <c>v̂ ← max(v̂, v)</c>.</summary>
    private void UpdateMaxSecondMoment()
    {
        for (int i = 0; i < _secondMoment.Length; i++)
        {
            _maxSecondMoment[i] = Math.Max(_maxSecondMoment[i], _secondMoment[i]);
        }
    }

    /// <summary>
    /// Keras's step: <c>αₜ = α·√(1 − β₂ᵗ)/(1 − β₁ᵗ)</c>; <c>w ← w − m·αₜ/(√v + ε̂)</c>.
    /// </summary>
    private void EpsilonHatStep(double[] weights, double[] secondMoment, long step)
    {
        double alpha = LearningRate * Math.Sqrt(1 - Math.Pow(Beta2, step)) / (1 - Math.Pow(Beta1, step));
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] -= _firstMoment[i] * alpha / (Math.Sqrt(secondMoment[i]) + Epsilon);
        }
    }

    /// <summary>
    /// Algorithm 1's step: <c>m̂ = m/(1 − β₁ᵗ)</c>; <c>v̂ = v/(1 − β₂ᵗ)</c>; <c>w ← w − α·m̂/(√v̂ + ε)</c>.
    /// </summary>
    private void Algorithm1Step(double[] weights, double[] secondMoment, long step)
    {
        double firstCorrection = 1 - Math.Pow(Beta1, step);
        double secondCorrection = 1 - Math.Pow(Beta2, step);
        for (int i = 0; i < weights.Length; i++)
        {
            double mHat = _firstMoment[i] / firstCorrection;
            double vHat = secondMoment[i] / secondCorrection;
            weights[i] -= LearningRate * mHat / (Math.Sqrt(vHat) + Epsilon);
        }
    }
}
