using KerasSharp.Layers;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Recurrent;

/// <summary>Recurrent layers in fit: training, dropout, regularizers, stateful states, return_state when last.</summary>
public sealed class RecurrentTrainingTests : TorchTest
{
    /// <summary>Label = sign of the sum of a sequence's first feature; a short task every layer learns.</summary>
    static (Tensor x, Tensor y) SumSign(int n, int time)
    {
        var x = randn(n, time, 2);
        var y = x.select(2, 0).sum(1).gt(0).to_type(ScalarType.Float32).unsqueeze(1);
        return (x, y);
    }

    [Theory]
    [InlineData("LSTM")]
    [InlineData("GRU")]
    [InlineData("SimpleRNN")]
    [InlineData("GRU_reset_before")]
    public void Fit_LearnsAShortSequenceTask(string kind)
    {
        var (x, y) = SumSign(256, 6);
        Layer layer = kind switch
        {
            "LSTM" => LSTM(8),
            "GRU" => GRU(8),
            "SimpleRNN" => SimpleRNN(8),
            _ => GRU(8, reset_after: false),
        };
        var model = Sequential([InputLayer(shape: [6, 2]), layer, Dense(1, activation: "sigmoid")]);
        model.compile(loss: "binary_crossentropy", optimizer: keras.optimizers.Adam(learning_rate: 0.02), metrics: ["accuracy"]);
        var h = model.fit(x, y, epochs: 30, batch_size: 32, verbose: 0);
        Assert.True(h.history["loss"][^1] < 0.5 * h.history["loss"][0], $"{kind}: loss {h.history["loss"][0]:F3} -> {h.history["loss"][^1]:F3}");
        Assert.True(h.history["accuracy"][^1] > 0.9, $"{kind}: accuracy {h.history["accuracy"][^1]:F3}");
    }

    [Fact]
    public void Dropout_OnlyInTraining_OneMaskPerSequence()
    {
        // Inference ignores dropout: the outputs equal those of the same weights without it.
        var x = randn(4, 5, 3);
        var plain = LSTM(4, return_sequences: true);
        plain.ensure_built(new long?[] { null, 5, 3 });
        var dropped = LSTM(4, dropout: 0.5, recurrent_dropout: 0.5, return_sequences: true);
        dropped.ensure_built(new long?[] { null, 5, 3 });
        dropped.set_weights(plain.get_weights());
        using var _ = no_grad();
        Assert.True(plain.call(x, null, null, false)[0].allclose(dropped.call(x, null, null, false)[0]));
        Assert.False(plain.call(x, null, null, true)[0].allclose(dropped.call(x, null, null, true)[0]));
        // Input dropout with a mask per sequence: a feature dropped for a sample is dropped at every step, so a sample
        // whose mask keeps nothing sees only the biases; with 3 features and rate 0.5 some of 200 samples do.
        var cell = new SimpleRNNCell(2, dropout: 0.5, use_bias: false);
        var rnn = new RNN(cell, return_sequences: true);
        rnn.ensure_built(new long?[] { null, 5, 3 });
        var outs = rnn.call(ones(200, 5, 3), null, null, true)[0];
        var zeroRows = outs.abs().sum(new long[] { 1, 2 }).eq(0).sum().item<long>();
        Assert.InRange(zeroRows, 5, 60); // expected 200 / 8 = 25
    }

    [Fact]
    public void Regularizers_AddToTheLoss_AsKerasSums()
    {
        var (x, y) = SumSign(16, 3);
        var model = Sequential([InputLayer(shape: [3, 2]), LSTM(2, kernel_regularizer: keras.regularizers.L2(0.1), recurrent_regularizer: keras.regularizers.L1(0.01)), Dense(1)]);
        model.compile(loss: "mse", optimizer: "sgd");
        var plain = Sequential([InputLayer(shape: [3, 2]), LSTM(2), Dense(1)]);
        plain.set_weights(model.get_weights());
        plain.compile(loss: "mse", optimizer: "sgd");
        var w = model.get_weights();
        double penalty = 0.1 * w[0].pow(2).sum().item<float>() + 0.01 * w[1].abs().sum().item<float>();
        var withPenalty = model.evaluate(x, y, verbose: 0)["loss"];
        var without = plain.evaluate(x, y, verbose: 0)["loss"];
        Assert.Equal(without + penalty, withPenalty, 4);
    }

    [Fact]
    public void Stateful_CarriesStatesAcrossCalls_UntilReset()
    {
        var layer = LSTM(3, stateful: true);
        var model = Sequential([InputLayer(shape: [4, 2], batch_size: 2), layer]);
        var x = randn(2, 4, 2);
        var first = model.predict(x, batch_size: 2);
        var second = model.predict(x, batch_size: 2);
        Assert.False(first.allclose(second));
        // The second call continued from the first one's states: the same as one call over both halves.
        var whole = Sequential([InputLayer(shape: [8, 2]), LSTM(3)]);
        whole.set_weights(model.get_weights());
        Assert.True(whole.predict(cat(new[] { x, x }, 1)).allclose(second, 1e-5, 1e-6));
        layer.reset_states();
        Assert.True(model.predict(x, batch_size: 2).allclose(first, 1e-5, 1e-6));
        var e = Assert.Throws<ArgumentException>(() => model.predict(randn(3, 4, 2), batch_size: 3));
        Assert.Contains("2", e.Message);
        Assert.Contains("static", Assert.Throws<ArgumentException>(() => Sequential([InputLayer(shape: [4, 2]), LSTM(3, stateful: true)])).Message);
    }

    [Fact]
    public void ReturnState_LastInSequential_PredictsTheOutput_AndStatesAreTheLastStep()
    {
        var layer = LSTM(3, return_state: true);
        var model = Sequential([InputLayer(shape: [4, 2]), layer]);
        var x = randn(5, 4, 2);
        var y = model.predict(x);
        Assert.Equal(new long[] { 5, 3 }, y.shape);
        using var _ = no_grad();
        var all = layer.call(x, null);
        Assert.Equal(3, all.Length);
        Assert.True(all[0].allclose(all[1]));
        Assert.True(all[0].allclose(y, 1e-6, 1e-7));
        Assert.Equal(new long[] { 5, 3 }, all[2].shape);
    }
}
