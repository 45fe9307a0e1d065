using KerasSharp.Saving;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.models;
using static KerasSharp.Tests.Preprocessing.PreprocessingFixtures;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Preprocessing;

/// <summary>
/// A Sequential model holding every image preprocessing layer, saved by real Keras 3.11.3
/// (Fixtures/make_preprocessing_fixtures.py): KerasSharp loads it with Keras's configs and output shapes and predicts
/// what Keras predicted (the random layers are identities at inference); the archive KerasSharp writes loads back the
/// same here, and in real Keras (Fixtures/check_keras_loads_preprocessing.py, run on the exported file).
/// </summary>
public sealed class ArchiveTests : TorchTest
{
    static (Tensor x, float[] y) Batch()
    {
        var m = root.GetProperty("model");
        return (tensor(Floats(m.GetProperty("x"))).reshape(Longs(m.GetProperty("x_shape"))), Floats(m.GetProperty("y")));
    }

    [Fact]
    public void KerasArchive_LoadsWithKerasConfigsAndShapes_AndPredictsAsKeras()
    {
        var model = load_model(PreprocessingFixtures.Path("image_preprocessing.keras"));
        var layers = root.GetProperty("model").GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(layers.Select(l => l.GetProperty("class_name").GetString()), model.layers.Select(l => l.class_name));
        for (int i = 0; i < layers.Count; i++)
        {
            var shape = layers[i].GetProperty("output_shape").EnumerateArray().Select(v => v.ValueKind == System.Text.Json.JsonValueKind.Null ? (long?)null : v.GetInt64());
            Assert.Equal(shape, model.layers[i].output_shape);
            if (model.layers[i].class_name != "Dense") // Dense's config is the saving area's (keys of later Keras releases)
                Assert.Equal(PythonJson.Dumps(PythonJson.Loads(layers[i].GetProperty("config").GetRawText())), PythonJson.Dumps(model.layers[i].get_config()));
        }
        string? text = null;
        model.summary(line_length: 76, print_fn: s => text = s);
        Assert.Equal(root.GetProperty("model").GetProperty("summary_76").GetString(), text);
        var (x, y) = Batch();
        var got = model.predict(x).data<float>().ToArray();
        Assert.Equal(y.Length, got.Length);
        for (int i = 0; i < got.Length; i++) Assert.Equal(y[i], got[i], 5);
    }

    [Fact]
    public void SavedArchive_LoadsBackWithTheSameConfigsAndPredictions()
    {
        using var dir = new TempFolder();
        var source = load_model(PreprocessingFixtures.Path("image_preprocessing.keras"));
        var (x, _) = Batch();
        var expected = source.predict(x).data<float>().ToArray();
        source.save(dir.File("m.keras"));
        var loaded = load_model(dir.File("m.keras"));
        Assert.Equal(source.layers.Select(l => PythonJson.Dumps(l.get_config())), loaded.layers.Select(l => PythonJson.Dumps(l.get_config())));
        Assert.Equal(expected, loaded.predict(x).data<float>().ToArray());
        // The file for the oracle's check (Fixtures/check_keras_loads_preprocessing.py): written when KERASSHARP_EXPORT names a folder.
        if (Environment.GetEnvironmentVariable("KERASSHARP_EXPORT") is { Length: > 0 } export)
            File.Copy(dir.File("m.keras"), System.IO.Path.Combine(export, "written_by_kerassharp.keras"), overwrite: true);
    }
}
