using System;
using System.Collections.Generic;

namespace KerasSharp.Reference;

/// <summary>
/// Stochastic gradient descent with optional momentum and Nesterov momentum, in Keras's "velocity" form.
/// </summary>
/// <remarks>
/// <para>Mirrors <c>keras.optimizers.SGD(learning_rate=0.01, momentum=0.0, nesterov=False)</c> (Keras 3,
/// <c>keras/src/optimizers/sgd.py</c>), including its defaults. With η the learning rate, μ the momentum,
/// g the gradient at the current w and m the velocity (Keras calls it <c>momentums</c>, initially 0):</para>
/// <list type="bullet">
/// <item><description>μ = 0 (plain SGD, whatever <c>nesterov</c> says): <c>w ← w − η·g</c>.</description></item>
/// <item><description>Classical momentum: <c>m ← μ·m − η·g</c>, then <c>w ← w + m</c>.</description></item>
/// <item><description>Nesterov momentum: <c>m ← μ·m − η·g</c>, then <c>w ← w + μ·m − η·g</c> (with the new m).</description></item>
/// </list>
/// <para>The Nesterov form is Sutskever et al. (2013)'s look-ahead rule
/// <c>v ← μ·v − η·∇L(θ + μ·v)</c>, <c>θ ← θ + v</c> rewritten for the stored variable <c>w = θ + μ·v</c>, so the
/// gradient is taken at w itself. Classical momentum is Polyak's heavy ball:
/// <c>w_{t+1} = w_t − η·g_t + μ·(w_t − w_{t−1})</c>.</para>
/// <para>Whether the gradient is minibatch or full-batch is up to the caller; <see cref="Trajectory"/> and
/// <see cref="Minibatches"/> drive minibatch SGD over index batches.</para>
/// </remarks>
public sealed class Sgd : Optimizer
{
    private double[] _velocity = [];

    /// <summary>Creates an SGD optimizer with Keras's defaults unless told otherwise.</summary>
    /// <param name="learningRate">η, finite and &gt; 0 (Keras default 0.01).</param>
    /// <param name="momentum">μ in [0, 1] (Keras default 0, and Keras's own range check).</param>
    /// <param name="nesterov">Use Nesterov momentum (Keras default <c>false</c>); ignored when μ = 0, as in Keras.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range.</exception>
    public Sgd(double learningRate = 0.01, double momentum = 0.0, bool nesterov = false)
        : base(learningRate)
    {
        Momentum = Guard.InClosedUnitInterval(momentum, nameof(momentum));
        Nesterov = nesterov;
    }

    /// <summary>The momentum coefficient μ (Keras: <c>momentum</c>).</summary>
    public double Momentum { get; }

    /// <summary>Whether the Nesterov form is used when μ &gt; 0 (Keras: <c>nesterov</c>).</summary>
    public bool Nesterov { get; }

    /// <summary>
    /// The velocity m, one entry per parameter (Keras: <c>momentums</c>); empty before the first update, and always
    /// empty when μ = 0 (Keras creates no momentum variables then).
    /// </summary>
    public IReadOnlyList<double> Velocity => Array.AsReadOnly(_velocity);

    /// <inheritdoc/>
    protected override void InitializeState(int parameterCount)
    {
        _velocity = Momentum == 0 ? [] : new double[parameterCount];
    }

    /// <summary>Dispatches to the rule chosen by μ and <see cref="Nesterov"/>.</summary>
    /// <param name="weights">The parameters to update in place.</param>
    /// <param name="gradient">The gradient g at <paramref name="weights"/>.</param>
    /// <param name="step">Unused: SGD does not depend on t.</param>
    protected override void Apply(double[] weights, double[] gradient, long step)
    {
        if (Momentum == 0)
        {
            PlainStep(weights, gradient);
        }
        else if (Nesterov)
        {
            NesterovStep(weights, gradient);
        }
        else
        {
            MomentumStep(weights, gradient);
        }
    }

    /// <summary>Plain SGD: <c>w ← w − η·g</c>.</summary>
    private void PlainStep(double[] weights, double[] gradient)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] -= LearningRate * gradient[i];
        }
    }

    /// <summary>Classical momentum: <c>m ← μ·m − η·g</c>; <c>w ← w + m</c>.</summary>
    private void MomentumStep(double[] weights, double[] gradient)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            _velocity[i] = Momentum * _velocity[i] - LearningRate * gradient[i];
            weights[i] += _velocity[i];
        }
    }

    /// <summary>Nesterov momentum: <c>m ← μ·m − η·g</c>; <c>w ← w + μ·m − η·g</c> (new m).</summary>
    private void NesterovStep(double[] weights, double[] gradient)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            _velocity[i] = Momentum * _velocity[i] - LearningRate * gradient[i];
            weights[i] += Momentum * _velocity[i] - LearningRate * gradient[i];
        }
    }
}
