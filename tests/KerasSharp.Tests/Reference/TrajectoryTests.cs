using KerasSharp.Reference;
using Xunit;

namespace KerasSharp.Tests.Reference;

public class TrajectoryTests
{
    [Fact]
    public void Run_RecordsInitialPointAndEveryStep_AndEqualsManualUpdates()
    {
        double[] w0 = [3.0, -1.0];
        double[][] path = Trajectory.Run(new Adam(0.05), w0, Quadratics.Gradient, steps: 50);

        Assert.Equal(51, path.Length);
        Assert.Equal([3.0, -1.0], w0); // not modified
        Assert.Equal(w0, path[0]);
        Assert.NotSame(w0, path[0]);

        var adam = new Adam(0.05);
        double[] w = [3.0, -1.0];
        for (int k = 1; k <= 50; k++)
        {
            adam.Update(w, Quadratics.Gradient(w));
            Assert.Equal(w, path[k]);
        }
        Assert.Equal(50, adam.Iterations);
    }

    [Fact]
    public void Run_ZeroSteps_ReturnsOnlyTheInitialPoint()
    {
        var sgd = new Sgd();
        double[][] path = Trajectory.Run(sgd, [1.0], w => w, steps: 0);

        Assert.Single(path);
        Assert.Equal([1.0], path[0]);
        Assert.Equal(0, sgd.Iterations);
    }

    [Fact]
    public void Run_ContinuesFromOptimizerState_AndResetStartsAfresh()
    {
        var adam = new Adam(0.1);
        double[][] first = Trajectory.Run(adam, [1.0, 1.0], Quadratics.Gradient, steps: 10);
        Assert.Equal(10, adam.Iterations);
        Assert.Equal(2, adam.ParameterCount);

        // Continuing: the step counter and moments carry on, so the path differs from a fresh start.
        double[][] continued = Trajectory.Run(adam, [1.0, 1.0], Quadratics.Gradient, steps: 10);
        Assert.Equal(20, adam.Iterations);
        Assert.NotEqual(first[1], continued[1]);

        adam.Reset();
        Assert.Equal(0, adam.Iterations);
        Assert.Null(adam.ParameterCount);
        Assert.Empty(adam.FirstMoment);
        double[][] again = Trajectory.Run(adam, [1.0, 1.0], Quadratics.Gradient, steps: 10);
        for (int k = 0; k < first.Length; k++)
        {
            Assert.Equal(first[k], again[k]);
        }
    }

    [Fact]
    public void GradientFunction_ReceivesACopy()
    {
        double[][] path = Trajectory.Run(new GradientDescent(0.5), [1.0], w =>
        {
            double g = 2 * w[0];
            w[0] = 1000; // must not leak into the run
            return [g];
        }, steps: 2);

        // f = w²: w ← w − 0.5·2w = 0 in one step, then stays at 0.
        Assert.Equal(0.0, path[1][0]);
        Assert.Equal(0.0, path[2][0]);
    }

    [Fact]
    public void Minibatch_TwoSgdSteps_OnLinearRegression_MatchHandComputation()
    {
        // Data x = (0, 1, 2, 3), y = 2x + 1 = (1, 3, 5, 7); model ŷ = a·x + b, w = (a, b) = (0, 0);
        // loss = mean over the batch of (ŷ − y)² (Keras's MSE), gradient = mean(2r·x), mean(2r) with r = ŷ − y.
        // batch {0, 1}: ŷ = (0, 0), r = (−1, −3)      ∂a = mean(0, −6) = −3        ∂b = mean(−2, −6) = −4
        //               η = 0.1 → w = (0.3, 0.4)
        // batch {2, 3}: ŷ = (1.0, 1.3), r = (−4, −5.7) ∂a = mean(−16, −34.2) = −25.1  ∂b = mean(−8, −11.4) = −9.7
        //               → w = (0.3 + 2.51, 0.4 + 0.97) = (2.81, 1.37)
        double[][] path = Trajectory.Run(new Sgd(0.1), [0.0, 0.0], LinearRegression.BatchGradient,
            Minibatches.Sequential(sampleCount: 4, batchSize: 2));

        Assert.Equal(3, path.Length);
        Tolerance.Near(0.3, path[1][0]);
        Tolerance.Near(0.4, path[1][1]);
        Tolerance.Near(2.81, path[2][0]);
        Tolerance.Near(1.37, path[2][1]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MinibatchSgdWithMomentum_OnInterpolatingProblem_ConvergesToExactSolution(bool shuffled)
    {
        // y = 2x + 1 holds exactly, so every per-batch gradient vanishes at (2, 1): constant-η minibatch SGD converges
        // to it exactly, whatever the batch order.
        int[][] batches = shuffled
            ? Minibatches.Shuffled(sampleCount: 4, batchSize: 2, epochs: 300, new Random(7))
            : Minibatches.Sequential(sampleCount: 4, batchSize: 2, epochs: 300);
        double[][] path = Trajectory.Run(new Sgd(0.02, momentum: 0.9), [0.0, 0.0], LinearRegression.BatchGradient,
            batches);

        Assert.Equal(601, path.Length);
        Tolerance.Near(2.0, path[^1][0], 1e-9, "slope");
        Tolerance.Near(1.0, path[^1][1], 1e-9, "intercept");
    }

    [Fact]
    public void Sequential_CutsConsecutiveBatches_LastOneShort_RepeatedEachEpoch()
    {
        int[][] batches = Minibatches.Sequential(sampleCount: 5, batchSize: 2, epochs: 2);

        Assert.Equal(6, batches.Length);
        Assert.Equal([0, 1], batches[0]);
        Assert.Equal([2, 3], batches[1]);
        Assert.Equal([4], batches[2]);
        Assert.Equal([0, 1], batches[3]);
        Assert.Equal([2, 3], batches[4]);
        Assert.Equal([4], batches[5]);

        Assert.Equal([[0, 1, 2]], Minibatches.Sequential(3, 10));
        Assert.Empty(Minibatches.Sequential(3, 1, epochs: 0));
    }

    [Fact]
    public void Shuffled_EachEpochIsAPermutation_ReproducibleFromTheSeed()
    {
        int[][] batches = Minibatches.Shuffled(sampleCount: 10, batchSize: 3, epochs: 4, new Random(123));
        int[][] again = Minibatches.Shuffled(sampleCount: 10, batchSize: 3, epochs: 4, new Random(123));

        Assert.Equal(16, batches.Length); // ⌈10/3⌉ = 4 batches per epoch
        var epochs = new List<int[]>();
        for (int e = 0; e < 4; e++)
        {
            int[][] epoch = batches[(4 * e)..(4 * e + 4)];
            Assert.Equal([3, 3, 3, 1], epoch.Select(b => b.Length));
            int[] order = epoch.SelectMany(b => b).ToArray();
            Assert.Equal(Enumerable.Range(0, 10), order.Order());
            epochs.Add(order);
        }
        Assert.Contains(epochs, order => !order.SequenceEqual(Enumerable.Range(0, 10)));
        Assert.NotEqual(epochs[0], epochs[1]);
        for (int k = 0; k < batches.Length; k++)
        {
            Assert.Equal(batches[k], again[k]);
        }
    }

    /// <summary>Least squares on x = (0, 1, 2, 3), y = 2x + 1, model ŷ = a·x + b, Keras-style mean loss.</summary>
    private static class LinearRegression
    {
        private static readonly double[] X = [0, 1, 2, 3];
        private static readonly double[] Y = [1, 3, 5, 7];

        public static double[] BatchGradient(double[] w, int[] batch)
        {
            double da = 0, db = 0;
            foreach (int i in batch)
            {
                double residual = w[0] * X[i] + w[1] - Y[i];
                da += 2 * residual * X[i];
                db += 2 * residual;
            }
            return [da / batch.Length, db / batch.Length];
        }
    }
}
