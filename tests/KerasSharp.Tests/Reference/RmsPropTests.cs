using KerasSharp.Reference;
using Xunit;

namespace KerasSharp.Tests.Reference;

public class RmsPropTests
{
    // f(w) = ½w², so ∇f(w) = w.
    private static double[] HalfSquareGradient(double[] w) => [w[0]];

    [Fact]
    public void Defaults_AreKerasDefaults()
    {
        var rms = new RmsProp();
        Assert.Equal(0.001, rms.LearningRate);
        Assert.Equal(0.9, rms.Rho);
        Assert.Equal(0.0, rms.Momentum);
        Assert.Equal(1e-7, rms.Epsilon);
        Assert.False(rms.Centered);
    }

    [Fact]
    public void ThreeSteps_MatchHandComputation()
    {
        // η = 0.1, ρ = 0.9, ε = 1e-7, w₀ = 1, g = w.   v ← ρv + (1 − ρ)g²;  w ← w − ηg/√(v + ε)
        // step 1: g = 1                   v = 0.1·1                      = 0.1
        //         √(0.1000001) = 0.31622792413  Δ = 0.1/0.31622792413    = 0.31622760790   w = 0.68377239210
        // step 2: g = 0.68377239210       v = 0.09 + 0.1·0.46754468419   = 0.13675446842
        //         √(0.13675456842) = 0.36980341862  Δ = 0.068377239/0.369803419 = 0.18490158762  w = 0.49887080448
        // step 3: g = 0.49887080448       v = 0.12307902158 + 0.1·0.24887207956 = 0.14796622953
        //         √(0.14796632953) = 0.38466391764  Δ = 0.049887080/0.384663918 = 0.12969004411  w = 0.36918076036
        var rms = new RmsProp(0.1);
        double[] w = [1.0];
        double[] expectedV = [0.1, 0.13675446841939531, 0.1479662295332767];
        double[] expectedW = [0.6837723920969265, 0.49887080447567694, 0.3691807603618857];
        for (int t = 0; t < 3; t++)
        {
            rms.Update(w, HalfSquareGradient(w));
            Tolerance.Near(expectedV[t], rms.MeanSquare[0], what: $"v after step {t + 1}");
            Tolerance.Near(expectedW[t], w[0], what: $"w after step {t + 1}");
        }
        Assert.Empty(rms.MeanGradient);
        Assert.Empty(rms.MomentumBuffer);
    }

    [Fact]
    public void Epsilon_IsInsideTheSquareRoot()
    {
        // A tiny gradient makes the placement visible. η = 0.001, ρ = 0.9, ε = 1e-7, g = 1e-4:
        // v = 0.1·1e-8 = 1e-9.
        // Keras (inside):  Δ = 1e-7/√(1e-9 + 1e-7) = 1e-7/√(1.01e-7) = 1e-7/3.1780497e-4 = 3.1465838e-4
        // Adam-like (outside, NOT Keras): 1e-7/(√1e-9 + 1e-7) = 1e-7/3.1722777e-5 = 3.1523e-3, ten times larger.
        double[] w = [0.0];
        new RmsProp().Update(w, [1e-4]);

        Tolerance.Near(-1e-7 / Math.Sqrt(1.01e-7), w[0], 1e-15);
        Tolerance.Near(-3.1465838e-4, w[0], 1e-11);
    }

    [Fact]
    public void ConstantGradient_FollowsClosedForm()
    {
        // With g constant and v₀ = 0: v_t = (1 − ρᵗ)g², so the t-th move is −ηg/√((1 − ρᵗ)g² + ε).
        const double eta = 0.01, rho = 0.8, eps = 1e-3, g = -0.7;
        double[][] path = Trajectory.Run(new RmsProp(eta, rho, epsilon: eps), [0.0], _ => [g], steps: 30);

        for (int t = 1; t <= 30; t++)
        {
            double expectedMove = -eta * g / Math.Sqrt((1 - Math.Pow(rho, t)) * g * g + eps);
            Tolerance.Near(expectedMove, path[t][0] - path[t - 1][0], 1e-12, $"move {t}");
        }
    }

    [Fact]
    public void Centered_ConstantGradient_FollowsClosedForm()
    {
        // Centered, g constant: v_t = (1 − ρᵗ)g², ḡ_t = (1 − ρᵗ)g, so v_t − ḡ_t² = ρᵗ(1 − ρᵗ)g² and the t-th move is
        // −ηg/√(ρᵗ(1 − ρᵗ)g² + ε): the estimated variance of a constant gradient shrinks, so the steps grow.
        const double eta = 0.01, rho = 0.8, eps = 1e-3, g = -0.7;
        var rms = new RmsProp(eta, rho, epsilon: eps, centered: true);
        double[][] path = Trajectory.Run(rms, [0.0], _ => [g], steps: 12);

        for (int t = 1; t <= 12; t++)
        {
            double rt = Math.Pow(rho, t);
            double expectedMove = -eta * g / Math.Sqrt(rt * (1 - rt) * g * g + eps);
            Tolerance.Near(expectedMove, path[t][0] - path[t - 1][0], 1e-10, $"move {t}");
        }
        Tolerance.Near((1 - Math.Pow(rho, 12)) * g, rms.MeanGradient[0], 1e-12, "ḡ");
    }

    [Fact]
    public void CenteredWithMomentum_ThreeSteps_MatchHandComputation()
    {
        // η = 0.1, ρ = 0.9, μ = 0.5, ε = 1e-7, centered, w₀ = 1, g = w.
        // v ← ρv + (1 − ρ)g²;  ḡ ← ρḡ + (1 − ρ)g;  Δ = ηg/√(v − ḡ² + ε);  b ← μb + Δ;  w ← w − b
        // step 1: g = 1             v = 0.1            ḡ = 0.1            d = 0.1 − 0.01 + 1e-7 = 0.0900001
        //         Δ = 0.1/0.30000016667 = 0.33333314815   b = 0.33333314815            w = 0.66666685185
        // step 2: g = 0.66666685185 v = 0.13444446914  ḡ = 0.15666668519  d = 0.10990011889
        //         Δ = 0.066666685/0.33151186840 = 0.20109893956  b = 0.16666657407 + Δ = 0.36776551363  w = 0.29890133822
        // step 3: g = 0.29890133822 v = 0.12993422322  ḡ = 0.17089015049  d = 0.10073087969
        //         Δ = 0.029890134/0.31738128440 = 0.09417736739  b = 0.18388275682 + Δ = 0.27806012420  w = 0.02084121402
        var rms = new RmsProp(0.1, rho: 0.9, momentum: 0.5, centered: true);
        double[] w = [1.0];
        double[] expectedGbar = [0.1, 0.15666668518516977, 0.17089015048878925];
        double[] expectedB = [0.33333314814830245, 0.36776551363033294, 0.278060124200502];
        double[] expectedW = [0.6666668518516976, 0.29890133822136467, 0.020841214020862642];
        for (int t = 0; t < 3; t++)
        {
            rms.Update(w, HalfSquareGradient(w));
            Tolerance.Near(expectedGbar[t], rms.MeanGradient[0], what: $"ḡ after step {t + 1}");
            Tolerance.Near(expectedB[t], rms.MomentumBuffer[0], what: $"b after step {t + 1}");
            Tolerance.Near(expectedW[t], w[0], what: $"w after step {t + 1}");
        }
    }

    [Fact]
    public void Momentum_AccumulatesThePlainIncrements()
    {
        // Under a constant gradient the increments Δ_t do not depend on w, so with momentum μ the t-th move is
        // b_t = Σ_{k ≤ t} μ^{t−k} Δ_k, where Δ_k are the moves of RMSprop without momentum.
        const double mu = 0.6;
        double[][] plain = Trajectory.Run(new RmsProp(0.01), [0.0, 0.0], _ => [0.3, -2.0], steps: 15);
        double[][] heavy = Trajectory.Run(new RmsProp(0.01, momentum: mu), [0.0, 0.0], _ => [0.3, -2.0], steps: 15);

        for (int i = 0; i < 2; i++)
        {
            double b = 0;
            for (int t = 1; t <= 15; t++)
            {
                b = mu * b + (plain[t - 1][i] - plain[t][i]);
                Tolerance.Near(-b, heavy[t][i] - heavy[t - 1][i], 1e-12, $"move {t} of coordinate {i}");
            }
        }
    }

    [Fact]
    public void NearTheMinimiser_StepsHaveSizeAboutLearningRate_SoItSettlesWithinLearningRate()
    {
        // g/√(mean g²) is O(1) even as g → 0, so constant-η RMSprop does not converge exactly: it settles in a band of
        // width ≈ η around the minimiser. Two learning rates show the band scaling with η.
        double[][] coarse = Trajectory.Run(new RmsProp(0.01), [0.0, 0.0], Quadratics.Gradient, steps: 2000);
        double[][] fine = Trajectory.Run(new RmsProp(0.001), [0.0, 0.0], Quadratics.Gradient, steps: 8000);

        double coarseDistance = Quadratics.DistanceToMinimiser(coarse[^1]);
        double fineDistance = Quadratics.DistanceToMinimiser(fine[^1]);
        Assert.True(coarseDistance <= 0.01, $"η = 0.01: distance {coarseDistance}");
        Assert.True(fineDistance <= 0.001, $"η = 0.001: distance {fineDistance}");
    }
}
