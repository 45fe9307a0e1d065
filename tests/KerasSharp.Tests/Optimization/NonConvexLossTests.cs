using KerasSharp.Examples.Optimization;
using Xunit;

namespace KerasSharp.Tests.Optimization;

/// <summary>The second cell's loss curve against the chapter's NumPy code (same seed, NumPy 1.24).</summary>
public class NonConvexLossTests
{
    [Fact]
    public void Sweep_is_numpy_linspace()
    {
        double[] w0 = Np.linspace(-5, 5, 100);
        Assert.Equal(-5.0, w0[0]);
        Assert.Equal(-4.898989898989899, w0[1]);
        Assert.Equal(0.050505050505050164, w0[50]);
        Assert.Equal(4.8989898989899, w0[98]);
        Assert.Equal(5.0, w0[99]);
    }

    [Theory]
    // losses[i] for w0[i] = np.linspace(-5, 5, 100)[i]
    [InlineData(0, 0.3405656952283784)]
    [InlineData(22, 0.3395844290992473)]
    [InlineData(25, 0.33961768785172347)]
    [InlineData(49, 0.34097708151873485)]
    [InlineData(50, 0.3410213366047388)]
    [InlineData(55, 0.3411384344045849)]
    [InlineData(75, 0.3405512870196799)]
    [InlineData(78, 0.34052876614839056)]
    [InlineData(99, 0.34124469099012344)]
    public void Model_forward_loss_matches_numpy(int i, double expected)
    {
        (double[] _, double[] losses) = Cell2_NonConvexLoss.compute();
        Assert.Equal(expected, losses[i], 1e-13);
    }

    [Fact]
    public void Loss_is_not_convex_two_local_minima_around_one_maximum()
    {
        (double[] _, double[] losses) = Cell2_NonConvexLoss.compute();
        int[] minima = Enumerable.Range(1, 98).Where(i => losses[i] < losses[i - 1] && losses[i] < losses[i + 1]).ToArray();
        int[] maxima = Enumerable.Range(1, 98).Where(i => losses[i] > losses[i - 1] && losses[i] > losses[i + 1]).ToArray();
        Assert.Equal([22, 78], minima);
        Assert.Equal([55], maxima);
    }

    [Fact]
    public void Mse_broadcasts_outputs_against_targets_as_numpy_does()
    {
        // One layer, zero weights and biases: every output is sigmoid(0) = 0.5. With outputs (n, 1) and y (n,), NumPy's
        // mean runs over n * n pairs; with y = [0, 1] that is still 0.25.
        double[][,] weights = [new double[1, 1]];
        double[][,] biases = [new double[1, 1]];
        double loss = Cell2_NonConvexLoss.model_forward_loss(weights, biases, new double[2, 1], [0, 1]);
        Assert.Equal(0.25, loss, 1e-15);

        // Different outputs: o = sigmoid([-1, 1]), y = [0, 1]: mean of the four (o_i - y_j)^2.
        weights = [new double[,] { { 1.0 } }];
        double[] o = [1 / (1 + Math.Exp(1)), 1 / (1 + Math.Exp(-1))];
        double pairs = 0;
        foreach (double oi in o)
            foreach (int yj in new[] { 0, 1 })
                pairs += (oi - yj) * (oi - yj);
        loss = Cell2_NonConvexLoss.model_forward_loss(weights, biases, new double[,] { { -1 }, { 1 } }, [0, 1]);
        Assert.Equal(pairs / 4 + .0001, loss, 1e-15);
    }
}
