using KerasSharp.Constraints;
using KerasSharp.Layers;
using KerasSharp.Optimizers;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Recurrent;

/// <summary>
/// Recurrent cells' kernel/recurrent/bias constraints (Keras: the cells' <c>add_weight(..., constraint=...)</c> in
/// keras/src/layers/rnn/lstm.py, gru.py, simple_rnn.py), applied by the optimizer after each step as for Dense:
/// after one SGD step the constrained layer's weights are the constraints' projections of the free layer's.
/// </summary>
public sealed class RecurrentConstraintTests : TorchTest
{
    static float[] Values(Tensor t) => t.data<float>().ToArray();

    static DropoutRNNCell CellOf(Layer layer) => (DropoutRNNCell)((RNN)layer).cell;

    static Layer Make(string kind, bool constrained)
    {
        Constraint? k = constrained ? new MaxNorm(0.5) : null;
        Constraint? r = constrained ? new UnitNorm() : null;
        Constraint? b = constrained ? new NonNeg() : null;
        return kind switch
        {
            "LSTM" => LSTM(3, kernel_constraint: k, recurrent_constraint: r, bias_constraint: b),
            "LSTM_loop" => LSTM(3, recurrent_dropout: 0.3, seed: 1, kernel_constraint: k, recurrent_constraint: r, bias_constraint: b),
            "GRU" => GRU(3, kernel_constraint: k, recurrent_constraint: r, bias_constraint: b),
            "SimpleRNN" => SimpleRNN(3, kernel_constraint: k, recurrent_constraint: r, bias_constraint: b),
            "RNN_GRUCell" => RNN(GRUCell(3, kernel_constraint: k, recurrent_constraint: r, bias_constraint: b)),
            _ => throw new ArgumentException(kind),
        };
    }

    [Theory]
    [InlineData("LSTM")]
    [InlineData("LSTM_loop")]
    [InlineData("GRU")]
    [InlineData("SimpleRNN")]
    [InlineData("RNN_GRUCell")]
    public void FitStep_LeavesTheProjectionOfTheUnconstrainedUpdate(string kind)
    {
        manual_seed(3);
        var x = randn(8, 4, 2);
        var y = randn(8, 3).mul(3);
        var free = Sequential([InputLayer(shape: [4, 2]), Make(kind, false)]);
        var bound = Sequential([InputLayer(shape: [4, 2]), Make(kind, true)]);
        // Biases start small so that the step pushes some below zero; kernels start doubled, above MaxNorm(0.5).
        var start = free.get_weights().Select((w, i) => i == 2 ? full_like(w, 0.05) : w.mul(2)).ToList();
        free.set_weights(start);
        bound.set_weights(start);
        foreach (var m in new[] { free, bound })
        {
            manual_seed(5); // the same recurrent-dropout masks in both runs of LSTM_loop
            m.compile(loss: "mse", optimizer: new SGD(learning_rate: 1.0));
            m.fit(x, y, batch_size: 8, epochs: 1, shuffle: false, verbose: 0);
        }
        var fw = free.get_weights();
        var bw = bound.get_weights();
        var cell = CellOf(bound.layers[^1]);
        Assert.Same(cell.kernel_constraint, cell.kernel!.constraint);
        Assert.Same(cell.recurrent_constraint, cell.recurrent_kernel!.constraint);
        Assert.Same(cell.bias_constraint, cell.bias!.constraint);
        Assert.Equal(Values(new MaxNorm(0.5).call(fw[0])), Values(bw[0]));
        Assert.Equal(Values(new UnitNorm().call(fw[1])), Values(bw[1]));
        Assert.Equal(Values(new NonNeg().call(fw[2])), Values(bw[2]));
        // sum(dim: 0): a bare sum(0) would bind to sum(ScalarType) and total everything.
        Assert.All(Values(bw[0].square().sum(dim: 0).sqrt()), n => Assert.True(n <= 0.5 + 1e-6, $"kernel column norm {n}"));
        Assert.All(Values(bw[1].square().sum(dim: 0).sqrt()), n => Assert.InRange(n, 1 - 1e-5, 1 + 1e-5));
        Assert.Contains(Values(fw[2]), v => v < 0); // the step made a bias negative, so NonNeg is exercised
        Assert.NotEqual(Values(fw[0]), Values(bw[0])); // and MaxNorm changed the kernel
    }

    [Fact]
    public void CellConstraints_AreSaved_AndLoadBackOnTheWeights()
    {
        var model = Sequential([InputLayer(shape: [4, 2]), LSTM(3, kernel_constraint: new MaxNorm(0.5), recurrent_constraint: new UnitNorm(), bias_constraint: new NonNeg())]);
        using var dir = new TempFolder();
        model.save(dir.File("m.keras"));
        var cell = CellOf(load_model(dir.File("m.keras")).layers[^1]);
        Assert.Equal(0.5, Assert.IsType<MaxNorm>(cell.kernel!.constraint).max_value);
        Assert.IsType<UnitNorm>(cell.recurrent_kernel!.constraint);
        Assert.IsType<NonNeg>(cell.bias!.constraint);
    }
}
