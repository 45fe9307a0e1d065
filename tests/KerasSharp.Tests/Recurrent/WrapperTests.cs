using KerasSharp.Layers;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Recurrent;

/// <summary>Bidirectional and TimeDistributed against real Keras (Fixtures/rnn_outputs.json, rnn_summaries.json) and Keras's rules.</summary>
public sealed class WrapperTests : TorchTest
{
    public static TheoryData<string> BidirectionalCases()
    {
        var data = new TheoryData<string>();
        foreach (var n in Fixture.CaseNames().Where(n => n.StartsWith("Bidirectional"))) data.Add(n);
        return data;
    }

    [Theory]
    [MemberData(nameof(BidirectionalCases))]
    public void Bidirectional_MatchesKeras(string name)
    {
        var c = Fixture.Case(name);
        var x = Fixture.ToTensor(c.GetProperty("x"));
        var mode = c.GetProperty("merge_mode").ValueKind == System.Text.Json.JsonValueKind.Null ? null : c.GetProperty("merge_mode").GetString();
        var inner = KerasFixtureTests.Make(c, returnSequences: true, returnState: false);
        var bi = Bidirectional(inner, merge_mode: mode);
        KerasFixtureTests.SetFixtureWeights(bi, c, new long?[] { null, x.shape[1], x.shape[2] });
        Tensor? mask = null;
        var input = x;
        if (c.GetProperty("mask").GetBoolean())
        {
            mask = Masking().compute_mask(x, null);
            input = Masking().call(x, false);
        }
        using var _ = no_grad();
        var outputs = bi.call(input, null, mask);
        var expected = c.GetProperty("outputs").EnumerateArray().Select(Fixture.ToTensor).ToArray();
        Assert.Equal(expected.Length, outputs.Length);
        for (int i = 0; i < outputs.Length; i++)
        {
            Assert.Equal(expected[i].shape, outputs[i].shape);
            Assert.True((expected[i] - outputs[i]).abs().max().item<float>() < 2e-6, $"{name} output {i}");
        }
    }

    [Fact]
    public void Bidirectional_CopiesTheLayer_AsKerasDoes()
    {
        var bi = Bidirectional(LSTM(3, name: "enc"));
        Assert.Equal("forward_enc", bi.forward_layer.name);
        Assert.Equal("backward_enc", bi.backward_layer.name);
        Assert.False(bi.forward_layer.go_backwards);
        Assert.True(bi.backward_layer.go_backwards);
        Assert.Contains("merge mode", Assert.Throws<ArgumentException>(() => Bidirectional(LSTM(3), merge_mode: "max")).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("go_backwards", Assert.Throws<ArgumentException>(() => Bidirectional(LSTM(3), backward_layer: LSTM(3))).Message);
        Assert.Contains("return_sequences", Assert.Throws<ArgumentException>(() => Bidirectional(LSTM(3), backward_layer: LSTM(3, go_backwards: true, return_sequences: true))).Message);
        // Twice the parameters of its layer, and a custom backward layer is used as given.
        var model = Sequential([InputLayer(shape: [5, 4]), Bidirectional(GRU(3), backward_layer: GRU(2, go_backwards: true))]);
        Assert.Equal(3 * 3 * (4 + 3 + 2) + 3 * 2 * (4 + 2 + 2), model.count_params());
        Assert.Equal(new long?[] { null, 5 }, model.layers[0].output_shape);
    }

    [Fact]
    public void Bidirectional_ReturnState_GivesForwardThenBackwardStates()
    {
        var bi = Bidirectional(LSTM(3, return_state: true, return_sequences: true));
        var x = randn(2, 4, 5);
        var outs = bi.call(x, null);
        Assert.Equal(5, outs.Length);
        Assert.Equal(new long[] { 2, 4, 6 }, outs[0].shape);
        Assert.True(outs[0].select(1, 3).narrow(1, 0, 3).allclose(outs[1]));
        // The backward layer reads the sequence from its end: its last output is at time 0 after the flip.
        Assert.True(outs[0].select(1, 0).narrow(1, 3, 3).allclose(outs[3]));
        Assert.Equal(new[] { "(None, 4, 6)", "(None, 3)", "(None, 3)", "(None, 3)", "(None, 3)" },
            bi.compute_output_shapes(new long?[] { null, 4, 5 }).Select(s => KerasSharp.Utils.SummaryTable.FormatShape(s)));
    }

    [Fact]
    public void TimeDistributed_AppliesTheLayerAtEachStep()
    {
        var dense = Dense(3);
        var td = TimeDistributed(dense);
        var model = Sequential([InputLayer(shape: [4, 2]), td]);
        var x = randn(5, 4, 2);
        var y = model.predict(x);
        Assert.Equal(new long[] { 5, 4, 3 }, y.shape);
        using var _ = no_grad();
        for (int t = 0; t < 4; t++)
            Assert.True(y.select(1, t).allclose(dense.call(x.select(1, t), false), 1e-6, 1e-6));
        Assert.Equal(9, model.count_params());
        Assert.Contains("at least 3 dimensions", Assert.Throws<ArgumentException>(() => Sequential([InputLayer(shape: [4]), TimeDistributed(Dense(2))])).Message);
    }

    [Fact]
    public void Summaries_AsKerasPrintsThem()
    {
        string SummaryOf(KerasSharp.Models.Model m)
        {
            string? text = null;
            m.summary(print_fn: s => text = s);
            return text!;
        }
        var a = Sequential([InputLayer(shape: [10, 8]), SimpleRNN(5, return_sequences: true), Bidirectional(LSTM(6)), Dense(2)]);
        Assert.Equal(Fixture.Text("rnn_summaries.json", "simplernn_bidirectional"), SummaryOf(a));
        keras.backend.clear_session();
        var b = Sequential([InputLayer(shape: [10, 8]), GRU(4, reset_after: false, return_sequences: true), TimeDistributed(Dense(3)), Masking(), LSTM(4)]);
        Assert.Equal(Fixture.Text("rnn_summaries.json", "gru_timedistributed"), SummaryOf(b));
    }

    [Fact]
    public void WrappersRoundTrip_ThroughKerasArchives()
    {
        var model = Sequential([InputLayer(shape: [6]), Embedding(12, 4, mask_zero: true),
            Bidirectional(LSTM(3, return_sequences: true), merge_mode: "sum"), TimeDistributed(Dense(2)),
            Bidirectional(GRU(2), merge_mode: "concat"), Dense(1)]);
        var ids = randint(0, 12, new long[] { 4, 6 });
        var y = model.predict(ids);
        using var dir = new TempFolder();
        model.save(dir.File("m.keras"));
        var loaded = load_model(dir.File("m.keras"));
        Assert.True((loaded.predict(ids) - y).abs().max().item<float>() == 0);
        Assert.Equal(KerasSharp.Saving.PythonJson.Dumps(KerasSharp.Saving.Serialization.Layer(model)), KerasSharp.Saving.PythonJson.Dumps(KerasSharp.Saving.Serialization.Layer(loaded)));
        if (Environment.GetEnvironmentVariable("KERASSHARP_EXPORT") is { Length: > 0 } export)
        {
            File.Copy(dir.File("m.keras"), Path.Combine(export, "written_by_kerassharp_wrappers.keras"), overwrite: true);
            File.WriteAllText(Path.Combine(export, "written_by_kerassharp_wrappers.json"), System.Text.Json.JsonSerializer.Serialize(new
            {
                ids = Enumerable.Range(0, 4).Select(r => ids[r].data<long>().ToArray()).ToArray(),
                predictions = Enumerable.Range(0, 4).Select(r => y[r].data<float>().ToArray()).ToArray(),
            }));
        }
    }
}
