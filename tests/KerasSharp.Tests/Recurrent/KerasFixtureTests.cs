using System.Text.Json;
using KerasSharp.Layers;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Recurrent;

/// <summary>
/// SimpleRNN, LSTM and GRU (reset_after true and false) against real Keras 3.11.3 (Fixtures/rnn_outputs.json): all
/// outputs and the final states for fixed weights and inputs, forwards and backwards, with a Masking layer masking a
/// middle and a last step; on libtorch's fused kernel and on the step loop alike.
/// </summary>
public sealed class KerasFixtureTests : TorchTest
{
    public static TheoryData<string> SingleLayerCases()
    {
        var data = new TheoryData<string>();
        foreach (var n in Fixture.CaseNames().Where(n => !n.StartsWith("Bidirectional") && !n.StartsWith("Embedding"))) data.Add(n);
        return data;
    }

    static string Option(JsonElement c, string key, string fallback) =>
        c.GetProperty("options").TryGetProperty(key, out var v) ? v.GetString()! : fallback;

    static bool Flag(JsonElement c, string key, bool fallback) =>
        c.GetProperty("options").TryGetProperty(key, out var v) ? v.GetBoolean() : fallback;

    internal static RNN Make(JsonElement c, bool returnSequences = true, bool returnState = true)
    {
        var act = Option(c, "activation", "tanh");
        var rec = Option(c, "recurrent_activation", "sigmoid");
        var bias = Flag(c, "use_bias", true);
        var back = c.GetProperty("go_backwards").GetBoolean();
        return c.GetProperty("kind").GetString() switch
        {
            "SimpleRNN" => new SimpleRNN(4, activation: act, use_bias: bias, return_sequences: returnSequences, return_state: returnState, go_backwards: back),
            "LSTM" => new LSTM(4, activation: act, recurrent_activation: rec, use_bias: bias, return_sequences: returnSequences, return_state: returnState, go_backwards: back),
            "GRU" => new GRU(4, activation: act, recurrent_activation: rec, use_bias: bias, reset_after: Flag(c, "reset_after", true),
                return_sequences: returnSequences, return_state: returnState, go_backwards: back),
            var k => throw new ArgumentException(k),
        };
    }

    internal static void SetFixtureWeights(Layer layer, JsonElement c, long?[] inputShape)
    {
        layer.ensure_built(inputShape);
        layer.set_weights(c.GetProperty("weights").EnumerateArray().Select(Fixture.ToTensor).ToList());
    }

    static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var diff = (expected - actual.cpu()).abs().max().item<float>();
        Assert.True(diff < tolerance, $"{what}: max |Keras - KerasSharp| = {diff:g3} (tolerance {tolerance:g3})");
    }

    [Theory]
    [MemberData(nameof(SingleLayerCases))]
    public void OutputsAndStates_MatchKeras_FusedAndStepLoop(string name)
    {
        var c = Fixture.Case(name);
        var x = Fixture.ToTensor(c.GetProperty("x"));
        var expected = c.GetProperty("outputs").EnumerateArray().Select(Fixture.ToTensor).ToArray();
        foreach (var fused in new bool?[] { null, false })
        {
            var layer = Make(c);
            layer.fused_preference = fused;
            SetFixtureWeights(layer, c, new long?[] { null, x.shape[1], x.shape[2] });
            Tensor? mask = null;
            var input = x;
            if (c.GetProperty("mask").GetBoolean())
            {
                var masking = new Masking(0.0);
                mask = masking.compute_mask(x, null);
                input = masking.call(x, false);
            }
            using var _ = no_grad();
            var outputs = layer.call(input, null, mask, false);
            Assert.Equal(expected.Length, outputs.Length);
            for (int i = 0; i < outputs.Length; i++) AssertClose(expected[i], outputs[i], 2e-6, $"{name} output {i} (fused: {fused?.ToString() ?? "auto"})");
        }
    }

    [Theory]
    [MemberData(nameof(SingleLayerCases))]
    public void DoubleReference_MatchesKeras(string name)
    {
        // The tests' own step-by-step reference agrees with Keras, so the tests that use it test against Keras's equations.
        var c = Fixture.Case(name);
        var result = Reference(c);
        var expected = c.GetProperty("outputs").EnumerateArray().Select(Fixture.ToTensor).ToArray();
        AssertClose(expected[0], tensor(result.Outputs.SelectMany(b => b.SelectMany(t => t)).Select(v => (float)v).ToArray()).reshape(expected[0].shape), 2e-6, name);
        for (int s = 1; s < expected.Length; s++)
            AssertClose(expected[s], tensor(result.States.SelectMany(b => b[s - 1]).Select(v => (float)v).ToArray()).reshape(expected[s].shape), 2e-6, name);
    }

    internal static KerasRecurrence.Result Reference(JsonElement c)
    {
        var x = Fixture.ToArray3(c.GetProperty("x"));
        var w = c.GetProperty("weights").EnumerateArray().ToArray();
        double[,] M(JsonElement e)
        {
            var rows = e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
            var m = new double[rows.Length, rows[0].Length];
            for (int i = 0; i < rows.Length; i++) for (int j = 0; j < rows[0].Length; j++) m[i, j] = rows[i][j];
            return m;
        }
        double[] V(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var kind = c.GetProperty("kind").GetString();
        bool bias = w.Length == 3;
        bool resetAfter = Flag(c, "reset_after", true);
        KerasRecurrence.Weights weights = kind == "GRU" && resetAfter && bias
            ? new(M(w[0]), M(w[1]), V(w[2][0]), V(w[2][1]))
            : new(M(w[0]), M(w[1]), bias ? V(w[2]) : null);
        var act = Option(c, "activation", "tanh");
        var rec = Option(c, "recurrent_activation", "sigmoid");
        var step = kind switch
        {
            "SimpleRNN" => KerasRecurrence.SimpleRnn(weights, act),
            "LSTM" => KerasRecurrence.Lstm(weights, act, rec),
            _ => KerasRecurrence.Gru(weights, act, rec, resetAfter),
        };
        bool[][]? mask = c.GetProperty("mask").GetBoolean() ? x.Select(b => b.Select(t => t.Any(v => v != 0)).ToArray()).ToArray() : null;
        return KerasRecurrence.Run(step, x, kind == "LSTM" ? new[] { 4, 4 } : new[] { 4 }, c.GetProperty("go_backwards").GetBoolean(), mask);
    }
}
