using System.Text.Json;
using KerasSharp.Models;
using KerasSharp.Optimizers;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Recurrent;

/// <summary>
/// The model output's mask in the loss and the metrics (Keras 3.11.3: keras/src/losses/loss.py <c>Loss.__call__</c> and
/// <c>apply_mask</c>, keras/src/metrics/reduction_metrics.py <c>MeanMetricWrapper.update_state</c>): against real Keras
/// (Fixtures/masked_loss.json, made by Fixtures/make_masked_loss_fixtures.py: evaluate's values, the first epoch's
/// logs and the weights after one SGD step) and against hand-computed values.
/// </summary>
public sealed class MaskedLossTests : TorchTest
{
    const int T = 5;

    static JsonElement? _doc;
    static JsonElement Doc => _doc ??= JsonDocument.Parse(File.ReadAllText(Fixture.Path("masked_loss.json"))).RootElement;

    static JsonElement Case(string kind, string weighting) => Doc.GetProperty("cases").EnumerateArray()
        .Single(c => c.GetProperty("kind").GetString() == kind && c.GetProperty("weighting").GetString() == weighting);

    static Sequential Model(string kind, bool maskZero = true) => kind switch
    {
        "seq" => Sequential([InputLayer(shape: [T]), Embedding(6, 3, mask_zero: maskZero), LSTM(4, return_sequences: true), Dense(3, activation: "softmax")]),
        "last" => Sequential([InputLayer(shape: [T]), Embedding(6, 3, mask_zero: maskZero), LSTM(4), Dense(3, activation: "softmax")]),
        _ => Sequential([InputLayer(shape: [T]), Embedding(6, 3, mask_zero: maskZero), Dense(2)]),
    };

    static Sequential Compiled(string kind, JsonElement c, bool maskZero = true)
    {
        var m = Model(kind, maskZero);
        m.set_weights(c.GetProperty("initial_weights").EnumerateArray().Select(Fixture.ToTensor).ToList());
        if (kind == "reg") m.compile(optimizer: new SGD(learning_rate: 0.5), loss: "mse", metrics: ["mae"]);
        else m.compile(optimizer: new SGD(learning_rate: 0.5), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        return m;
    }

    static Tensor Ids => Fixture.ToTensor(Doc.GetProperty("ids")).to_type(ScalarType.Int64);

    static Tensor Y(string kind) => kind switch
    {
        "seq" => Fixture.ToTensor(Doc.GetProperty("y_seq")).to_type(ScalarType.Int64),
        "last" => Fixture.ToTensor(Doc.GetProperty("y_last")).to_type(ScalarType.Int64),
        _ => Fixture.ToTensor(Doc.GetProperty("y_reg")),
    };

    static Tensor? Weights(string kind, string weighting) => weighting != "sample_weight" ? null
        : Fixture.ToTensor(Doc.GetProperty(kind == "last" ? "sample_weight" : "sample_weight_steps"));

    static Dictionary<int, double>? ClassWeight(string weighting) => weighting != "class_weight" ? null
        : Doc.GetProperty("class_weight").EnumerateObject().ToDictionary(p => int.Parse(p.Name), p => p.Value.GetDouble());

    [Theory]
    [InlineData("seq", "none")]
    [InlineData("seq", "sample_weight")]
    [InlineData("last", "none")]
    [InlineData("last", "sample_weight")]
    [InlineData("last", "class_weight")]
    [InlineData("reg", "none")]
    [InlineData("reg", "sample_weight")]
    public void EvaluateAndOneSgdStep_MatchKeras(string kind, string weighting)
    {
        var c = Case(kind, weighting);
        var model = Compiled(kind, c);
        var logs = model.evaluate(Ids, Y(kind), batch_size: 4, verbose: 0, sample_weight: Weights(kind, weighting));
        foreach (var p in c.GetProperty("evaluate").EnumerateObject())
            Assert.True(Math.Abs(logs[p.Name] - p.Value.GetDouble()) < 2e-6, $"evaluate {p.Name}: {logs[p.Name]} vs Keras {p.Value.GetDouble()}");

        var h = model.fit(Ids, Y(kind), batch_size: 4, epochs: 1, shuffle: false, verbose: 0,
            sample_weight: Weights(kind, weighting), class_weight: ClassWeight(weighting));
        foreach (var p in c.GetProperty("fit_history").EnumerateObject())
            Assert.True(Math.Abs(h.history[p.Name][0] - p.Value.GetDouble()) < 2e-6, $"fit {p.Name}: {h.history[p.Name][0]} vs Keras {p.Value.GetDouble()}");
        AssertWeightsAfterStep(model, c);
    }

    static void AssertWeightsAfterStep(Model model, JsonElement c)
    {
        var expected = c.GetProperty("weights_after_step").EnumerateArray().Select(Fixture.ToTensor).ToList();
        var got = model.get_weights();
        Assert.Equal(expected.Count, got.Count);
        for (int i = 0; i < got.Count; i++)
            Assert.True((got[i] - expected[i]).abs().max().item<float>() < 2e-6, $"weight {i} after one step");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("sample_weight")]
    public void FunctionalModel_EvaluateAndOneSgdStep_MatchKeras(string weighting)
    {
        // The same per-step model built with the functional API: the graph attaches its output's mask too.
        var c = Case("seq", weighting);
        var input = keras.Input(shape: [T], dtype: "int32");
        var output = Dense(3, activation: "softmax").call(LSTM(4, return_sequences: true).call(Embedding(6, 3, mask_zero: true).call(input)));
        var model = keras.Model(inputs: input, outputs: output);
        model.set_weights(c.GetProperty("initial_weights").EnumerateArray().Select(Fixture.ToTensor).ToList());
        model.compile(optimizer: new SGD(learning_rate: 0.5), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var logs = model.evaluate(Ids, Y("seq"), batch_size: 4, verbose: 0, sample_weight: Weights("seq", weighting));
        Assert.True(Math.Abs(logs["loss"] - c.GetProperty("evaluate").GetProperty("loss").GetDouble()) < 2e-6);
        Assert.True(Math.Abs(logs["accuracy"] - c.GetProperty("evaluate").GetProperty("accuracy").GetDouble()) < 2e-6);
        var h = model.fit(Ids, Y("seq"), batch_size: 4, epochs: 1, shuffle: false, verbose: 0, sample_weight: Weights("seq", weighting));
        Assert.True(Math.Abs(h.history["loss"][0] - c.GetProperty("fit_history").GetProperty("loss").GetDouble()) < 2e-6);
        AssertWeightsAfterStep(model, c);
    }

    [Theory]
    [InlineData("seq", "none")]
    [InlineData("seq", "sample_weight")]
    [InlineData("reg", "sample_weight")]
    public void WithoutTheMask_TheLossDiffers(string kind, string weighting)
    {
        // The fixture's loss depends on the mask: the same weights without mask_zero give another value.
        var c = Case(kind, weighting);
        var model = Compiled(kind, c, maskZero: false);
        var logs = model.evaluate(Ids, Y(kind), batch_size: 4, verbose: 0, sample_weight: Weights(kind, weighting));
        Assert.True(Math.Abs(logs["loss"] - c.GetProperty("evaluate").GetProperty("loss").GetDouble()) > 1e-3);
    }

    [Fact]
    public void SequenceLoss_IsTheMeanOverTheValidSteps_AndAccuracyCountsEveryStep()
    {
        // Hand-computed from the predictions: Keras's sum_over_batch_size loss with the (batch, T) mask is
        // sum(mask · w · ce) / sum(mask), while the compiled accuracy gets no sample weight, so Keras ignores the mask.
        var c = Case("seq", "sample_weight");
        var model = Compiled("seq", c);
        var p = model.predict(Ids, verbose: 0).to_type(ScalarType.Float64);
        var y = Y("seq");
        var mask = Ids.ne(0).to_type(ScalarType.Float64);
        var ce = -p.gather(-1, y.unsqueeze(-1)).squeeze(-1).clamp(1e-7, 1 - 1e-7).log();
        var w = Weights("seq", "sample_weight")!.to_type(ScalarType.Float64);
        double masked = (ce * mask * w).sum().item<double>() / mask.sum().item<double>();
        double accuracy = p.argmax(-1).eq(y).to_type(ScalarType.Float64).mean().item<double>();
        var logs = model.evaluate(Ids, y, batch_size: 4, verbose: 0, sample_weight: Weights("seq", "sample_weight"));
        Assert.Equal(masked, logs["loss"], 5);
        Assert.Equal(accuracy, logs["accuracy"], 6);
        double unweighted = (ce * mask).sum().item<double>() / mask.sum().item<double>();
        Assert.Equal(unweighted, model.evaluate(Ids, y, batch_size: 4, verbose: 0)["loss"], 5);
    }

    [Fact]
    public void LossCompute_OnAModelsOutput_UsesItsMask_SumReductionWithoutRescaling()
    {
        // Embedding(mask_zero) -> Dense(1), weights chosen so the output is the token id: y_pred = id, y_true = 0.
        var model = Sequential([InputLayer(shape: [3]), Embedding(4, 1, mask_zero: true), Dense(1, use_bias: false)]);
        model.set_weights([tensor(new float[] { 0, 1, 2, 3 }).reshape(4, 1), ones(1, 1)]);
        var x = tensor(new long[] { 1, 2, 0, 3, 0, 0 }).reshape(2, 3);
        var yPred = model.call(x, false);
        var yTrue = zeros(2, 3, 1);
        // Squared errors 1, 4, (0), 9, (0), (0): mean over the 3 valid steps 14/3; "sum" keeps 1 + 4 + 9.
        Assert.Equal(14.0 / 3, new KerasSharp.Losses.MeanSquaredError().compute(yTrue, yPred).item<float>(), 5);
        Assert.Equal(14.0, new KerasSharp.Losses.MeanSquaredError(reduction: "sum").compute(yTrue, yPred).item<float>(), 5);
        // Per-step weights 2 on the first row: (2 + 8 + 9) / 3.
        var w = tensor(new float[] { 2, 2, 2, 1, 1, 1 }).reshape(2, 3);
        Assert.Equal(19.0 / 3, new KerasSharp.Losses.MeanSquaredError().compute(yTrue, yPred, w).item<float>(), 5);
        // The metric joins the mask only with weights, as Keras's MeanMetricWrapper: unweighted it averages all 6 steps.
        var mse = new KerasSharp.Metrics.MeanSquaredError();
        mse.update_state(yTrue, yPred);
        Assert.Equal(14.0 / 6, mse.result().item<float>(), 5);
        mse.reset_state();
        mse.update_state(yTrue, yPred, w);
        Assert.Equal(19.0 / 5, mse.result().item<float>(), 5); // sum(w·m·e) / sum(w·m) = 19 / (2 + 2 + 1)
    }

    [Fact]
    public void PerSampleWeights_WithAPerStepMask_AreRefused_AndTheModelIsUnchanged()
    {
        var c = Case("seq", "none");
        var model = Compiled("seq", c);
        var before = model.get_weights();
        var e = Assert.Throws<ArgumentException>(() =>
            model.fit(Ids, Y("seq"), batch_size: 4, epochs: 1, verbose: 0, sample_weight: Fixture.ToTensor(Doc.GetProperty("sample_weight"))));
        Assert.Contains("(4,)", e.Message);
        Assert.Contains("(4, 5)", e.Message);
        var after = model.get_weights();
        for (int i = 0; i < before.Count; i++) Assert.True(before[i].eq(after[i]).all().item<bool>());
        // Still usable: evaluate as before matches Keras.
        var logs = model.evaluate(Ids, Y("seq"), batch_size: 4, verbose: 0);
        Assert.True(Math.Abs(logs["loss"] - c.GetProperty("evaluate").GetProperty("loss").GetDouble()) < 2e-6);
    }
}
