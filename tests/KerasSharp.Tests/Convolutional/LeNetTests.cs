using System.Text.Json;
using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Convolutional;

/// <summary>
/// The CNN chapter's LeNet-5 against real Keras 3 (Fixtures/make_lenet_fixtures.py): its summary character for
/// character, a .keras file written by Keras that loads here and predicts what Keras predicted, and our own file
/// read back.
/// </summary>
public sealed class LeNetTests : TorchTest
{
    static readonly JsonElement Summaries = OracleFixtures.Load("lenet_summary.json");

    internal static Sequential LeNet() => Sequential([
        InputLayer(input_shape: [32, 32, 1]),
        Conv2D(filters: 6, kernel_size: 5, padding: "valid", activation: "relu"), MaxPool2D(pool_size: 2),
        Conv2D(filters: 16, kernel_size: 5, padding: "valid", activation: "relu"), MaxPool2D(pool_size: 2),
        Flatten(), Dense(120, activation: "relu"), Dense(84, activation: "relu"), Dense(10, activation: "softmax"),
    ]);

    static string SummaryOf(Model model, int lineLength)
    {
        string? text = null;
        model.summary(line_length: lineLength, print_fn: s => text = s);
        return text!;
    }

    [Theory]
    [InlineData(88)]
    [InlineData(76)]
    public void Summary_IsKerasTextExactly(int lineLength)
    {
        var expected = Summaries.GetProperty(lineLength.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetString()!;
        Assert.Equal(expected, SummaryOf(LeNet(), lineLength));
        Assert.Equal(61706, LeNet().count_params());
    }

    [Fact]
    public void Summary_AfterAdamStep_ShowsOptimizerParams()
    {
        var model = LeNet();
        model.compile(optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"]);
        model.fit(rand(16, 32, 32, 1), eye(10)[randint(0, 10, new long[] { 16 })], batch_size: 16, verbose: 0);
        var expected = Summaries.GetProperty("88_after_adam").GetString()!;
        // The table's names differ (Keras built two models in that script); the totals must be Keras's.
        var footer = expected[expected.IndexOf(" Total params", StringComparison.Ordinal)..];
        Assert.EndsWith(footer, SummaryOf(model, 88));
    }

    [Fact]
    public void KerasFile_LoadsAndPredictsAsKeras()
    {
        var model = load_model(OracleFixtures.Path("lenet_keras.keras"));
        var seq = Assert.IsType<Sequential>(model);
        Assert.Equal(new[] { "Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dense", "Dense" }, seq.layers.Select(l => l.class_name));
        var conv = Assert.IsType<Conv2D>(seq.layers[0]);
        Assert.Equal(new long[] { 5, 5, 1, 6 }, conv.kernel!.shape);
        Assert.Equal("relu", conv.activation.name);

        var p = OracleFixtures.Load("lenet_predictions.json");
        var x = OracleFixtures.Tensor(p.GetProperty("input"), p.GetProperty("input_shape"));
        var predicted = model.predict(x, verbose: 0);
        Assert.Equal(new long[] { 4, 10 }, predicted.shape);
        var closeness = OracleFixtures.Closeness(predicted.contiguous().data<float>().ToArray(), OracleFixtures.Floats(p.GetProperty("predictions")), atol: 1e-6, rtol: 1e-5);
        Assert.True(closeness <= 1, $"predictions differ from Keras's (closeness {closeness:G4})");
    }

    [Fact]
    public void SavedHere_LoadsBackWithSameLayoutAndPredictions()
    {
        using var dir = new TempFolder();
        var model = LeNet();
        model.compile(optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"]);
        var x = rand(3, 32, 32, 1);
        var before = model.predict(x, verbose: 0);
        model.save(dir.File("lenet.keras"));
        var loaded = load_model(dir.File("lenet.keras"));
        Assert.Equal(model.get_weights().Select(w => w.shape), loaded.get_weights().Select(w => w.shape));
        Assert.True(before.allclose(loaded.predict(x, verbose: 0), rtol: 0, atol: 0));
    }
}
