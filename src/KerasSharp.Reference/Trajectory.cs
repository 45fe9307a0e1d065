using System;
using System.Collections.Generic;

namespace KerasSharp.Reference;

/// <summary>
/// Runs an optimizer for a number of steps and records the parameters after every step: the reference trajectory
/// against which an optimizer under test is compared, in one line, e.g.
/// <c>double[][] path = Trajectory.Run(new Adam(), w0, w =&gt; Gradient(w), steps: 50);</c>
/// </summary>
/// <remarks>
/// The optimizer continues from its current state: pass a new optimizer (or call <see cref="Optimizer.Reset"/>)
/// for a trajectory from scratch. The gradient function receives a fresh copy of the current parameters, so
/// modifying that array has no effect on the run.
/// </remarks>
public static class Trajectory
{
    /// <summary>
    /// Full-batch run: <paramref name="steps"/> updates with the gradient <paramref name="gradient"/>(w) at the
    /// current parameters.
    /// </summary>
    /// <param name="optimizer">The optimizer to step; its state advances by <paramref name="steps"/> updates.</param>
    /// <param name="initialWeights">w₀; not modified.</param>
    /// <param name="gradient">∇L(w), returning one entry per parameter.</param>
    /// <param name="steps">The number of updates N ≥ 0.</param>
    /// <returns>N + 1 arrays: element k holds the parameters after k updates (element 0 is a copy of w₀).</returns>
    /// <exception cref="ArgumentNullException">An argument is <c>null</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The gradient function returned <c>null</c> or the wrong length.</exception>
    public static double[][] Run(Optimizer optimizer, double[] initialWeights, Func<double[], double[]> gradient,
        int steps)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        if (steps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(steps),
                $"steps must be greater than or equal to 0, but was {steps}.");
        }
        return Run(optimizer, initialWeights, (weights, _) => gradient(weights), StepsWithoutBatches(steps));
    }

    /// <summary>
    /// Minibatch run: one update per batch, in order, with the gradient <paramref name="batchGradient"/>(w, batch)
    /// of the loss over the samples whose indices form the batch.
    /// </summary>
    /// <param name="optimizer">The optimizer to step; its state advances by one update per batch.</param>
    /// <param name="initialWeights">w₀; not modified.</param>
    /// <param name="batchGradient">
    /// ∇L_B(w) for the batch B of sample indices, returning one entry per parameter. To mirror Keras, make it the
    /// gradient of the <em>mean</em> loss over the batch.
    /// </param>
    /// <param name="batches">The index batches, one per update, e.g. from <see cref="Minibatches"/>.</param>
    /// <returns>One array more than there are batches: element k holds the parameters after k updates.</returns>
    /// <exception cref="ArgumentNullException">An argument or a batch is <c>null</c>.</exception>
    /// <exception cref="InvalidOperationException">The gradient function returned <c>null</c> or the wrong length.</exception>
    public static double[][] Run(Optimizer optimizer, double[] initialWeights,
        Func<double[], int[], double[]> batchGradient, IEnumerable<int[]> batches)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(initialWeights);
        ArgumentNullException.ThrowIfNull(batchGradient);
        ArgumentNullException.ThrowIfNull(batches);

        var weights = (double[])initialWeights.Clone();
        var path = new List<double[]> { (double[])weights.Clone() };
        foreach (int[] batch in batches)
        {
            if (batch is null)
            {
                throw new ArgumentNullException(nameof(batches), $"batch {path.Count - 1} is null; expected an array of sample indices.");
            }
            double[] gradient = batchGradient((double[])weights.Clone(), batch)
                ?? throw new InvalidOperationException($"The gradient function returned null at step {path.Count}; expected {weights.Length} values.");
            if (gradient.Length != weights.Length)
            {
                throw new InvalidOperationException(
                    $"The gradient function returned {gradient.Length} values at step {path.Count}; expected {weights.Length}, one per parameter.");
            }
            optimizer.Update(weights, gradient);
            path.Add((double[])weights.Clone());
        }
        return path.ToArray();
    }

    /// <summary>N placeholder batches for the full-batch run, whose gradient ignores the batch.</summary>
    private static IEnumerable<int[]> StepsWithoutBatches(int steps)
    {
        for (int k = 0; k < steps; k++)
        {
            yield return [];
        }
    }
}
