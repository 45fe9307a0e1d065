using KerasSharp.Reference;
using Xunit;

namespace KerasSharp.Tests.Reference;

public class GradientDescentTests
{
    [Fact]
    public void DefaultLearningRate_IsKerasSgdDefault()
    {
        Assert.Equal(0.01, new GradientDescent().LearningRate);
    }

    [Fact]
    public void ThreeSteps_OnShiftedParabola_MatchHandComputation()
    {
        // f(w) = (w − 3)², ∇f = 2(w − 3), η = 0.1, w₀ = 0.
        // step 1: g = 2(0 − 3)     = −6     → w = 0     + 0.6   = 0.6
        // step 2: g = 2(0.6 − 3)   = −4.8   → w = 0.6   + 0.48  = 1.08
        // step 3: g = 2(1.08 − 3)  = −3.84  → w = 1.08  + 0.384 = 1.464
        double[][] path = Trajectory.Run(new GradientDescent(0.1), [0.0], w => [2 * (w[0] - 3)], steps: 3);

        Tolerance.Near(0.0, path[0][0]);
        Tolerance.Near(0.6, path[1][0]);
        Tolerance.Near(1.08, path[2][0]);
        Tolerance.Near(1.464, path[3][0]);
    }

    [Fact]
    public void Iterates_FollowClosedForm_AndConvergeToMinimiser()
    {
        // On f(w) = (w − 3)² with η = 0.1: w_{k+1} − 3 = (1 − 2η)(w_k − 3) = 0.8(w_k − 3), so w_k = 3 − 3·0.8^k.
        double[][] path = Trajectory.Run(new GradientDescent(0.1), [0.0], w => [2 * (w[0] - 3)], steps: 200);

        for (int k = 0; k < path.Length; k++)
        {
            Tolerance.Near(3 - 3 * Math.Pow(0.8, k), path[k][0], 1e-12, $"w_{k}");
        }
        // 3·0.8²⁰⁰ ≈ 1.2e-19: the last iterate is 3 to rounding.
        Assert.True(Math.Abs(path[^1][0] - 3) < 1e-12, $"w_200 = {path[^1][0]:R}");
    }

    [Fact]
    public void TwoDimensionalQuadratic_ConvergesToKnownMinimiser()
    {
        // η = 0.2 < 2/λ_max ≈ 0.553: the contraction factor is max|1 − ηλ| = 1 − 0.2·1.382 ≈ 0.724 per step,
        // so 200 steps shrink the initial error (≈ 2) by ≈ 1e-28: the iterate is the minimiser to rounding.
        double[][] path = Trajectory.Run(new GradientDescent(0.2), [0.0, 0.0], Quadratics.Gradient, steps: 200);

        Assert.True(Quadratics.DistanceToMinimiser(path[^1]) < 1e-12,
            $"distance {Quadratics.DistanceToMinimiser(path[^1])}");
        Assert.True(Quadratics.DistanceToMinimiser(path[10]) > 1e-3, "should not be there after only 10 steps");
    }

    [Fact]
    public void Diverges_WhenLearningRateExceedsTwoOverLargestCurvature()
    {
        // f(w) = w², ∇f = 2w, curvature 2: η = 1.1 > 2/2 gives w_{k+1} = (1 − 2.2)w_k = −1.2 w_k.
        double[][] path = Trajectory.Run(new GradientDescent(1.1), [1.0], w => [2 * w[0]], steps: 3);

        Tolerance.Near(-1.2, path[1][0]);
        Tolerance.Near(1.44, path[2][0]);
        Tolerance.Near(-1.728, path[3][0]);
    }

    [Fact]
    public void EqualsSgdWithoutMomentum_BitForBit()
    {
        double[][] gd = Trajectory.Run(new GradientDescent(0.05), [5.0, 5.0], Quadratics.Gradient, steps: 60);
        double[][] sgd = Trajectory.Run(new Sgd(0.05), [5.0, 5.0], Quadratics.Gradient, steps: 60);
        // Keras ignores nesterov=True when momentum is 0.
        double[][] sgdNesterovFlag = Trajectory.Run(new Sgd(0.05, momentum: 0.0, nesterov: true), [5.0, 5.0],
            Quadratics.Gradient, steps: 60);

        for (int k = 0; k < gd.Length; k++)
        {
            Assert.Equal(gd[k], sgd[k]);
            Assert.Equal(gd[k], sgdNesterovFlag[k]);
        }
    }
}
