using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using KerasSharp.Models;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// Files moving both ways between KerasSharp and real Keras 3.11.3 (issue 13 item 6), through the fixtures of
/// Fixtures/KerasRoundTrip, made by keras_roundtrip.py under the oracle (see that script):
/// <list type="bullet">
/// <item><c>kerassharp_saved.keras</c> is what KerasSharp writes (this class regenerates it when
/// KERASSHARP_REGENERATE_FIXTURES=1), with <c>kerassharp_saved.expected.json</c>: KerasSharp's predictions and its
/// weights after one more Adam step. Keras 3.11.3 loaded it, predicted and stepped, and recorded the differences in
/// <c>keras_read_ours.result.json</c>.</item>
/// <item><c>keras_3_11_3_made.keras</c> is what Keras 3.11.3 wrote for the same architecture after 3 steps, with its
/// predictions and its weights after one more step (<c>keras_3_11_3_made.expected.json</c>).</item>
/// </list>
/// </summary>
public sealed class KerasRoundTripTests : TorchTest
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Saving", "Fixtures", "KerasRoundTrip", name);

    static string SourceFolder([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", "KerasRoundTrip");

    /// <summary>x[n, k] = ((7n + 3k) mod 11 - 5) / 4 for 6 samples of 4 features; y one-hot of n mod 3 (as in the script).</summary>
    internal static float[,] X()
    {
        var x = new float[6, 4];
        for (int n = 0; n < 6; n++) for (int k = 0; k < 4; k++) x[n, k] = ((7 * n + 3 * k) % 11 - 5) / 4f;
        return x;
    }

    internal static float[,] Y()
    {
        var y = new float[6, 3];
        for (int n = 0; n < 6; n++) y[n, n % 3] = 1;
        return y;
    }

    /// <summary>The script's model: 4 inputs, Dense(5, relu, he_uniform), Dense(3, softmax), Adam(0.01).</summary>
    static Sequential Model()
    {
        var model = Sequential([InputLayer(shape: [4]), Dense(5, activation: "relu", kernel_initializer: "he_uniform"), Dense(3, activation: "softmax")]);
        model.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.01), loss: "categorical_crossentropy", metrics: ["accuracy"]);
        return model;
    }

    static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    static float[] Floats(JsonElement e) => e.EnumerateArray().SelectMany(v => v.ValueKind == JsonValueKind.Array ? Floats(v) : new[] { v.GetSingle() }).ToArray();

    static float[] Flat(Tensor t) => t.contiguous().data<float>().ToArray();

    static void AssertClose(float[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = expected.Zip(actual, (a, b) => Math.Abs((double)a - b)).Max();
        Assert.True(worst <= tolerance, $"{what}: largest difference {worst:R} > {tolerance:R}");
    }

    /// <summary>Predictions, then the weights after one more full-batch step, as the expected.json files hold them.</summary>
    static (float[] predictions, List<float[]> weights) PredictAndStep(Model model)
    {
        var predictions = Flat(model.predict(tensor(X()), verbose: 0));
        model.fit(tensor(X()), tensor(Y()), batch_size: 6, epochs: 1, shuffle: false, verbose: 0);
        return (predictions, model.get_weights().Select(Flat).ToList());
    }

    [Fact]
    public void OurArchive_IsTheFixtureKerasRead_AndKerasPredictedAndResumedIt()
    {
        var model = Model();
        model.fit(tensor(X()), tensor(Y()), batch_size: 2, epochs: 1, shuffle: false, verbose: 0);   // 3 steps
        using var dir = new TempFolder();
        model.save(dir.File("ours.keras"));
        var (predictions, weights) = PredictAndStep(model);

        if (Environment.GetEnvironmentVariable("KERASSHARP_REGENERATE_FIXTURES") == "1")
        {
            File.Copy(dir.File("ours.keras"), Path.Combine(SourceFolder(), "kerassharp_saved.keras"), overwrite: true);
            var expected = new Dictionary<string, object> { ["iterations"] = 3, ["predictions"] = predictions, ["weights_after_step"] = weights };
            File.WriteAllText(Path.Combine(SourceFolder(), "kerassharp_saved.expected.json"), JsonSerializer.Serialize(expected));
            return;
        }

        // The committed file is what KerasSharp writes today: the same config text and metadata keys.
        var committed = Fixture("kerassharp_saved.keras");
        Assert.Equal(
            ArchiveLayoutTests.WithoutSharedId(Encoding.UTF8.GetString(ArchiveLayoutTests.Entry(committed, "config.json"))),
            ArchiveLayoutTests.WithoutSharedId(Encoding.UTF8.GetString(ArchiveLayoutTests.Entry(dir.File("ours.keras"), "config.json"))));
        Assert.Contains("\"keras_version\": \"3.11.3\"", Encoding.UTF8.GetString(ArchiveLayoutTests.Entry(committed, "metadata.json")));

        // Keras 3.11.3 loaded it, predicted what KerasSharp predicts within 6e-8, and its next Adam step matched ours.
        var result = Json(Fixture("keras_read_ours.result.json"));
        Assert.Equal("3.11.3", result.GetProperty("keras_version").GetString());
        Assert.Equal(3, result.GetProperty("iterations_loaded").GetInt32());
        Assert.True(result.GetProperty("max_prediction_difference").GetDouble() <= 6e-8);
        Assert.True(result.GetProperty("max_weight_difference_after_step").GetDouble() <= 1e-6);
        Assert.Equal(4, result.GetProperty("iterations_after_step").GetInt32());

        // And what KerasSharp computes today still is what Keras was compared with.
        var ours = Json(Fixture("kerassharp_saved.expected.json"));
        AssertClose(Floats(ours.GetProperty("predictions")), predictions, 1e-6, "predictions");
        var stepped = ours.GetProperty("weights_after_step").EnumerateArray().Select(Floats).ToList();
        for (int i = 0; i < weights.Count; i++) AssertClose(stepped[i], weights[i], 1e-6, $"weight {i} after one step");
    }

    [Fact]
    public void KerasMadeArchive_Loads_PredictsAsKeras_AndResumesTrainingAsKeras()
    {
        var expected = Json(Fixture("keras_3_11_3_made.expected.json"));
        var model = load_model(Fixture("keras_3_11_3_made.keras"));
        Assert.Equal(3, model.optimizer!.iterations);
        Assert.Equal(0.01, model.optimizer.learning_rate);
        Assert.Equal("HeUniform", ((KerasSharp.Layers.Dense)model.layers[0]).kernel_initializer.class_name);

        var (predictions, weights) = PredictAndStep(model);
        AssertClose(Floats(expected.GetProperty("predictions")), predictions, 1e-6, "predictions");
        Assert.Equal(4, model.optimizer.iterations);
        var stepped = expected.GetProperty("weights_after_step").EnumerateArray().Select(Floats).ToList();
        Assert.Equal(4, stepped.Count);
        for (int i = 0; i < weights.Count; i++) AssertClose(stepped[i], weights[i], 1e-6, $"weight {i} after one step");
    }
}
