using KerasSharp.Reference;
using Xunit;
using Xunit.Abstractions;
using static KerasSharp.keras.optimizers;
using KerasOptimizer = KerasSharp.Optimizers.Optimizer;
using ReferenceOptimizer = KerasSharp.Reference.Optimizer;

namespace KerasSharp.Tests.Optimizers;

/// <summary>
/// The optimizers without a class in KerasSharp.Reference (AdamW, Adagrad, Adadelta, Adamax, Nadam, Lion) and the common
/// options (decoupled weight decay, clipnorm per variable, global_clipnorm, clipvalue), driven through <c>fit</c> on
/// <see cref="LinearProblem"/> for 10 steps, against the double-precision transcriptions of Keras's formulas in
/// KerasFormulas.cs, which cites the Keras file of each formula.
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class KerasFormulaTests(ITestOutputHelper output)
{
    const int Steps = 10;

    static readonly (int, int)[] Vars = WithKerasOptions.LinearModel;

    /// <summary>
    /// library optimizer, its Keras formula, the same formula without the option under test (null: none), and the
    /// problem scale (chosen so that 10 steps at that learning rate move the weights by a good fraction of it).
    /// </summary>
    static (KerasOptimizer library, ReferenceOptimizer keras, ReferenceOptimizer? without, double scale) Case(string name) => name switch
    {
        "Adagrad default" => (Adagrad(), new KerasAdagrad(), null, 0.01),
        "Adagrad lr=0.1 initial_accumulator_value=0.5" => (Adagrad(0.1, initial_accumulator_value: 0.5), new KerasAdagrad(0.1, 0.5), null, 1.0),
        // Adadelta's steps are at most lr·g (when g² ≪ ε) or lr·√(ε/(1 − ρ)) ≈ lr·1.4e-3 (when g² ≫ ε): at the
        // default lr 1e-3 nothing moves by more than 1 % in 10 steps. At scale 1e-3, g² ≈ ε/(1 − ρ), where both
        // regimes, and so ε in both roots, matter.
        "Adadelta default" => (Adadelta(), new KerasAdadelta(), null, 1e-3),
        "Adadelta lr=1.0 rho=0.9" => (Adadelta(1.0, rho: 0.9), new KerasAdadelta(1.0, 0.9), null, 0.01),
        "Adamax default" => (Adamax(), new KerasAdamax(), null, 0.01),
        "Adamax lr=0.05 beta_2=0.9" => (Adamax(0.05, beta_2: 0.9), new KerasAdamax(0.05, beta2: 0.9), null, 1.0),
        "Nadam default" => (Nadam(), new KerasNadam(), null, 0.01),
        "Nadam lr=0.05 beta_1=0.8 beta_2=0.99" => (Nadam(0.05, 0.8, 0.99), new KerasNadam(0.05, 0.8, 0.99), null, 1.0),
        "Lion default" => (Lion(), new KerasLion(), null, 0.01),
        "Lion lr=0.05 beta_1=0.5 beta_2=0.9" => (Lion(0.05, 0.5, 0.9), new KerasLion(0.05, 0.5, 0.9), null, 1.0),
        // AdamW = decoupled weight decay (default 0.004) before Keras's Adam step (keras/src/optimizers/adamw.py). The Adam
        // cases use Keras's formula with Keras's float32 scalars (KerasAdamFloat32Scalars): with exact scalars they
        // would differ by up to 7e-6 here, the float32 bias correction explained in Trajectories.Float32.
        "AdamW default" => (AdamW(), new WithKerasOptions(new KerasAdamFloat32Scalars(), Vars, weightDecay: 0.004), null, 0.01),
        "AdamW lr=0.01 weight_decay=0.5" => (AdamW(0.01, weight_decay: 0.5),
            new WithKerasOptions(new KerasAdamFloat32Scalars(0.01), Vars, weightDecay: 0.5), new KerasAdamFloat32Scalars(0.01), 0.05),
        // Weight decay, w -= lr·wd·w, comes before the update step: decaying after it is off by lr·wd·lr·g a step.
        "SGD weight_decay=0.5" => (SGD(0.1, weight_decay: 0.5), new WithKerasOptions(new Sgd(0.1), Vars, weightDecay: 0.5),
            new WithKerasOptions(new Sgd(0.1), Vars, weightDecay: 0.5, decayAfterStep: true), 1.0),
        "SGD momentum=0.9 weight_decay=0.2" => (SGD(0.05, momentum: 0.9, weight_decay: 0.2), new WithKerasOptions(new Sgd(0.05, 0.9), Vars, weightDecay: 0.2),
            new WithKerasOptions(new Sgd(0.05, 0.9), Vars, weightDecay: 0.2, decayAfterStep: true), 1.0),
        "Adam weight_decay=0.2" => (Adam(0.01, weight_decay: 0.2), new WithKerasOptions(new KerasAdamFloat32Scalars(0.01), Vars, weightDecay: 0.2),
            new WithKerasOptions(new KerasAdamFloat32Scalars(0.01), Vars, weightDecay: 0.2, decayAfterStep: true), 0.05),
        "RMSprop weight_decay=0.3" => (RMSprop(0.01, weight_decay: 0.3), new WithKerasOptions(new RmsProp(0.01), Vars, weightDecay: 0.3), new RmsProp(0.01), 0.05),
        // Clipping: the kernel's gradient starts with norm ≈ 2.2 and the bias's ≈ 0.7 (global ≈ 2.3), so 0.3 clips
        // both for all 10 steps (SGD at lr 0.1 with clipped steps of 0.03 cannot get near the minimum) and
        // per-variable clipping differs from global clipping.
        "SGD clipnorm=0.3" => (SGD(0.1, clipnorm: 0.3), new WithKerasOptions(new Sgd(0.1), Vars, clipnorm: 0.3),
            new WithKerasOptions(new Sgd(0.1), Vars, globalClipnorm: 0.3), 1.0),
        "SGD global_clipnorm=0.3" => (SGD(0.1, global_clipnorm: 0.3), new WithKerasOptions(new Sgd(0.1), Vars, globalClipnorm: 0.3),
            new WithKerasOptions(new Sgd(0.1), Vars, clipnorm: 0.3), 1.0),
        "SGD clipvalue=0.2" => (SGD(0.1, clipvalue: 0.2), new WithKerasOptions(new Sgd(0.1), Vars, clipvalue: 0.2), new Sgd(0.1), 1.0),
        "SGD nesterov global_clipnorm=0.5" => (SGD(0.05, momentum: 0.9, nesterov: true, global_clipnorm: 0.5),
            new WithKerasOptions(new Sgd(0.05, 0.9, true), Vars, globalClipnorm: 0.5), new Sgd(0.05, 0.9, true), 1.0),
        // Adagrad is not scale-invariant (its accumulator starts at 0.1), so clipping shows in its trajectory.
        "Adagrad clipnorm=0.2" => (Adagrad(0.1, clipnorm: 0.2), new WithKerasOptions(new KerasAdagrad(0.1), Vars, clipnorm: 0.2), new KerasAdagrad(0.1), 1.0),
        "Adagrad clipvalue=0.1 weight_decay=0.1" => (Adagrad(0.1, clipvalue: 0.1, weight_decay: 0.1),
            new WithKerasOptions(new KerasAdagrad(0.1), Vars, weightDecay: 0.1, clipvalue: 0.1), new WithKerasOptions(new KerasAdagrad(0.1), Vars, weightDecay: 0.1), 1.0),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("Adagrad default")]
    [InlineData("Adagrad lr=0.1 initial_accumulator_value=0.5")]
    [InlineData("Adadelta default")]
    [InlineData("Adadelta lr=1.0 rho=0.9")]
    [InlineData("Adamax default")]
    [InlineData("Adamax lr=0.05 beta_2=0.9")]
    [InlineData("Nadam default")]
    [InlineData("Nadam lr=0.05 beta_1=0.8 beta_2=0.99")]
    [InlineData("Lion default")]
    [InlineData("Lion lr=0.05 beta_1=0.5 beta_2=0.9")]
    [InlineData("AdamW default")]
    [InlineData("AdamW lr=0.01 weight_decay=0.5")]
    [InlineData("SGD weight_decay=0.5")]
    [InlineData("SGD momentum=0.9 weight_decay=0.2")]
    [InlineData("Adam weight_decay=0.2")]
    [InlineData("RMSprop weight_decay=0.3")]
    [InlineData("SGD clipnorm=0.3")]
    [InlineData("SGD global_clipnorm=0.3")]
    [InlineData("SGD clipvalue=0.2")]
    [InlineData("SGD nesterov global_clipnorm=0.5")]
    [InlineData("Adagrad clipnorm=0.2")]
    [InlineData("Adagrad clipvalue=0.1 weight_decay=0.1")]
    public void Fit_FollowsKerasFormula(string name)
    {
        var (library, keras, without, scale) = Case(name);
        var problem = LinearProblem.Scaled(scale);
        var expected = problem.Reference(keras, Steps);
        var actual = problem.Fit(library, Steps);

        output.WriteLine($"{name}: worst error {Trajectories.Worst(expected, actual, scale).error:E2}"
            + (without is null ? "" : $"; option's effect {Trajectories.Worst(problem.Reference(without, Steps), expected, scale).error:E2}"));
        // Default Adagrad and Adadelta move the weights by only 0.5 to 4 % of their scale in 10 steps (still 500 times the
        // tolerance); the others by 10 % or more.
        Trajectories.AssertMoves(expected, scale, 0.005);
        Trajectories.AssertClose(expected, actual, scale, what: name);
        if (without is not null)
            Trajectories.AssertFar(problem.Reference(without, Steps), actual, scale, 100 * Trajectories.Float32, $"{name}: the option has no visible effect");
        Assert.Equal(Steps, library.iterations);
    }

    [Fact]
    public void ClipTests_StartAboveTheClipNorms()
    {
        // The premise of the clipping cases above: the gradients at w₀ exceed the clip values.
        var g = LinearProblem.Unit.Gradient(LinearProblem.Unit.initial);
        double kernel = Math.Sqrt(g.Take(6).Sum(x => x * x)), bias = Math.Sqrt(g.Skip(6).Sum(x => x * x));
        output.WriteLine($"kernel {kernel}, bias {bias}, global {Math.Sqrt(kernel * kernel + bias * bias)}, max |g| {g.Max(Math.Abs)}");
        Assert.True(kernel > 0.5 && bias > 0.5, $"gradient norms {kernel}, {bias}");
        Assert.True(g.Count(x => Math.Abs(x) > 0.2) >= 4, "clipvalue=0.2 must clip several coordinates");
    }
}
