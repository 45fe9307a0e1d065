using System.Text.Json;
using KerasSharp.Constraints;
using KerasSharp.Layers;
using KerasSharp.Optimizers;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Regularization;

/// <summary>
/// Keras 3's constraints (keras/src/constraints/constraints.py) against hand-computed projections, with Keras's
/// epsilon 1e-7 added to the norms; names as keras.constraints.get resolves them; Dense's kernel/bias constraints
/// applied after each optimizer step and saved in the .keras config.
/// </summary>
public sealed class ConstraintTests : TorchTest
{
    const double Eps = 1e-7;
    // Columns (axis 0 norms): [3, 4] has norm 5, [0, 1] has norm 1.
    static Tensor W() => tensor(new float[] { 3, 0, 4, 1 }).reshape(2, 2);
    static float[] Values(Tensor t) => t.data<float>().ToArray();

    static void Near(double[] expected, Tensor got)
    {
        var g = Values(got);
        Assert.Equal(expected.Length, g.Length);
        for (int i = 0; i < g.Length; i++) Assert.Equal(expected[i], g[i], 6);
    }

    [Fact]
    public void MaxNorm_ScalesColumnsAboveTheCap()
    {
        // desired = clip(norms, 0, 2) = [2, 1]; w * desired / (eps + norms).
        double c0 = 2 / (Eps + 5), c1 = 1 / (Eps + 1);
        Near([3 * c0, 0 * c1, 4 * c0, 1 * c1], new MaxNorm(2).call(W()));
        // axis 1: row norms 3 and sqrt(17); cap 2.
        double r0 = 2 / (Eps + 3), r1 = 2 / (Eps + Math.Sqrt(17));
        Near([3 * r0, 0, 4 * r1, 1 * r1], new MaxNorm(2, axis: [1]).call(W()));
        // both axes: one norm, sqrt(26).
        var all = 2 / (Eps + Math.Sqrt(26));
        Near([3 * all, 0, 4 * all, 1 * all], new MaxNorm(2, axis: [0, 1]).call(W()));
    }

    [Fact]
    public void MinMaxNorm_MovesNormsIntoTheBounds_AtItsRate()
    {
        // min 2, max 4, rate 0.5: norms [5, 1] -> clip [4, 2] -> desired 0.5*[4,2] + 0.5*[5,1] = [4.5, 1.5].
        double c0 = 4.5 / (Eps + 5), c1 = 1.5 / (Eps + 1);
        Near([3 * c0, 0, 4 * c0, 1 * c1], new MinMaxNorm(2, 4, 0.5).call(W()));
        // defaults [0, 1], rate 1: both columns to norm 1.
        Near([3 / (Eps + 5) * 1, 0, 4 / (Eps + 5), 1 / (Eps + 1)], new MinMaxNorm().call(W()));
    }

    [Fact]
    public void UnitNorm_DividesByEpsPlusNorm_NonNegZeroesNegatives()
    {
        Near([3 / (Eps + 5), 0, 4 / (Eps + 5), 1 / (Eps + 1)], new UnitNorm().call(W()));
        Near([0, 0, 0], new UnitNorm().call(zeros(3)));   // the epsilon keeps a zero vector finite
        Near([0, 0, 2, 0], new NonNeg().call(tensor(new float[] { -1, 0, 2, -0.5f })));
    }

    [Theory]
    [InlineData("max_norm", typeof(MaxNorm))]
    [InlineData("MaxNorm", typeof(MaxNorm))]
    [InlineData("min_max_norm", typeof(MinMaxNorm))]
    [InlineData("MinMaxNorm", typeof(MinMaxNorm))]
    [InlineData("non_neg", typeof(NonNeg))]
    [InlineData("NonNeg", typeof(NonNeg))]
    [InlineData("unit_norm", typeof(UnitNorm))]
    [InlineData("UnitNorm", typeof(UnitNorm))]
    public void Names_ResolveToTheClassDefaults(string name, Type type)
    {
        Constraint c = name;
        Assert.IsType(type, c);
        Assert.IsType(type, keras.constraints.get(name));
    }

    [Theory]
    [InlineData("maxnorm")]
    [InlineData("nonneg")]
    [InlineData("l2")]
    public void UnknownNames_AreRefused_ListingTheValidOnes(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => Constraint.get(name));
        Assert.Contains($"'{name}'", e.Message);
        Assert.Contains("max_norm, min_max_norm, non_neg, unit_norm", e.Message);
        Assert.Throws<ArgumentException>(() => Dense(2, kernel_constraint: name));
    }

    [Fact]
    public void BadArguments_AreRefused()
    {
        Assert.Contains("max_value=-1", Assert.Throws<ArgumentException>(() => new MaxNorm(-1)).Message);
        Assert.Contains("max_value=1", Assert.Throws<ArgumentException>(() => new MinMaxNorm(2, 1)).Message);
        Assert.Contains("axis=2", Assert.Throws<ArgumentException>(() => new UnitNorm(axis: [2]).call(W())).Message);
    }

    [Fact]
    public void FitStep_LeavesTheProjectionOfTheUnconstrainedUpdate()
    {
        // Same initial weights and data; one full-batch SGD step each. Keras's optimizer applies the update, then
        // variable.assign(constraint(variable)): the constrained model's weights are the constraint of the other's.
        var x = randn(16, 3);
        var y = randn(16, 2);
        var free = Sequential([InputLayer(shape: [3]), Dense(2, kernel_initializer: "ones", bias_initializer: "ones")]);
        var bound = Sequential([InputLayer(shape: [3]), Dense(2, kernel_initializer: "ones", bias_initializer: "ones",
            kernel_constraint: keras.constraints.MaxNorm(0.5), bias_constraint: "non_neg")]);
        foreach (var m in new[] { free, bound })
        {
            m.compile(loss: "mse", optimizer: new SGD(learning_rate: 1.0));
            m.fit(x, y, batch_size: 16, epochs: 1, shuffle: false, verbose: 0);
        }
        var fw = free.get_weights();
        var bw = bound.get_weights();
        Assert.Equal(Values(new MaxNorm(0.5).call(fw[0])), Values(bw[0]));
        Assert.Equal(Values(new NonNeg().call(fw[1])), Values(bw[1]));
        Assert.All(Values(bw[0].square().sum(dim: 0).sqrt()), n => Assert.True(n <= 0.5 + 1e-6, $"norm {n}"));
        Assert.Contains(Values(fw[1]), v => v < 0); // the step made a bias negative, so the test exercises NonNeg
    }

    [Fact]
    public void DenseConstraints_AreWrittenAsKerasDoes_AndLoadBack()
    {
        var model = Sequential([InputLayer(shape: [3]), Dense(4, kernel_constraint: keras.constraints.MaxNorm(3, axis: [0, 1]), bias_constraint: "non_neg"),
            Dense(2, kernel_constraint: new MinMaxNorm(0.5, 2, 0.7), bias_constraint: new UnitNorm())]);
        var config = KerasSharp.Saving.PythonJson.Dumps(model.layers[0].get_config());
        Assert.Contains("\"kernel_constraint\": {\"module\": \"keras.constraints\", \"class_name\": \"MaxNorm\", \"config\": {\"max_value\": 3.0, \"axis\": [0, 1]}, \"registered_name\": null}", config);
        Assert.Contains("\"bias_constraint\": {\"module\": \"keras.constraints\", \"class_name\": \"NonNeg\", \"config\": {}, \"registered_name\": null}", config);
        Assert.Contains("\"bias_constraint\": {\"module\": \"keras.constraints\", \"class_name\": \"UnitNorm\", \"config\": {\"axis\": 0}", KerasSharp.Saving.PythonJson.Dumps(model.layers[1].get_config()));
        using var dir = new TempFolder();
        model.save(dir.File("m.keras"));
        var loaded = load_model(dir.File("m.keras"));
        var d0 = (Dense)loaded.layers[0];
        var d1 = (Dense)loaded.layers[1];
        Assert.Equal(new[] { 0, 1 }, Assert.IsType<MaxNorm>(d0.kernel_constraint).axis);
        Assert.Equal(3, ((MaxNorm)d0.kernel_constraint!).max_value);
        Assert.IsType<NonNeg>(d0.bias_constraint);
        var mm = Assert.IsType<MinMaxNorm>(d1.kernel_constraint);
        Assert.Equal((0.5, 2.0, 0.7), (mm.min_value, mm.max_value, mm.rate));
        Assert.Equal(new[] { 0 }, Assert.IsType<UnitNorm>(d1.bias_constraint).axis);
        Assert.Same(d0.kernel_constraint, d0.kernel!.constraint);
    }
}
