using KerasSharp.Reference;
using Xunit;

namespace KerasSharp.Tests.Reference;

public class ValidationTests
{
    public static TheoryData<string, Func<Optimizer>, string, string> InvalidHyperparameters => new()
    {
        // name of the case, constructor, expected parameter name, expected fragment of the message
        { "GD lr 0", () => new GradientDescent(0.0), "learningRate", "greater than 0, but was 0." },
        { "GD lr negative", () => new GradientDescent(-0.1), "learningRate", "but was -0.1." },
        { "SGD lr NaN", () => new Sgd(double.NaN), "learningRate", "but was NaN." },
        { "SGD lr infinite", () => new Sgd(double.PositiveInfinity), "learningRate", "must be a finite number" },
        { "SGD momentum negative", () => new Sgd(momentum: -0.1), "momentum", "must be in [0, 1], but was -0.1." },
        { "SGD momentum above 1", () => new Sgd(momentum: 1.5), "momentum", "must be in [0, 1], but was 1.5." },
        { "SGD momentum NaN", () => new Sgd(momentum: double.NaN), "momentum", "but was NaN." },
        { "RMSprop lr 0", () => new RmsProp(0.0), "learningRate", "greater than 0" },
        { "RMSprop rho 1", () => new RmsProp(rho: 1.0), "rho", "must be in [0, 1), but was 1." },
        { "RMSprop rho negative", () => new RmsProp(rho: -0.5), "rho", "must be in [0, 1), but was -0.5." },
        { "RMSprop momentum above 1", () => new RmsProp(momentum: 1.01), "momentum", "in [0, 1], but was 1.01." },
        { "RMSprop epsilon negative", () => new RmsProp(epsilon: -1e-7), "epsilon", "greater than or equal to 0, but was -1E-07." },
        { "RMSprop epsilon infinite", () => new RmsProp(epsilon: double.PositiveInfinity), "epsilon", "must be a finite number" },
        { "Adam lr negative", () => new Adam(-1.0), "learningRate", "but was -1." },
        { "Adam beta1 1", () => new Adam(beta1: 1.0), "beta1", "must be in [0, 1), but was 1." },
        { "Adam beta1 negative", () => new Adam(beta1: -0.9), "beta1", "but was -0.9." },
        { "Adam beta2 1", () => new Adam(beta2: 1.0), "beta2", "must be in [0, 1), but was 1." },
        { "Adam beta2 NaN", () => new Adam(beta2: double.NaN), "beta2", "but was NaN." },
        { "Adam epsilon NaN", () => new Adam(epsilon: double.NaN), "epsilon", "but was NaN." },
        { "Adam placement undefined", () => new Adam(epsilonPlacement: (AdamEpsilonPlacement)7), "epsilonPlacement", "but was 7." },
    };

    [Theory]
    [MemberData(nameof(InvalidHyperparameters))]
    public void InvalidHyperparameter_Throws_NamingTheValueAndTheExpectedRange(
        string description, Func<Optimizer> create, string parameter, string messageFragment)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(parameter, exception.ParamName);
        Assert.Contains(parameter, exception.Message);
        Assert.True(exception.Message.Contains(messageFragment, StringComparison.Ordinal),
            $"{description}: message '{exception.Message}' lacks '{messageFragment}'.");
    }

    [Fact]
    public void BoundaryHyperparameters_AreAccepted()
    {
        Assert.Equal(1.0, new Sgd(momentum: 1.0).Momentum);
        Assert.Equal(0.0, new RmsProp(rho: 0.0).Rho);
        Assert.Equal(1.0, new RmsProp(momentum: 1.0).Momentum);
        Assert.Equal(0.0, new RmsProp(epsilon: 0.0).Epsilon);
        var adam = new Adam(beta1: 0.0, beta2: 0.0, epsilon: 0.0);
        Assert.Equal(0.0, adam.Beta1);
        Assert.Equal(0.0, adam.Beta2);
        Assert.Equal(double.Epsilon, new GradientDescent(double.Epsilon).LearningRate);
    }

    public static TheoryData<Func<Optimizer>> AllOptimizers => new()
    {
        () => new GradientDescent(),
        () => new Sgd(momentum: 0.9),
        () => new RmsProp(centered: true, momentum: 0.5),
        () => new Adam(amsgrad: true),
    };

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void Update_RejectsNullArrays(Func<Optimizer> create)
    {
        Optimizer optimizer = create();
        Assert.Equal("weights", Assert.Throws<ArgumentNullException>(() => optimizer.Update(null!, [1.0])).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentNullException>(() => optimizer.Update([1.0], null!)).ParamName);
        Assert.Equal(0, optimizer.Iterations);
    }

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void Update_RejectsGradientOfDifferentLength(Func<Optimizer> create)
    {
        Optimizer optimizer = create();
        double[] w = [1.0, 2.0];
        var exception = Assert.Throws<ArgumentException>(() => optimizer.Update(w, [1.0, 2.0, 3.0]));

        Assert.Equal("gradient", exception.ParamName);
        Assert.Contains("gradient has 3 entries but weights has 2", exception.Message);
        Assert.Equal([1.0, 2.0], w);
        Assert.Equal(0, optimizer.Iterations);
    }

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void Update_RejectsAVectorOfAnotherLengthThanTheState_UntilReset(Func<Optimizer> create)
    {
        Optimizer optimizer = create();
        optimizer.Update([1.0, 2.0], [0.5, 0.5]);
        Assert.Equal(2, optimizer.ParameterCount);

        double[] other = [1.0, 2.0, 3.0];
        var exception = Assert.Throws<ArgumentException>(() => optimizer.Update(other, [1.0, 1.0, 1.0]));
        Assert.Equal("weights", exception.ParamName);
        Assert.Contains("weights has 3 entries but this optimizer's state was created for 2", exception.Message);
        Assert.Equal([1.0, 2.0, 3.0], other);
        Assert.Equal(1, optimizer.Iterations);

        optimizer.Reset();
        optimizer.Update(other, [1.0, 1.0, 1.0]);
        Assert.Equal(3, optimizer.ParameterCount);
        Assert.Equal(1, optimizer.Iterations);
    }

    [Fact]
    public void Trajectory_RejectsBadArguments()
    {
        Func<double[], double[]> gradient = w => w;
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => Trajectory.Run(new Sgd(), [1.0], gradient, -1));
        Assert.Equal("steps", negative.ParamName);
        Assert.Contains("but was -1", negative.Message);

        Assert.Throws<ArgumentNullException>(() => Trajectory.Run(null!, [1.0], gradient, 1));
        Assert.Throws<ArgumentNullException>(() => Trajectory.Run(new Sgd(), null!, gradient, 1));
        Assert.Throws<ArgumentNullException>(() => Trajectory.Run(new Sgd(), [1.0], (Func<double[], double[]>)null!, 1));
        Assert.Throws<ArgumentNullException>(() => Trajectory.Run(new Sgd(), [1.0], (w, b) => w, null!));
        Assert.Throws<ArgumentNullException>(() => Trajectory.Run(new Sgd(), [1.0], (w, b) => w, [[0], null!]));
    }

    [Fact]
    public void Trajectory_RejectsGradientFunctionsReturningTheWrongShape()
    {
        var wrongLength = Assert.Throws<InvalidOperationException>(
            () => Trajectory.Run(new Sgd(), [1.0, 2.0], _ => [1.0], steps: 3));
        Assert.Contains("returned 1 values at step 1; expected 2", wrongLength.Message);

        var nullResult = Assert.Throws<InvalidOperationException>(
            () => Trajectory.Run(new Sgd(), [1.0], _ => null!, steps: 3));
        Assert.Contains("returned null at step 1", nullResult.Message);
    }

    [Fact]
    public void Minibatches_RejectBadArguments()
    {
        Assert.Equal("sampleCount", Assert.Throws<ArgumentOutOfRangeException>(() => Minibatches.Sequential(0, 2)).ParamName);
        var batchSize = Assert.Throws<ArgumentOutOfRangeException>(() => Minibatches.Sequential(4, 0));
        Assert.Equal("batchSize", batchSize.ParamName);
        Assert.Contains("at least 1, but was 0", batchSize.Message);
        Assert.Equal("epochs", Assert.Throws<ArgumentOutOfRangeException>(() => Minibatches.Sequential(4, 2, -1)).ParamName);
        Assert.Equal("random", Assert.Throws<ArgumentNullException>(() => Minibatches.Shuffled(4, 2, 1, null!)).ParamName);
    }
}
