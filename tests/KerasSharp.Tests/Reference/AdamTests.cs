using KerasSharp.Reference;
using Xunit;

namespace KerasSharp.Tests.Reference;

public class AdamTests
{
    // f(w) = ½w², so ∇f(w) = w.
    private static double[] HalfSquareGradient(double[] w) => [w[0]];

    [Fact]
    public void Defaults_AreKerasDefaults()
    {
        var adam = new Adam();
        Assert.Equal(0.001, adam.LearningRate);
        Assert.Equal(0.9, adam.Beta1);
        Assert.Equal(0.999, adam.Beta2);
        Assert.Equal(1e-7, adam.Epsilon);
        Assert.False(adam.Amsgrad);
        Assert.Equal(AdamEpsilonPlacement.KerasEpsilonHat, adam.EpsilonPlacement);
    }

    [Fact]
    public void KerasEpsilonHat_ThreeSteps_MatchHandComputation()
    {
        // α = 0.1, β₁ = 0.5, β₂ = 0.75, ε̂ = 0.5 (large, so that its placement shows), w₀ = 1, g = w.
        // m ← m + (g − m)(1 − β₁);  v ← v + (g² − v)(1 − β₂);  αₜ = α√(1 − β₂ᵗ)/(1 − β₁ᵗ);  w ← w − m·αₜ/(√v + ε̂)
        // step 1: g = 1     m = 0.5    v = 0.25        α₁ = 0.1·√0.25/0.5 = 0.1
        //         Δ = 0.5·0.1/(0.5 + 0.5) = 0.05                                      w = 0.95
        // step 2: g = 0.95  m = 0.5 + 0.45·0.5 = 0.725   v = 0.25 + (0.9025 − 0.25)·0.25 = 0.413125
        //         α₂ = 0.1·√0.4375/0.75 = 0.088191710369   √v = 0.642748006609
        //         Δ = 0.725·0.088191710369/1.142748006609 = 0.055951959354            w = 0.894048040646
        // step 3: g = 0.894048040646  m = 0.809524020323  v = 0.509674224746
        //         α₃ = 0.1·√0.578125/0.875 = 0.086896607576   √v = 0.713914718118
        //         Δ = 0.809524020323·0.086896607576/1.213914718118 = 0.057948791680  w = 0.836099248967
        var adam = new Adam(0.1, beta1: 0.5, beta2: 0.75, epsilon: 0.5);
        double[] w = [1.0];
        double[] expectedM = [0.5, 0.725, 0.8095240203231154];
        double[] expectedV = [0.25, 0.413125, 0.5096742247458411];
        double[] expectedW = [0.95, 0.8940480406462309, 0.8360992489665668];
        for (int t = 0; t < 3; t++)
        {
            adam.Update(w, HalfSquareGradient(w));
            Tolerance.Near(expectedM[t], adam.FirstMoment[0], what: $"m after step {t + 1}");
            Tolerance.Near(expectedV[t], adam.SecondMoment[0], what: $"v after step {t + 1}");
            Tolerance.Near(expectedW[t], w[0], what: $"w after step {t + 1}");
        }
    }

    [Fact]
    public void Algorithm1_ThreeSteps_MatchHandComputation()
    {
        // Same problem, Algorithm 1: m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), w ← w − α·m̂/(√v̂ + ε), ε = 0.5.
        // step 1: g = 1      m = 0.5   v = 0.25   m̂ = 1   v̂ = 1
        //         Δ = 0.1·1/(1 + 0.5) = 0.066666666667                                  w = 0.933333333333
        // step 2: g = 0.933333333333  m = 0.716666666667  v = 0.405277777778
        //         m̂ = 0.716666666667/0.75 = 0.955555555556   v̂ = 0.405277777778/0.4375 = 0.926349206349
        //         Δ = 0.1·0.955555555556/(0.962470366478 + 0.5) = 0.065338455907      w = 0.867994877426
        // step 3: g = 0.867994877426  m = 0.792330772046  v = 0.492312110143
        //         m̂ = 0.792330772046/0.875 = 0.905520882339  v̂ = 0.492312110143/0.578125 = 0.851566893220
        //         Δ = 0.1·0.905520882339/(0.922803821633 + 0.5) = 0.063643410888      w = 0.804351466538
        var adam = new Adam(0.1, beta1: 0.5, beta2: 0.75, epsilon: 0.5,
            epsilonPlacement: AdamEpsilonPlacement.Algorithm1);
        double[][] path = Trajectory.Run(adam, [1.0], HalfSquareGradient, steps: 3);

        Tolerance.Near(0.9333333333333333, path[1][0]);
        Tolerance.Near(0.8679948774262597, path[2][0]);
        Tolerance.Near(0.8043514665377766, path[3][0]);
        // The moments are stored uncorrected, whatever the placement.
        Tolerance.Near(0.7923307720464632, adam.FirstMoment[0]);
        Tolerance.Near(0.4923121101428902, adam.SecondMoment[0]);
    }

    [Fact]
    public void Algorithm1_FirstStep_HasMagnitudeLearningRateWhateverTheGradientScale()
    {
        // Kingma & Ba §2.1: at t = 1, m̂ = g and v̂ = g², so Δ = −α·g/(|g| + ε): about α in every coordinate,
        // opposite to the gradient, for gradients spanning six orders of magnitude.
        double[] g = [1e-3, -1.0, 1e3, 5.0];
        double[] w = new double[4];
        new Adam(epsilonPlacement: AdamEpsilonPlacement.Algorithm1).Update(w, g);

        for (int i = 0; i < g.Length; i++)
        {
            double expected = -0.001 * g[i] / (Math.Abs(g[i]) + 1e-7);
            Tolerance.Near(expected, w[i], 1e-15, $"coordinate {i}");
            Assert.InRange(Math.Abs(w[i]), 0.001 * (1 - 1e-4), 0.001);
            Assert.Equal(-Math.Sign(g[i]), Math.Sign(w[i]));
        }
    }

    [Fact]
    public void KerasEpsilonHat_FirstStep_WeighsEpsilonMoreThanAlgorithm1()
    {
        // At t = 1 Keras computes α√(1 − β₂)/(1 − β₁)·(1 − β₁)g/(√(1 − β₂)|g| + ε̂) = αg/(|g| + ε̂/√(1 − β₂)):
        // its ε acts like ε/√0.001 ≈ 31.6ε in Algorithm 1. For g = 1e-6, ε = 1e-7:
        //   Keras:       0.001·1e-6/(1e-6 + 3.16227766e-6) = 2.40253073e-4
        //   Algorithm 1: 0.001·1e-6/(1e-6 + 1e-7)          = 9.09090909e-4
        double[] keras = [0.0];
        double[] algorithm1 = [0.0];
        new Adam().Update(keras, [1e-6]);
        new Adam(epsilonPlacement: AdamEpsilonPlacement.Algorithm1).Update(algorithm1, [1e-6]);

        Tolerance.Near(-0.001 * 1e-6 / (1e-6 + 1e-7 / Math.Sqrt(0.001)), keras[0], 1e-15);
        Tolerance.Near(-2.40253073e-4, keras[0], 1e-12);
        Tolerance.Near(-9.09090909e-4, algorithm1[0], 1e-12);
    }

    [Fact]
    public void KerasEpsilonHat_EqualsAlgorithm1WithEpsilonScaledBySqrtOneMinusBeta2PowerT()
    {
        // Kingma & Ba §2: the reordered update with ε̂ is Algorithm 1 with ε̂ = ε·√(1 − β₂ᵗ). Check it at each step
        // t = 1…12 on the same gradient sequence, running Algorithm 1 with ε = ε̂/√(1 − β₂ᵗ) for that t.
        const double epsilonHat = 1e-2, beta2 = 0.99;
        double[][] gradients = Enumerable.Range(1, 12).Select(k => new[] { Math.Sin(k), 0.05 * k - 0.3 }).ToArray();

        for (int t = 1; t <= 12; t++)
        {
            var keras = new Adam(0.01, beta2: beta2, epsilon: epsilonHat);
            var algorithm1 = new Adam(0.01, beta2: beta2, epsilon: epsilonHat / Math.Sqrt(1 - Math.Pow(beta2, t)),
                epsilonPlacement: AdamEpsilonPlacement.Algorithm1);
            double[] wKeras = [0.0, 0.0];
            double[] wAlgorithm1 = [0.0, 0.0];
            double[] beforeKeras = [], beforeAlgorithm1 = [];
            for (int k = 0; k < t; k++)
            {
                beforeKeras = (double[])wKeras.Clone();
                beforeAlgorithm1 = (double[])wAlgorithm1.Clone();
                keras.Update(wKeras, gradients[k]);
                algorithm1.Update(wAlgorithm1, gradients[k]);
            }
            for (int i = 0; i < 2; i++)
            {
                Tolerance.Near(wKeras[i] - beforeKeras[i], wAlgorithm1[i] - beforeAlgorithm1[i], 1e-14,
                    $"step {t}, coordinate {i}");
            }
        }

        // And the two placements do differ when ε is not rescaled (so the check above is not vacuous).
        double[] a = [0.0], b = [0.0];
        new Adam(0.01, beta2: beta2, epsilon: epsilonHat).Update(a, [0.05]);
        new Adam(0.01, beta2: beta2, epsilon: epsilonHat, epsilonPlacement: AdamEpsilonPlacement.Algorithm1)
            .Update(b, [0.05]);
        Assert.True(Math.Abs(a[0] - b[0]) > 1e-3 * Math.Abs(b[0]));
    }

    [Fact]
    public void ConstantGradient_FollowsClosedForms()
    {
        // With g constant: m_t = (1 − β₁ᵗ)g and v_t = (1 − β₂ᵗ)g², so the bias corrections are exact:
        //   Algorithm 1: every move is −αg/(|g| + ε);
        //   Keras:       the t-th move is −αg/(|g| + ε/√(1 − β₂ᵗ)).
        const double alpha = 0.01, eps = 1e-3, g = 0.02;
        double[][] algorithm1 = Trajectory.Run(new Adam(alpha, epsilon: eps,
            epsilonPlacement: AdamEpsilonPlacement.Algorithm1), [0.0], _ => [g], steps: 25);
        double[][] keras = Trajectory.Run(new Adam(alpha, epsilon: eps), [0.0], _ => [g], steps: 25);

        for (int t = 1; t <= 25; t++)
        {
            Tolerance.Near(-alpha * g / (g + eps), algorithm1[t][0] - algorithm1[t - 1][0], 1e-12, $"Algorithm 1 move {t}");
            double epsilonSeen = eps / Math.Sqrt(1 - Math.Pow(0.999, t));
            Tolerance.Near(-alpha * g / (g + epsilonSeen), keras[t][0] - keras[t - 1][0], 1e-12, $"Keras move {t}");
        }
    }

    [Fact]
    public void Amsgrad_TwoSteps_MatchHandComputation()
    {
        // α = 0.1, β₁ = β₂ = 0.5, ε = 0, gradients 2 then 0.5 (given, not from w).
        // step 1: m = 1      v = 2      v̂ = max(0, 2) = 2       α₁ = 0.1·√0.5/0.5 = 0.141421356
        //         Δ = 1·0.141421356/√2 = 0.1                                      w = −0.1
        // step 2: m = 1 + (0.5 − 1)·0.5 = 0.75   v = 2 + (0.25 − 2)·0.5 = 1.125   v̂ = max(2, 1.125) = 2
        //         α₂ = 0.1·√0.75/0.75 = 0.115470054
        //         Δ = 0.75·0.115470054/√2 = 0.061237244                          w = −0.161237244
        //         (without AMSGrad: Δ = 0.75·0.115470054/√1.125 = 0.081649658, w = −0.181649658)
        double[][] gradients = [[2.0], [0.5]];
        var amsgrad = new Adam(0.1, 0.5, 0.5, epsilon: 0, amsgrad: true);
        var plain = new Adam(0.1, 0.5, 0.5, epsilon: 0);
        double[][] withMax = Trajectory.Run(amsgrad, [0.0], (_, batch) => gradients[batch[0]], [[0], [1]]);
        double[][] withoutMax = Trajectory.Run(plain, [0.0], (_, batch) => gradients[batch[0]], [[0], [1]]);

        Tolerance.Near(-0.1, withMax[1][0]);
        Tolerance.Near(-0.1 - 0.75 * (0.1 / Math.Sqrt(0.75)) / Math.Sqrt(2), withMax[2][0]);
        Tolerance.Near(-0.161237244, withMax[2][0], 1e-9);
        Tolerance.Near(-0.181649658, withoutMax[2][0], 1e-9);
        Tolerance.Near(2.0, amsgrad.MaxSecondMoment[0]);
        Tolerance.Near(1.125, amsgrad.SecondMoment[0]);
        Assert.Empty(plain.MaxSecondMoment);
    }

    [Fact]
    public void Amsgrad_MaxSecondMoment_IsMonotoneAndDominatesSecondMoment()
    {
        // Gradients that shrink after a burst make v decrease; v̂ must never decrease and never fall below v.
        var adam = new Adam(0.01, beta2: 0.9, amsgrad: true);
        double[] w = [0.0, 0.0];
        double[] previousMax = [0.0, 0.0];
        bool vDecreased = false, maxAboveV = false;
        double[] previousV = [0.0, 0.0];
        for (int t = 1; t <= 40; t++)
        {
            double scale = t <= 5 ? 10.0 : 10.0 / t;
            adam.Update(w, [scale, -0.5 * scale]);
            for (int i = 0; i < 2; i++)
            {
                Assert.True(adam.MaxSecondMoment[i] >= previousMax[i], $"v̂[{i}] decreased at step {t}");
                Assert.True(adam.MaxSecondMoment[i] >= adam.SecondMoment[i], $"v̂[{i}] < v[{i}] at step {t}");
                vDecreased |= adam.SecondMoment[i] < previousV[i];
                maxAboveV |= adam.MaxSecondMoment[i] > adam.SecondMoment[i];
                previousMax[i] = adam.MaxSecondMoment[i];
                previousV[i] = adam.SecondMoment[i];
            }
        }
        Assert.True(vDecreased, "the gradient sequence should make v decrease, otherwise the test is vacuous");
        Assert.True(maxAboveV);
    }

    [Theory]
    [InlineData(AdamEpsilonPlacement.KerasEpsilonHat, false)]
    [InlineData(AdamEpsilonPlacement.KerasEpsilonHat, true)]
    [InlineData(AdamEpsilonPlacement.Algorithm1, false)]
    [InlineData(AdamEpsilonPlacement.Algorithm1, true)]
    public void ConvergesToMinimiserOfConvexQuadratic(AdamEpsilonPlacement placement, bool amsgrad)
    {
        double[][] path = Trajectory.Run(new Adam(0.01, amsgrad: amsgrad, epsilonPlacement: placement), [0.0, 0.0],
            Quadratics.Gradient, steps: 3000);

        Assert.True(Quadratics.DistanceToMinimiser(path[^1]) < 1e-8,
            $"distance {Quadratics.DistanceToMinimiser(path[^1])}");
    }

    [Fact]
    public void Moments_AreUncorrectedMovingAverages_NotTheChaptersFoldedRecursion()
    {
        // Algorithm 1 keeps m uncorrected and corrects a copy. With g = 1 and β₁ = 0.5:
        //   m_t = 1 − 0.5ᵗ = 0.5, 0.75, 0.875 and m̂_t = m_t/(1 − 0.5ᵗ) = 1, so every move is −α·1/(√1 + 0) = −α.
        // The chapter's folded recursion m^{t+1} = [β₁mᵗ + (1 − β₁)g]/(1 − β₁ᵗ) would instead store 1, then
        // (0.5 + 0.5)/0.75 = 4/3, then (2/3 + 0.5)/0.875 = 4/3: corrected values fed back and divided again.
        var adam = new Adam(0.1, beta1: 0.5, beta2: 0.5, epsilon: 0, epsilonPlacement: AdamEpsilonPlacement.Algorithm1);
        double[] w = [0.0];
        double[] expectedM = [0.5, 0.75, 0.875];
        for (int t = 1; t <= 3; t++)
        {
            double before = w[0];
            adam.Update(w, [1.0]);
            Tolerance.Near(expectedM[t - 1], adam.FirstMoment[0], 1e-15, $"m after step {t}");
            Tolerance.Near(-0.1, w[0] - before, 1e-14, $"move {t}");
        }
    }
}
