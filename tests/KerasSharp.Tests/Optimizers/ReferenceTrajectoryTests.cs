using KerasSharp.Reference;
using Xunit;
using Xunit.Abstractions;
using static KerasSharp.keras.optimizers;
using KerasOptimizer = KerasSharp.Optimizers.Optimizer;
using ReferenceOptimizer = KerasSharp.Reference.Optimizer;

namespace KerasSharp.Tests.Optimizers;

/// <summary>
/// The library's SGD, Adam and RMSprop, driven through <c>compile</c>/<c>fit</c> on <see cref="LinearProblem"/>, follow the
/// double-precision reference optimizers of KerasSharp.Reference (Keras's formulas and placements of ε) step by step for
/// 50 steps, to float32 precision (<see cref="Trajectories.Float32"/>).
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class ReferenceTrajectoryTests(ITestOutputHelper output)
{
    const int Steps = 50;

    // Problem scales: plain and momentum SGD at weights of order 1 (lr 0.1 / 0.01 move them by 0.1 or more in 50 steps);
    // Adam and RMSprop at their default lr 1e-3 move a weight by about 1e-3 a step, so their problem is scaled to 0.05,
    // where 50 steps reach the minimum and circle it.
    const double Sgd = 1.0, Adaptive = 0.05;

    static (KerasOptimizer library, ReferenceOptimizer reference, double scale) Case(string name) => name switch
    {
        "SGD lr=0.1" => (SGD(learning_rate: 0.1), new Sgd(0.1), Sgd),
        "SGD default" => (SGD(), new Sgd(), Sgd),
        "SGD momentum=0.9" => (SGD(momentum: 0.9), new Sgd(0.01, momentum: 0.9), Sgd),
        "SGD nesterov" => (SGD(momentum: 0.9, nesterov: true), new Sgd(0.01, momentum: 0.9, nesterov: true), Sgd),
        "SGD lr=0.05 momentum=0.5 nesterov" => (SGD(0.05, momentum: 0.5, nesterov: true), new Sgd(0.05, momentum: 0.5, nesterov: true), Sgd),
        "Adam default" => (Adam(), new Adam(), Adaptive),
        "Adam amsgrad" => (Adam(amsgrad: true), new Adam(amsgrad: true), Adaptive),
        "Adam amsgrad lr=0.01 beta_2=0.9" => (Adam(0.01, beta_2: 0.9, amsgrad: true), new Adam(0.01, beta2: 0.9, amsgrad: true), Adaptive),
        "Adam lr=0.05 beta_1=0.8 beta_2=0.99" => (Adam(0.05, beta_1: 0.8, beta_2: 0.99), new Adam(0.05, beta1: 0.8, beta2: 0.99), 1.0),
        "RMSprop default" => (RMSprop(), new RmsProp(), Adaptive),
        "RMSprop centered" => (RMSprop(centered: true), new RmsProp(centered: true), Adaptive),
        "RMSprop momentum=0.9" => (RMSprop(momentum: 0.9), new RmsProp(momentum: 0.9), Adaptive),
        "RMSprop centered momentum=0.5" => (RMSprop(momentum: 0.5, centered: true), new RmsProp(momentum: 0.5, centered: true), Adaptive),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("SGD lr=0.1")]
    [InlineData("SGD default")]
    [InlineData("SGD momentum=0.9")]
    [InlineData("SGD nesterov")]
    [InlineData("SGD lr=0.05 momentum=0.5 nesterov")]
    [InlineData("Adam default")]
    [InlineData("Adam amsgrad")]
    [InlineData("Adam amsgrad lr=0.01 beta_2=0.9")]
    [InlineData("Adam lr=0.05 beta_1=0.8 beta_2=0.99")]
    [InlineData("RMSprop default")]
    [InlineData("RMSprop centered")]
    [InlineData("RMSprop momentum=0.9")]
    [InlineData("RMSprop centered momentum=0.5")]
    public void Fit_FollowsReferenceTrajectory(string name)
    {
        var (library, reference, scale) = Case(name);
        var problem = LinearProblem.Scaled(scale);
        var expected = problem.Reference(reference, Steps);
        var actual = problem.Fit(library, Steps);

        output.WriteLine($"{name}: worst error {Trajectories.Worst(expected, actual, scale).error:E2}");
        Trajectories.AssertMoves(expected, scale, 0.1);
        Trajectories.AssertClose(expected, actual, scale, what: name);
        Assert.Equal(Steps, library.iterations);
    }

    /// <summary>
    /// Adam against Keras's formula evaluated with Keras's float32 scalars (<see cref="KerasAdamFloat32Scalars"/>): the
    /// ~4e-6 that separates the library from the exact-arithmetic reference above is entirely Keras's float32 bias
    /// correction (β₂ᵗ rounded in float32, then 1 − β₂ᵗ ≈ 0.001·t cancels three digits), which the library reproduces:
    /// with those scalars the trajectories agree to about 1.5e-7, so the bound here is 1e-6 (a bias correction computed
    /// in double, as torch.optim does, would be off by 4e-6 and fail).
    /// </summary>
    [Theory]
    [InlineData(0.001, 0.9, 0.999, false, Adaptive)]
    [InlineData(0.001, 0.9, 0.999, true, Adaptive)]
    [InlineData(0.01, 0.9, 0.9, true, Adaptive)]
    [InlineData(2e-8, 0.9, 0.999, false, 1e-6)]
    [InlineData(0.05, 0.8, 0.99, false, 1.0)]
    public void Adam_MatchesKerasFormulaWithFloat32Scalars(double lr, double beta1, double beta2, bool amsgrad, double scale)
    {
        var problem = LinearProblem.Scaled(scale);
        var expected = problem.Reference(new KerasAdamFloat32Scalars(lr, beta1, beta2, amsgrad: amsgrad), Steps);
        var actual = problem.Fit(Adam(lr, beta1, beta2, amsgrad: amsgrad), Steps);
        output.WriteLine($"worst error {Trajectories.Worst(expected, actual, scale).error:E2}");
        Trajectories.AssertClose(expected, actual, scale, relative: 1e-6, what: "Adam vs Keras's float32 scalars");
    }

    [Fact]
    public void Sgd_MatchesPlainGradientDescentReference()
    {
        var problem = LinearProblem.Unit;
        var expected = problem.Reference(new GradientDescent(0.1), Steps);
        Trajectories.AssertClose(expected, problem.Fit(SGD(0.1), Steps), 1.0);
    }

    [Fact]
    public void Amsgrad_ChangesTheTrajectoryOnThisProblem()
    {
        // With β₂ = 0.999, v grows through all 50 steps and the running maximum changes the path by only 1.6e-4;
        // with β₂ = 0.9, v follows the shrinking gradients and amsgrad changes it by 0.2.
        var problem = LinearProblem.Scaled(Adaptive);
        Trajectories.AssertFar(problem.Reference(new Adam(), Steps), problem.Reference(new Adam(amsgrad: true), Steps), Adaptive, 10 * Trajectories.Float32, "Adam vs amsgrad");
        Trajectories.AssertFar(problem.Reference(new Adam(0.01, beta2: 0.9), Steps), problem.Reference(new Adam(0.01, beta2: 0.9, amsgrad: true), Steps), Adaptive, 0.1, "Adam vs amsgrad at β₂ = 0.9");
    }

    [Fact]
    public void Nesterov_And_Centered_ChangeTheTrajectoryOnThisProblem()
    {
        var unit = LinearProblem.Unit;
        Trajectories.AssertFar(unit.Reference(new Sgd(0.01, 0.9), Steps), unit.Reference(new Sgd(0.01, 0.9, nesterov: true), Steps), Sgd, 1e-3, "momentum vs Nesterov");
        var scaled = LinearProblem.Scaled(Adaptive);
        Trajectories.AssertFar(scaled.Reference(new RmsProp(), Steps), scaled.Reference(new RmsProp(centered: true), Steps), Adaptive, 1e-3, "RMSprop vs centered");
    }

    // ---- Tiny gradients: where ε goes matters --------------------------------------------------------------------------

    /// <summary>
    /// Gradients near 1e-6 (weights and targets scaled by 1e-6). Keras adds ε = 1e-7 to the uncorrected √v, which is
    /// about |g|·√(1 − β₂ᵗ) ≈ 3e-8 to 2e-7 over these 50 steps, so ε makes up 30 to 75 % of the denominator; Algorithm 1
    /// adds it to √v̂ ≈ |g| ≈ 1e-6, about 10 %. lr = 2e-8 keeps the gradients at that scale (weights move by about lr a
    /// step). The library must follow the ε-hat trajectory and be far from Algorithm 1's.
    /// </summary>
    [Fact]
    public void Adam_TinyGradients_FollowsEpsilonHat_NotAlgorithm1()
    {
        const double scale = 1e-6;
        var problem = LinearProblem.Scaled(scale);
        var epsilonHat = problem.Reference(new Adam(2e-8, epsilonPlacement: AdamEpsilonPlacement.KerasEpsilonHat), Steps);
        var algorithm1 = problem.Reference(new Adam(2e-8, epsilonPlacement: AdamEpsilonPlacement.Algorithm1), Steps);
        var actual = problem.Fit(Adam(2e-8), Steps);

        double maxGradient = epsilonHat.Max(w => problem.Gradient(w).Max(Math.Abs));
        Assert.InRange(maxGradient, 1e-7, 1e-5);
        output.WriteLine($"ε-hat: {Trajectories.Worst(epsilonHat, actual, scale).error:E2}; Algorithm 1: {Trajectories.Worst(algorithm1, actual, scale).error:E2}");
        Trajectories.AssertMoves(epsilonHat, scale, 0.1);
        Trajectories.AssertClose(epsilonHat, actual, scale, what: "Adam (ε-hat) at gradients ~1e-6");
        Trajectories.AssertFar(algorithm1, actual, scale, 1000 * Trajectories.Float32, "Adam vs Algorithm 1 at gradients ~1e-6");
    }

    /// <summary>
    /// Keras's RMSprop puts ε = 1e-7 inside the root, √(v + ε) ≈ 3.2e-4 when v ≈ g² ≈ 1e-12, so with gradients near
    /// 1e-6 the step is about lr·g/3.2e-4 (RMSprop behaves as gradient descent with lr/√ε); ε outside, √v + ε ≈ |g|,
    /// would make steps of about lr. lr = 1e-4 keeps the ε-inside run stable and at the 1e-6 scale.
    /// </summary>
    [Fact]
    public void RMSprop_TinyGradients_EpsilonInsideTheRoot()
    {
        const double scale = 1e-6;
        var problem = LinearProblem.Scaled(scale);
        var inside = problem.Reference(new RmsProp(1e-4), Steps);
        var outside = problem.Reference(new RmsPropEpsilonOutside(1e-4), Steps);
        var actual = problem.Fit(RMSprop(1e-4), Steps);

        output.WriteLine($"inside: {Trajectories.Worst(inside, actual, scale).error:E2}; outside: {Trajectories.Worst(outside, actual, scale).error:E2}");
        Trajectories.AssertMoves(inside, scale, 0.1);
        Trajectories.AssertClose(inside, actual, scale, what: "RMSprop (ε inside) at gradients ~1e-6");
        Trajectories.AssertFar(outside, actual, scale, 1000 * Trajectories.Float32, "RMSprop vs ε outside the root at gradients ~1e-6");
    }

    /// <summary>Same for centered RMSprop: √(v − ḡ² + ε).</summary>
    [Fact]
    public void RMSpropCentered_TinyGradients_EpsilonInsideTheRoot()
    {
        const double scale = 1e-6;
        var problem = LinearProblem.Scaled(scale);
        var inside = problem.Reference(new RmsProp(1e-4, centered: true), Steps);
        var outside = problem.Reference(new RmsPropEpsilonOutside(1e-4, centered: true), Steps);
        var actual = problem.Fit(RMSprop(1e-4, centered: true), Steps);

        output.WriteLine($"inside: {Trajectories.Worst(inside, actual, scale).error:E2}; outside: {Trajectories.Worst(outside, actual, scale).error:E2}");
        Trajectories.AssertClose(inside, actual, scale, what: "centered RMSprop (ε inside) at gradients ~1e-6");
        Trajectories.AssertFar(outside, actual, scale, 1000 * Trajectories.Float32, "centered RMSprop vs ε outside the root");
    }
}
