using System;
using System.Collections.Generic;

namespace KerasSharp.Reference;

/// <summary>
/// RMSprop (Hinton's lecture 6e) in Keras's form: the step is divided by the root of a running mean of squared
/// gradients, with ε <em>inside</em> the square root; optionally centered and with momentum.
/// </summary>
/// <remarks>
/// <para>Mirrors <c>keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-07,
/// centered=False)</c> (Keras 3, <c>keras/src/optimizers/rmsprop.py</c>), including its defaults. With η the
/// learning rate, g the gradient and all state initially 0, one step is:</para>
/// <list type="number">
/// <item><description>Mean square (Keras: <c>velocities</c>): <c>v ← ρ·v + (1 − ρ)·g²</c>.</description></item>
/// <item><description>Centered only, mean gradient (Keras: <c>average_gradients</c>):
/// <c>ḡ ← ρ·ḡ + (1 − ρ)·g</c>.</description></item>
/// <item><description>Denominator: <c>d = v + ε</c>, or centered <c>d = v − ḡ² + ε</c> (an estimate of the
/// gradient's variance).</description></item>
/// <item><description>Increment: <c>Δ = η·g / √d</c>.</description></item>
/// <item><description>μ = 0: <c>w ← w − Δ</c>. μ &gt; 0 (Keras: <c>momentums</c>): <c>b ← μ·b + Δ</c>,
/// <c>w ← w − b</c>.</description></item>
/// </list>
/// <para>Note the placement of ε: Keras adds it under the square root (<c>√(v + ε)</c>), whereas Adam adds it
/// outside (<c>√v + ε</c>).</para>
/// </remarks>
public sealed class RmsProp : Optimizer
{
    private double[] _meanSquare = [];
    private double[] _meanGradient = [];
    private double[] _momentumBuffer = [];

    /// <summary>Creates an RMSprop optimizer with Keras's defaults unless told otherwise.</summary>
    /// <param name="learningRate">η, finite and &gt; 0 (Keras default 0.001).</param>
    /// <param name="rho">ρ, the decay of the running means, in [0, 1) (Keras default 0.9).</param>
    /// <param name="momentum">μ in [0, 1] (Keras default 0).</param>
    /// <param name="epsilon">ε ≥ 0, added inside the square root (Keras default 1e-7).</param>
    /// <param name="centered">Divide by the estimated variance rather than the mean square (Keras default <c>false</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range.</exception>
    public RmsProp(double learningRate = 0.001, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7,
        bool centered = false)
        : base(learningRate)
    {
        Rho = Guard.InHalfOpenUnitInterval(rho, nameof(rho));
        Momentum = Guard.InClosedUnitInterval(momentum, nameof(momentum));
        Epsilon = Guard.NonNegativeFinite(epsilon, nameof(epsilon));
        Centered = centered;
    }

    /// <summary>ρ, the decay rate of the running means (Keras: <c>rho</c>).</summary>
    public double Rho { get; }

    /// <summary>μ, the momentum coefficient (Keras: <c>momentum</c>).</summary>
    public double Momentum { get; }

    /// <summary>ε, added to the mean square inside the square root (Keras: <c>epsilon</c>).</summary>
    public double Epsilon { get; }

    /// <summary>Whether the centered variant is used (Keras: <c>centered</c>).</summary>
    public bool Centered { get; }

    /// <summary>The running mean of squared gradients v (Keras: <c>velocities</c>); empty before the first update.</summary>
    public IReadOnlyList<double> MeanSquare => Array.AsReadOnly(_meanSquare);

    /// <summary>The running mean of gradients ḡ (Keras: <c>average_gradients</c>); empty unless <see cref="Centered"/>.</summary>
    public IReadOnlyList<double> MeanGradient => Array.AsReadOnly(_meanGradient);

    /// <summary>The momentum accumulator b (Keras: <c>momentums</c>); empty unless μ &gt; 0.</summary>
    public IReadOnlyList<double> MomentumBuffer => Array.AsReadOnly(_momentumBuffer);

    /// <inheritdoc/>
    protected override void InitializeState(int parameterCount)
    {
        _meanSquare = new double[parameterCount];
        _meanGradient = Centered ? new double[parameterCount] : [];
        _momentumBuffer = Momentum > 0 ? new double[parameterCount] : [];
    }

    /// <summary>Runs the steps listed in the class remarks, in order.</summary>
    /// <param name="weights">The parameters to update in place.</param>
    /// <param name="gradient">The gradient g at <paramref name="weights"/>.</param>
    /// <param name="step">Unused: RMSprop has no bias correction.</param>
    protected override void Apply(double[] weights, double[] gradient, long step)
    {
        UpdateMeanSquare(gradient);
        if (Centered)
        {
            UpdateMeanGradient(gradient);
        }

        double[] increment = Increment(gradient);
        if (Momentum > 0)
        {
            MomentumStep(weights, increment);
        }
        else
        {
            PlainStep(weights, increment);
        }
    }

    /// <summary>Mean square: <c>v ← ρ·v + (1 − ρ)·g²</c>.</summary>
    private void UpdateMeanSquare(double[] gradient)
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            _meanSquare[i] = Rho * _meanSquare[i] + (1 - Rho) * (gradient[i] * gradient[i]);
        }
    }

    /// <summary>Mean gradient (centered only): <c>ḡ ← ρ·ḡ + (1 − ρ)·g</c>.</summary>
    private void UpdateMeanGradient(double[] gradient)
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            _meanGradient[i] = Rho * _meanGradient[i] + (1 - Rho) * gradient[i];
        }
    }

    /// <summary>
    /// Increment <c>Δ = η·g / √d</c> with <c>d = v + ε</c>, or <c>d = v − ḡ² + ε</c> when centered.
    /// </summary>
    private double[] Increment(double[] gradient)
    {
        var increment = new double[gradient.Length];
        for (int i = 0; i < gradient.Length; i++)
        {
            double denominator = Centered
                ? _meanSquare[i] - _meanGradient[i] * _meanGradient[i] + Epsilon
                : _meanSquare[i] + Epsilon;
            increment[i] = LearningRate * gradient[i] / Math.Sqrt(denominator);
        }
        return increment;
    }

    /// <summary>Without momentum: <c>w ← w − Δ</c>.</summary>
    private static void PlainStep(double[] weights, double[] increment)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] -= increment[i];
        }
    }

    /// <summary>With momentum: <c>b ← μ·b + Δ</c>; <c>w ← w − b</c>.</summary>
    private void MomentumStep(double[] weights, double[] increment)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            _momentumBuffer[i] = Momentum * _momentumBuffer[i] + increment[i];
            weights[i] -= _momentumBuffer[i];
        }
    }
}
