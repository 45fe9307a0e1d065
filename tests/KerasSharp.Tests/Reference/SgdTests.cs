using KerasSharp.Reference;
using Xunit;

namespace KerasSharp.Tests.Reference;

public class SgdTests
{
    // f(w) = ½w², so ∇f(w) = w.
    private static double[] HalfSquareGradient(double[] w) => [w[0]];

    [Fact]
    public void Defaults_AreKerasDefaults()
    {
        var sgd = new Sgd();
        Assert.Equal(0.01, sgd.LearningRate);
        Assert.Equal(0.0, sgd.Momentum);
        Assert.False(sgd.Nesterov);
    }

    [Fact]
    public void ClassicalMomentum_ThreeSteps_MatchHandComputation()
    {
        // η = 0.1, μ = 0.9, w₀ = 1, g = w.   m ← μm − ηg;  w ← w + m
        // step 1: g = 1     m = 0.9·0      − 0.1·1    = −0.1    w = 1    − 0.1   = 0.9
        // step 2: g = 0.9   m = 0.9·(−0.1) − 0.1·0.9  = −0.18   w = 0.9  − 0.18  = 0.72
        // step 3: g = 0.72  m = 0.9·(−0.18) − 0.1·0.72 = −0.234 w = 0.72 − 0.234 = 0.486
        var sgd = new Sgd(0.1, momentum: 0.9);
        double[] w = [1.0];
        double[] expectedW = [0.9, 0.72, 0.486];
        double[] expectedM = [-0.1, -0.18, -0.234];
        for (int t = 0; t < 3; t++)
        {
            sgd.Update(w, HalfSquareGradient(w));
            Tolerance.Near(expectedW[t], w[0], what: $"w after step {t + 1}");
            Tolerance.Near(expectedM[t], sgd.Velocity[0], what: $"m after step {t + 1}");
        }
    }

    [Fact]
    public void Nesterov_ThreeSteps_MatchHandComputation()
    {
        // η = 0.1, μ = 0.9, w₀ = 1, g = w.   m ← μm − ηg;  w ← w + μm − ηg
        // step 1: g = 1       m = −0.1                           w = 1      − 0.09     − 0.1     = 0.81
        // step 2: g = 0.81    m = −0.09   − 0.081   = −0.171     w = 0.81   − 0.1539   − 0.081   = 0.5751
        // step 3: g = 0.5751  m = −0.1539 − 0.05751 = −0.21141   w = 0.5751 − 0.190269 − 0.05751 = 0.327321
        double[][] path = Trajectory.Run(new Sgd(0.1, momentum: 0.9, nesterov: true), [1.0], HalfSquareGradient, 3);

        Tolerance.Near(0.81, path[1][0]);
        Tolerance.Near(0.5751, path[2][0]);
        Tolerance.Near(0.327321, path[3][0]);
    }

    [Fact]
    public void Nesterov_FirstStep_IsOnePlusMuTimesClassicalStep()
    {
        // From m = 0: classical moves by m₁ = −ηg, Nesterov by μm₁ − ηg = −(1 + μ)ηg.
        double[] g = [2.0, -0.5];
        double[] classical = [0.0, 0.0];
        double[] nesterov = [0.0, 0.0];
        new Sgd(0.1, momentum: 0.8).Update(classical, g);
        new Sgd(0.1, momentum: 0.8, nesterov: true).Update(nesterov, g);

        Tolerance.Near(-0.2, classical[0]);
        Tolerance.Near(0.05, classical[1]);
        Tolerance.Near(-0.36, nesterov[0]);
        Tolerance.Near(0.09, nesterov[1]);
    }

    [Fact]
    public void Nesterov_UnderConstantGradient_IsOneStepAheadOfClassical()
    {
        // With a constant gradient both velocities follow m_k = −ηg(1 − μᵏ)/(1 − μ). Classical moves by m_k at step k,
        // Nesterov by μm_k − ηg = m_{k+1}: Nesterov's k-th move is classical's (k+1)-th.
        const double eta = 0.05, mu = 0.7, g = 3.0;
        double[][] classical = Trajectory.Run(new Sgd(eta, mu), [0.0], _ => [g], steps: 21);
        double[][] nesterov = Trajectory.Run(new Sgd(eta, mu, nesterov: true), [0.0], _ => [g], steps: 20);

        for (int k = 1; k <= 20; k++)
        {
            double expectedClassicalMove = -eta * g * (1 - Math.Pow(mu, k)) / (1 - mu);
            Tolerance.Near(expectedClassicalMove, classical[k][0] - classical[k - 1][0], 1e-13, $"classical move {k}");
            Tolerance.Near(classical[k + 1][0] - classical[k][0], nesterov[k][0] - nesterov[k - 1][0], 1e-13,
                $"Nesterov move {k}");
        }
    }

    [Fact]
    public void Nesterov_EqualsSutskeverLookAheadForm()
    {
        // Sutskever et al. (2013): v ← μv − η∇f(θ + μv), θ ← θ + v. Keras stores w = θ + μv instead of θ.
        const double eta = 0.05, mu = 0.9;
        double[][] keras = Trajectory.Run(new Sgd(eta, mu, nesterov: true), [4.0, 3.0], Quadratics.Gradient, 60);

        double[] theta = [4.0, 3.0];
        double[] v = [0.0, 0.0];
        for (int t = 1; t <= 60; t++)
        {
            double[] lookAhead = [theta[0] + mu * v[0], theta[1] + mu * v[1]];
            double[] g = Quadratics.Gradient(lookAhead);
            for (int i = 0; i < 2; i++)
            {
                v[i] = mu * v[i] - eta * g[i];
                theta[i] += v[i];
                Tolerance.Near(theta[i] + mu * v[i], keras[t][i], 1e-12, $"w[{i}] at step {t}");
            }
        }
    }

    [Fact]
    public void ClassicalMomentum_EqualsPolyakHeavyBall()
    {
        // Heavy ball: w_{t+1} = w_t − η∇f(w_t) + μ(w_t − w_{t−1}), with w_{−1} = w₀.
        const double eta = 0.05, mu = 0.9;
        double[][] keras = Trajectory.Run(new Sgd(eta, mu), [4.0, 3.0], Quadratics.Gradient, 60);

        double[] previous = [4.0, 3.0];
        double[] current = [4.0, 3.0];
        for (int t = 1; t <= 60; t++)
        {
            double[] g = Quadratics.Gradient(current);
            double[] next = new double[2];
            for (int i = 0; i < 2; i++)
            {
                next[i] = current[i] - eta * g[i] + mu * (current[i] - previous[i]);
                Tolerance.Near(next[i], keras[t][i], 1e-12, $"w[{i}] at step {t}");
            }
            previous = current;
            current = next;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Momentum_ConvergesToMinimiserOfConvexQuadratic(bool nesterov)
    {
        double[][] path = Trajectory.Run(new Sgd(0.05, momentum: 0.9, nesterov: nesterov), [0.0, 0.0],
            Quadratics.Gradient, steps: 1000);

        Assert.True(Quadratics.DistanceToMinimiser(path[^1]) < 1e-10,
            $"distance {Quadratics.DistanceToMinimiser(path[^1])}");
    }

    [Fact]
    public void Velocity_IsEmptyWithoutMomentum_LikeKeras()
    {
        var sgd = new Sgd(0.1);
        sgd.Update([1.0, 2.0], [1.0, 1.0]);
        Assert.Empty(sgd.Velocity);

        var withMomentum = new Sgd(0.1, 0.5);
        Assert.Empty(withMomentum.Velocity);
        withMomentum.Update([1.0, 2.0], [1.0, 1.0]);
        Assert.Equal(2, withMomentum.Velocity.Count);
    }
}
