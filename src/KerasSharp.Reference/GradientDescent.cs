namespace KerasSharp.Reference;

/// <summary>
/// Plain gradient descent: <c>w ← w − η·∇L(w)</c>. Used with the gradient of the loss over the whole training set
/// it is full-batch gradient descent.
/// </summary>
/// <remarks>
/// Mirrors <c>keras.optimizers.SGD(learning_rate=η)</c> with its default <c>momentum=0.0</c>, fitted with
/// <c>batch_size</c> equal to the number of samples. The same rule applied to minibatch gradients is minibatch SGD;
/// see <see cref="Sgd"/> (which adds momentum) and <see cref="Trajectory"/>.
/// </remarks>
public sealed class GradientDescent : Optimizer
{
    /// <summary>Creates a gradient-descent optimizer.</summary>
    /// <param name="learningRate">η, finite and &gt; 0; Keras's SGD default is 0.01.</param>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="learningRate"/> is not finite and positive.</exception>
    public GradientDescent(double learningRate = 0.01)
        : base(learningRate)
    {
    }

    /// <inheritdoc/>
    protected override void InitializeState(int parameterCount)
    {
        // Gradient descent is memoryless: no state.
    }

    /// <summary>The gradient-descent step, coordinate by coordinate: <c>w ← w − η·g</c>.</summary>
    /// <param name="weights">The parameters to update in place.</param>
    /// <param name="gradient">The gradient g at <paramref name="weights"/>.</param>
    /// <param name="step">Unused: the rule does not depend on t.</param>
    protected override void Apply(double[] weights, double[] gradient, long step)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] -= LearningRate * gradient[i];
        }
    }
}
