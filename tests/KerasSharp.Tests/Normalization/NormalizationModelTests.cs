using System.Text.Json;
using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Saving;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Normalization;

/// <summary>
/// Three models mixing the padding, cropping and normalization layers, saved by real Keras 3.11.3
/// (Fixtures/make_normalization_fixtures.py): each loads here with Keras's summary text, layer configs and
/// predictions; our own save loads back identically, and Keras loads it (Fixtures/check_keras_loads_normalization.py,
/// its output committed beside it).
/// </summary>
public sealed class NormalizationModelTests : TorchTest
{
    static readonly Lazy<JsonElement> Models = new(() => NormalizationFixtures.Load("normalization_models.json"));

    static readonly HashSet<string> Ours = new(StringComparer.Ordinal)
    {
        "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D", "Cropping1D", "Cropping2D", "Cropping3D",
        "LayerNormalization", "GroupNormalization", "UnitNormalization", "Normalization",
    };

    public static TheoryData<string> Keys() => new() { "2d", "1d", "3d" };

    static Tensor X(JsonElement m) => NormalizationFixtures.Tensor(m.GetProperty("x"), m.GetProperty("x_shape"));

    static string SummaryOf(Model model)
    {
        string? text = null;
        model.summary(line_length: 88, print_fn: s => text = s);
        return text!;
    }

    [Theory, MemberData(nameof(Keys))]
    public void KerasFile_LoadsWithKerasSummaryConfigsAndPredictions(string key)
    {
        var m = Models.Value.GetProperty(key);
        var model = load_model(NormalizationFixtures.Path(m.GetProperty("file").GetString()!));
        Assert.Equal(m.GetProperty("summary").GetString(), SummaryOf(model));
        var layers = m.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(layers.Select(l => (l.GetProperty("name").GetString()!, l.GetProperty("class_name").GetString()!)), model.layers.Select(l => (l.name, l.class_name)));
        for (int i = 0; i < layers.Count; i++)
        {
            var shape = layers[i].GetProperty("output_shape").EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Null ? (long?)null : d.GetInt64());
            Assert.Equal(shape, model.layers[i].compute_output_shapes(model.layers[i].input_shape!)[0]);
            Assert.Equal(layers[i].GetProperty("count_params").GetInt64(), model.layers[i].count_params());
            if (Ours.Contains(model.layers[i].class_name))
                Assert.Equal(PythonJson.Dumps(PythonJson.Loads(layers[i].GetProperty("config").GetRawText())), PythonJson.Dumps(model.layers[i].get_config()));
        }
        var y = model.predict(X(m));
        Assert.Equal(NormalizationFixtures.Shape(m.GetProperty("y_shape")), y.shape);
        var closeness = NormalizationFixtures.Closeness(y.data<float>().ToArray(), NormalizationFixtures.Floats(m.GetProperty("y")), atol: 1e-5, rtol: 1e-4);
        Assert.True(closeness <= 1, $"{key}: predictions differ from Keras's (closeness {closeness:G4})");
    }

    [Theory, MemberData(nameof(Keys))]
    public void SavedFile_LoadsBackIdentically(string key)
    {
        using var dir = new TempFolder();
        var m = Models.Value.GetProperty(key);
        var source = load_model(NormalizationFixtures.Path(m.GetProperty("file").GetString()!));
        var x = X(m);
        var expected = source.predict(x).data<float>().ToArray();
        source.save(dir.File("m.keras"));
        var loaded = load_model(dir.File("m.keras"));
        Assert.Equal(source.layers.Select(l => PythonJson.Dumps(l.get_config())), loaded.layers.Select(l => PythonJson.Dumps(l.get_config())));
        Assert.Equal(SummaryOf(source), SummaryOf(loaded));
        Assert.Equal(expected, loaded.predict(x).data<float>().ToArray());
        // The file for the oracle's check (Fixtures/check_keras_loads_normalization.py): written when KERASSHARP_EXPORT names a folder.
        if (Environment.GetEnvironmentVariable("KERASSHARP_EXPORT") is { Length: > 0 } export)
            File.Copy(dir.File("m.keras"), Path.Combine(export, $"written_by_kerassharp_{key}.keras"), overwrite: true);
    }

    [Fact]
    public void ModelBuiltHere_PrintsKerasSummary()
    {
        // The same 2-D model written in C#: adapt before the model exists, as the Keras script does.
        var norm = keras.layers.Normalization(name: "norm");
        norm.adapt(rand(40, 8, 8, 3));
        var model = Sequential([
            InputLayer(shape: [8, 8, 3]), norm,
            ZeroPadding2D(((1, 0), (2, 1))), Conv2D(4, 3), GroupNormalization(groups: 2),
            Cropping2D(((1, 1), (0, 2))), LayerNormalization(), Flatten(), Dense(6),
            UnitNormalization(), Dense(2, activation: "softmax"),
        ], name: "shape_norm_2d");
        Assert.Equal(Models.Value.GetProperty("2d").GetProperty("summary").GetString(), SummaryOf(model));
        // Keras writes the adapt data's shape as the layer's build_config.
        Assert.Equal("{\"input_shape\": [40, 8, 8, 3]}", PythonJson.Dumps(Serialization.Layer(norm)["build_config"]));
    }
}
