using System;

namespace KerasSharp.Reference;

/// <summary>
/// A reference optimizer: it updates a vector of parameters in place, one step per call to
/// <see cref="Update(double[], double[])"/>, from the gradient of the loss at those parameters.
/// </summary>
/// <remarks>
/// <para>
/// The parameters are one flat <c>double[]</c>. A model with several variables (kernels, biases) is handled by
/// concatenating them: every rule here acts coordinate by coordinate, and Keras advances one shared iteration
/// counter per optimizer step for all variables, so the concatenation follows exactly the same trajectory.
/// </para>
/// <para>
/// The step number <c>t</c> of the formulas is <see cref="Iterations"/> + 1 during an update, i.e. the first update
/// is <c>t = 1</c>, as in Keras (<c>local_step = iterations + 1</c>). All optimizer state (moments, velocities)
/// starts at zero and is created on the first update, sized from the parameter vector; from then on every update
/// must use a vector of the same length until <see cref="Reset"/> is called.
/// </para>
/// <para>
/// Gradients are not checked for NaN or infinity: like Keras, the optimizers propagate them.
/// </para>
/// </remarks>
public abstract class Optimizer
{
    private int _parameterCount = -1;

    /// <summary>Initializes the learning rate shared by all optimizers.</summary>
    /// <param name="learningRate">The step size; must be finite and greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not finite and positive.</exception>
    protected Optimizer(double learningRate)
    {
        LearningRate = Guard.PositiveFinite(learningRate, nameof(learningRate));
    }

    /// <summary>The learning rate (Keras: <c>learning_rate</c>), fixed for the optimizer's lifetime.</summary>
    public double LearningRate { get; }

    /// <summary>
    /// How many updates have been applied since construction or the last <see cref="Reset"/>
    /// (Keras: <c>optimizer.iterations</c>).
    /// </summary>
    public long Iterations { get; private set; }

    /// <summary>
    /// The length of the parameter vector the state was created for, or <c>null</c> before the first update
    /// (and after <see cref="Reset"/>).
    /// </summary>
    public int? ParameterCount => _parameterCount < 0 ? null : _parameterCount;

    /// <summary>
    /// Applies one optimizer step to <paramref name="weights"/> in place, using the gradient of the loss at
    /// <paramref name="weights"/>, and increments <see cref="Iterations"/>.
    /// </summary>
    /// <param name="weights">The parameters, overwritten with their updated values.</param>
    /// <param name="gradient">∂loss/∂weights at the current <paramref name="weights"/>; not modified.</param>
    /// <exception cref="ArgumentNullException">An argument is <c>null</c>.</exception>
    /// <exception cref="ArgumentException">
    /// The two arrays have different lengths, or their length differs from the one the optimizer's state was
    /// created for.
    /// </exception>
    public void Update(double[] weights, double[] gradient)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(gradient);
        if (gradient.Length != weights.Length)
        {
            throw new ArgumentException(
                $"gradient has {gradient.Length} entries but weights has {weights.Length}; "
                + "expected one gradient entry per weight.", nameof(gradient));
        }
        if (_parameterCount < 0)
        {
            InitializeState(weights.Length);
            _parameterCount = weights.Length;
        }
        else if (weights.Length != _parameterCount)
        {
            throw new ArgumentException(
                $"weights has {weights.Length} entries but this optimizer's state was created for "
                + $"{_parameterCount}; expected {_parameterCount} (call Reset() to start on a different vector).",
                nameof(weights));
        }

        long step = Iterations + 1;
        Apply(weights, gradient, step);
        Iterations = step;
    }

    /// <summary>
    /// Forgets all state: <see cref="Iterations"/> returns to 0 and the moments/velocities are discarded, so the
    /// next update behaves like the first update of a new optimizer with the same hyperparameters.
    /// </summary>
    public void Reset()
    {
        Iterations = 0;
        _parameterCount = -1;
        InitializeState(0);
    }

    /// <summary>
    /// Creates the optimizer's state for <paramref name="parameterCount"/> parameters, all zeros. Called before the
    /// first update (with the parameter count) and by <see cref="Reset"/> (with 0, to release the state).
    /// </summary>
    /// <param name="parameterCount">The length of the parameter vector.</param>
    protected abstract void InitializeState(int parameterCount);

    /// <summary>
    /// Applies update number <paramref name="step"/> (1 for the first update) to <paramref name="weights"/> in
    /// place. The arguments have already been checked: both arrays have the state's length.
    /// </summary>
    /// <param name="weights">The parameters to update in place.</param>
    /// <param name="gradient">The gradient at <paramref name="weights"/>.</param>
    /// <param name="step">The step number <c>t</c> = <see cref="Iterations"/> + 1.</param>
    protected abstract void Apply(double[] weights, double[] gradient, long step);
}
