using KerasSharp.Models;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;

namespace KerasSharp.Tests.Recurrent;

/// <summary>summary() of recurrent models, character for character as real Keras prints them (Fixtures/rnn_summaries.json).</summary>
public sealed class RecurrentSummaryTests : TorchTest
{
    static string SummaryOf(Model model)
    {
        string? text = null;
        model.summary(print_fn: s => text = s);
        return text!;
    }

    static string Keras(string key) => Fixture.Text("rnn_summaries.json", key);

    [Fact]
    public void EmbeddingLstmGru_AsKerasPrintsIt()
    {
        // Param counts: Embedding 1000·8; LSTM 4u(d+u+1) = 4·16·25; GRU(reset_after) 3u(d+u+2) = 3·8·26; Dense 9.
        var model = Sequential([InputLayer(shape: [10]), Embedding(1000, 8, mask_zero: true), LSTM(16, return_sequences: true), GRU(8), Dense(1, activation: "sigmoid")]);
        Assert.Equal(8000 + 1600 + 624 + 9, model.count_params());
        Assert.Equal(Keras("embedding_lstm_gru"), SummaryOf(model));
    }

    [Fact]
    public void LstmReturnState_ListsAllThreeOutputs()
    {
        var model = Sequential([InputLayer(shape: [10, 8]), LSTM(3, return_state: true)]);
        Assert.Equal(Keras("lstm_return_state"), SummaryOf(model));
    }

    [Theory]
    [InlineData("SimpleRNN", 7, 5, 5 * (7 + 5 + 1))]
    [InlineData("LSTM", 7, 5, 4 * 5 * (7 + 5 + 1))]
    [InlineData("GRU", 7, 5, 3 * 5 * (7 + 5 + 2))]
    [InlineData("GRU_reset_before", 7, 5, 3 * 5 * (7 + 5 + 1))]
    public void ParamCounts_FollowKerasFormulas(string kind, int d, int u, int expected)
    {
        KerasSharp.Layers.Layer layer = kind switch
        {
            "SimpleRNN" => SimpleRNN(u),
            "LSTM" => LSTM(u),
            "GRU" => GRU(u),
            _ => GRU(u, reset_after: false),
        };
        var model = Sequential([InputLayer(shape: [4, d]), layer]);
        Assert.Equal(expected, layer.count_params());
        Assert.Equal(expected, model.count_params());
    }

    [Fact]
    public void Weights_InKerasOrderLayoutAndNames()
    {
        var lstm = LSTM(3);
        Sequential([InputLayer(shape: [2, 5]), lstm]);
        Assert.Equal(new[] { "lstm/lstm_cell/kernel", "lstm/lstm_cell/recurrent_kernel", "lstm/lstm_cell/bias" }, lstm.variables.Select(v => $"{lstm.name}/{v.path}"));
        Assert.Equal(new[] { new long[] { 5, 12 }, new long[] { 3, 12 }, new long[] { 12 } }, lstm.get_weights().Select(w => w.shape));
        // unit_forget_bias: [0, 1, 0, 0] blocks.
        Assert.Equal(new float[] { 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0 }, lstm.get_weights()[2].data<float>().ToArray());
        var gru = GRU(3);
        Sequential([InputLayer(shape: [2, 5]), gru]);
        Assert.Equal(new[] { new long[] { 5, 9 }, new long[] { 3, 9 }, new long[] { 2, 9 } }, gru.get_weights().Select(w => w.shape));
        // The recurrent kernel is orthogonal: U Uᵀ = I for the (3, 9) matrix's rows.
        var u = gru.get_weights()[1];
        Assert.True((u.matmul(u.t()) - TorchSharp.torch.eye(3)).abs().max().item<float>() < 1e-5);
    }
}
