using Xunit;
using static KerasSharp.keras.layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Recurrent;

/// <summary>
/// A recurrent layer with <c>return_state=True</c> in a functional graph, as Keras writes an encoder:
/// <c>out, h, c = LSTM(u, return_state=True)(x)</c> gives three outputs; without return_sequences the output is the last
/// hidden state, so out equals h (keras/src/layers/rnn/rnn.py, <c>RNN.call</c>).
/// </summary>
public sealed class FunctionalReturnStateTests : TorchTest
{
    [Fact]
    public void LstmReturnState_GivesOutputAndBothStates_AsSeparateGraphOutputs()
    {
        var inputs = keras.Input(shape: [5, 3]);
        var outs = LSTM(4, return_state: true).call_outputs(inputs);
        Assert.Equal(3, outs.Length);
        Assert.All(outs, o => Assert.Equal(new long?[] { null, 4 }, o.shape));
        var model = keras.Model(inputs: inputs, outputs: outs);
        var x = randn(6, 5, 3);
        var got = model.predict_outputs(x, verbose: 0);
        Assert.Equal(3, got.Length);
        Assert.Equal(new long[] { 6, 4 }, got[0].shape);
        Assert.True(got[0].allclose(got[1]), "the last output is the last hidden state");
        Assert.False(got[1].allclose(got[2]), "h and c differ");
    }

    [Fact]
    public void GruReturnState_FeedsADecoderThroughInitialState_ByGraph()
    {
        var inputs = keras.Input(shape: [5, 3]);
        var outs = GRU(4, return_sequences: true, return_state: true).call_outputs(inputs);
        Assert.Equal(2, outs.Length);
        Assert.Equal(new long?[] { null, 5, 4 }, outs[0].shape);
        Assert.Equal(new long?[] { null, 4 }, outs[1].shape);
        var head = Dense(2).call(outs[1]);
        var model = keras.Model(inputs: inputs, outputs: head);
        Assert.Equal(new long[] { 6, 2 }, model.predict(randn(6, 5, 3), verbose: 0).shape);
    }
}
