using KerasSharp.Reference;
using Xunit;
using Xunit.Abstractions;
using static KerasSharp.keras.optimizers;
using static TorchSharp.torch;
using KerasOptimizer = KerasSharp.Optimizers.Optimizer;

namespace KerasSharp.Tests.Optimizers;

/// <summary>
/// The two ways the library applies an optimizer, <c>fit</c> (one step over the flat ParameterArena buffer) and a
/// training loop written by hand (<c>optimizer.apply(grads, vars)</c>, one variable at a time), give the same updates;
/// and the optimizer's state carries over from one <c>fit</c> call to the next, as in Keras.
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class FitAndApplyTests(ITestOutputHelper output)
{
    const int Steps = 10;

    /// <summary>
    /// Both paths run the same float32 operations on the same numbers (the per-variable path on each variable, the flat
    /// path on their concatenation), so they agree to the last bit today; 1e-6 allows a different but equivalent
    /// evaluation order (e.g. of a norm's sum) without letting a different rule through.
    /// </summary>
    const double SamePath = 1e-6;

    static KerasOptimizer Make(string name) => name switch
    {
        "SGD" => SGD(0.1),
        "SGD nesterov" => SGD(0.05, momentum: 0.9, nesterov: true),
        "Adam" => Adam(0.01),
        "Adam amsgrad beta_2=0.9" => Adam(0.01, beta_2: 0.9, amsgrad: true),
        "AdamW" => AdamW(0.01, weight_decay: 0.5),
        "RMSprop centered momentum" => RMSprop(0.01, momentum: 0.5, centered: true),
        "Adagrad" => Adagrad(0.1),
        "Adadelta" => Adadelta(1.0),
        "Adamax" => Adamax(0.05),
        "Nadam" => Nadam(0.05),
        "Lion" => Lion(0.05),
        "SGD clipnorm" => SGD(0.1, clipnorm: 0.3),
        "SGD global_clipnorm" => SGD(0.1, global_clipnorm: 0.3),
        "Adagrad clipvalue weight_decay" => Adagrad(0.1, clipvalue: 0.1, weight_decay: 0.1),
        _ => throw new ArgumentException(name),
    };

    /// <summary>The hand-written loop: forward, Keras's mse, backward, <c>optimizer.apply(grads, trainable variables)</c>.</summary>
    static double[][] Apply(LinearProblem problem, KerasOptimizer optimizer, int steps)
    {
        var model = problem.NewModel();
        var variables = model.trainable_weights.Select(v => v.value).ToList();
        var mse = keras.losses.MeanSquaredError();
        var path = new List<double[]> { LinearProblem.Flatten(model.get_weights()) };
        using var x = problem.X;
        using var y = problem.Y;
        for (int step = 0; step < steps; step++)
        {
            using (var scope = NewDisposeScope())
            {
                foreach (var v in variables) v.grad?.zero_();
                var loss = mse.compute(y, model.call(x, training: true));
                loss.backward();
                optimizer.apply(variables.Select(v => v.grad!).ToList(), variables);
            }
            path.Add(LinearProblem.Flatten(model.get_weights()));
        }
        return path.ToArray();
    }

    [Theory]
    [InlineData("SGD")]
    [InlineData("SGD nesterov")]
    [InlineData("Adam")]
    [InlineData("Adam amsgrad beta_2=0.9")]
    [InlineData("AdamW")]
    [InlineData("RMSprop centered momentum")]
    [InlineData("Adagrad")]
    [InlineData("Adadelta")]
    [InlineData("Adamax")]
    [InlineData("Nadam")]
    [InlineData("Lion")]
    [InlineData("SGD clipnorm")]
    [InlineData("SGD global_clipnorm")]
    [InlineData("Adagrad clipvalue weight_decay")]
    public void FitPath_And_ApplyPath_GiveTheSameUpdates(string name)
    {
        var problem = LinearProblem.Unit;
        var viaFit = problem.Fit(Make(name), Steps);
        var applied = Make(name);
        var viaApply = Apply(problem, applied, Steps);

        output.WriteLine($"{name}: largest difference {Trajectories.Worst(viaFit, viaApply, 1.0).error:E2}");
        Trajectories.AssertMoves(viaFit, 1.0, 0.01);
        Trajectories.AssertClose(viaFit, viaApply, 1.0, SamePath, $"{name}: fit vs apply");
        Assert.Equal(Steps, applied.iterations);
    }

    [Fact]
    public void Fit_UsesTheFlatParameterArena()
    {
        // Found by this suite: ParameterArena.TryCreate compared devices with !=, but TorchSharp's Device has reference
        // equality and tensor.device makes a new one on each call, so every model was refused and fit silently took
        // the per-variable apply() path; mutating the flat path (Optimizer.step) broke no test.
        var problem = LinearProblem.Unit;
        var model = problem.NewModel();
        model.compile(optimizer: SGD(0.1, clipnorm: 0.3), loss: "mse");
        problem.Fit(model, 2);
        var arena = model.arena_for_training();
        Assert.NotNull(arena);
        Assert.Equal(LinearProblem.Size, arena!.size);
        // The model's variables are views into the flat buffer.
        arena.flat.fill_(0.5f);
        Assert.All(LinearProblem.Flatten(model.get_weights()), w => Assert.Equal(0.5, w));
    }

    [Fact]
    public void ApplyPath_FollowsTheReferenceToo()
    {
        // The hand-written loop against the exact reference, not only against fit.
        var problem = LinearProblem.Unit;
        Trajectories.AssertClose(problem.Reference(new Sgd(0.05, 0.9, nesterov: true), 50), Apply(problem, SGD(0.05, momentum: 0.9, nesterov: true), 50), 1.0);
        var scaled = LinearProblem.Scaled(0.05);
        Trajectories.AssertClose(scaled.Reference(new RmsProp(momentum: 0.5, centered: true), 50), Apply(scaled, RMSprop(momentum: 0.5, centered: true), 50), 0.05);
    }

    [Theory]
    [InlineData("Adam")]
    [InlineData("Nadam")]
    [InlineData("RMSprop centered momentum")]
    public void TwoFitsOf25Steps_EqualOneFitOf50(string name)
    {
        // Keras keeps the optimizer's variables (moments, iterations, Nadam's product) across fit calls; starting them
        // again at 0 would restart the bias corrections and visibly change the path.
        var problem = LinearProblem.Scaled(0.05);
        var once = problem.Fit(Make(name), 50);

        var model = problem.NewModel();
        var optimizer = Make(name);
        model.compile(optimizer: optimizer, loss: "mse");
        var first = problem.Fit(model, 25);
        Assert.Equal(25, optimizer.iterations);
        var second = problem.Fit(model, 25);
        Assert.Equal(50, optimizer.iterations);
        var twice = first.Concat(second.Skip(1)).ToArray();

        Trajectories.AssertClose(once, twice, 0.05, SamePath, $"{name}: 2 × 25 vs 50 steps");
    }

    [Fact]
    public void TwoFitsOf25Steps_FollowTheAdamReference()
    {
        var problem = LinearProblem.Scaled(0.05);
        var model = problem.NewModel();
        model.compile(optimizer: Adam(), loss: "mse");
        var twice = problem.Fit(model, 25).Concat(problem.Fit(model, 25).Skip(1)).ToArray();
        Trajectories.AssertClose(problem.Reference(new Adam(), 50), twice, 0.05);
        // A fresh optimizer for the second fit would restart the bias correction: that path is far from this one.
        var restarted = problem.Reference(new Adam(), 25);
        var fresh = KerasSharp.Reference.Trajectory.Run(new Adam(), restarted[^1], problem.Gradient, 25);
        Trajectories.AssertFar(restarted.Concat(fresh.Skip(1)).ToArray(), twice, 0.05, 100 * Trajectories.Float32, "restarting Adam");
    }

    [Fact]
    public void Recompiling_WithTheSameOptimizer_KeepsItsState()
    {
        // Keras's compile() stores the optimizer instance; a built optimizer keeps its variables.
        var problem = LinearProblem.Scaled(0.05);
        var model = problem.NewModel();
        var optimizer = Adam();
        model.compile(optimizer: optimizer, loss: "mse");
        var first = problem.Fit(model, 25);
        model.compile(optimizer: optimizer, loss: "mse");
        var second = problem.Fit(model, 25);
        Assert.Equal(50, optimizer.iterations);
        Trajectories.AssertClose(problem.Reference(new Adam(), 50), first.Concat(second.Skip(1)).ToArray(), 0.05);
    }

    [Fact]
    public void Iterations_CountOneStepPerBatch()
    {
        var problem = LinearProblem.Unit;
        var model = problem.NewModel();
        var optimizer = Adam();
        Assert.Equal(0, optimizer.iterations);
        Assert.False(optimizer.built);
        model.compile(optimizer: optimizer, loss: "mse");
        Assert.Equal(0, optimizer.iterations);
        // 8 samples in batches of 3: 3 steps (3, 3, 2) per epoch.
        model.fit(problem.X, problem.Y, batch_size: 3, epochs: 2, shuffle: false, verbose: 0);
        Assert.Equal(6, optimizer.iterations);
        Assert.True(optimizer.built);
        model.fit(problem.X, problem.Y, batch_size: 8, epochs: 1, verbose: 0);
        Assert.Equal(7, optimizer.iterations);

        var applied = SGD();
        var w = zeros(3);
        for (int i = 1; i <= 4; i++)
        {
            applied.apply(new[] { ones(3) }, new[] { w });
            Assert.Equal(i, applied.iterations);
        }
        Assert.Equal(-0.04f, w[0].item<float>(), 6);
    }
}
