using System.Text.Json;
using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Saving;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers;

/// <summary>
/// Flatten, Reshape, Permute, RepeatVector and Identity against the shapes of Keras's docstrings
/// (keras/src/layers/reshaping/*.py, keras/src/layers/core/identity.py), hand-computed values, and a .keras file made by
/// real Keras 3.11.3 (Fixtures/make_reshaping_fixture.py) that loads and predicts the same.
/// </summary>
public sealed class ReshapingLayerTests : TorchTest
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Layers", "Fixtures", name);

    static long?[] Out(Layer layer, params long?[] inputShape) => layer.compute_output_shape(inputShape);

    [Fact]
    public void OutputShapes_AreKerasDocstrings()
    {
        Assert.Equal(new long?[] { null, 640 }, Out(Flatten(), null, 10, 64));
        Assert.Equal(new long?[] { null, 1 }, Out(Flatten(), new long?[] { null }));
        Assert.Equal(new long?[] { null, null }, Out(Flatten(), null, null, 3));
        Assert.Equal(new long?[] { null, 3, 4 }, Out(Reshape([3, 4]), null, 12));
        Assert.Equal(new long?[] { null, 3, 2, 2 }, Out(Reshape([-1, 2, 2]), null, 12));
        Assert.Equal(new long?[] { null, null, 2 }, Out(Reshape([-1, 2]), null, null));
        Assert.Equal(new long?[] { null, 64, 10 }, Out(Permute([2, 1]), null, 10, 64));
        Assert.Equal(new long?[] { null, 3, 32 }, Out(RepeatVector(3), null, 32));
        Assert.Equal(new long?[] { null, 7, 2 }, Out(Identity(), null, 7, 2));
    }

    [Fact]
    public void Values_FollowRowMajorOrder()
    {
        var x = arange(24, dtype: ScalarType.Float32).reshape(1, 2, 3, 4);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (float)i), Flatten().call(x, false).data<float>().ToArray());
        Assert.Equal(new long[] { 1, 24 }, Flatten().call(x, false).shape);
        // channels_first: (1, C=2, 3, 4) is read as channels_last (1, 3, 4, 2): element [0, h, w, c] = x[0, c, h, w].
        var cf = Flatten(data_format: "channels_first").call(x, false).data<float>().ToArray();
        Assert.Equal(new float[] { 0, 12, 1, 13, 2, 14 }, cf.Take(6));
        var r = Reshape([-1, 6]).call(x, false);
        Assert.Equal(new long[] { 1, 4, 6 }, r.shape);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (float)i), r.data<float>().ToArray());
        // Permute((2, 1)) on (1, 2, 3): out[0, j, i] = x[0, i, j].
        var p = Permute([2, 1]).call(tensor(new float[] { 1, 2, 3, 4, 5, 6 }).reshape(1, 2, 3), false);
        Assert.Equal(new long[] { 1, 3, 2 }, p.shape);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, p.contiguous().data<float>().ToArray());
        var rv = RepeatVector(2).call(tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2), false);
        Assert.Equal(new long[] { 2, 2, 2 }, rv.shape);
        Assert.Equal(new float[] { 1, 2, 1, 2, 3, 4, 3, 4 }, rv.data<float>().ToArray());
        var id = Identity().call(x, false);
        Assert.Equal(x.data<float>().ToArray(), id.data<float>().ToArray());
    }

    [Fact]
    public void BadArguments_AreRefused_WithTheValue()
    {
        Assert.Contains("at most one unknown dimension", Assert.Throws<ArgumentException>(() => Reshape([-1, -1])).Message);
        Assert.Contains("target_shape=(0, 2)", Assert.Throws<ArgumentException>(() => Reshape([0, 2])).Message);
        var sizeError = Assert.Throws<ArgumentException>(() => Sequential([InputLayer(shape: [12]), Reshape([5, 2])]));
        Assert.Contains("The total size of the tensor must be unchanged", sizeError.Message);
        Assert.Contains("Received dims=(1, 3)", Assert.Throws<ArgumentException>(() => Permute([1, 3])).Message);
        Assert.Contains("rank 3", Assert.Throws<ArgumentException>(() => Sequential([InputLayer(shape: [4]), Permute([2, 1])])).Message);
        Assert.Contains("rank 2", Assert.Throws<ArgumentException>(() => Sequential([InputLayer(shape: [4, 2]), RepeatVector(2)])).Message);
        Assert.Contains("data_format=NCHW", Assert.Throws<ArgumentException>(() => Flatten(data_format: "NCHW")).Message);
        Assert.Contains("float64", Assert.Throws<NotSupportedException>(() => Flatten(dtype: "float64")).Message);
    }

    [Fact]
    public void FirstLayerInputShape_AddsAnInputLayer_ForAnyLayer()
    {
        var model = Sequential([Flatten(input_shape: [2, 3], batch_size: 4), Dense(2)]);
        Assert.True(model.built);
        Assert.Equal(new long?[] { 4, 2, 3 }, model.input_layer!.batch_shape);
        Assert.Equal(new long?[] { 4, 6 }, model.layers[0].output_shape);
        var text = model.summary_text(line_length: 88);
        Assert.Contains("flatten (Flatten)", text);
        Assert.Contains("(4, 6)", text);
        Assert.Equal(new long?[] { null, 5 }, Sequential([Identity(input_dim: 5)]).input_layer!.batch_shape);
        Assert.Throws<ArgumentException>(() => Identity(input_shape: [2], input_dim: 2));
    }

    sealed class FixtureData
    {
        public float[] x { get; set; } = [];
        public long[] x_shape { get; set; } = [];
        public float[] y { get; set; } = [];
        public long[] y_shape { get; set; } = [];
        public float[] flatten_values { get; set; } = [];
        public List<FixtureLayer> layers { get; set; } = [];
    }

    sealed class FixtureLayer
    {
        public string name { get; set; } = "";
        public string class_name { get; set; } = "";
        public long[] output_shape { get; set; } = [];
        public JsonElement config { get; set; }
    }

    static FixtureData Data() => JsonSerializer.Deserialize<FixtureData>(File.ReadAllText(Fixture("reshaping_layers.json")))!;

    [Fact]
    public void KerasArchive_WithEveryReshapingLayer_LoadsAndPredictsAsKeras()
    {
        var data = Data();
        var model = load_model(Fixture("reshaping_layers.keras"));
        Assert.Equal(data.layers.Select(l => (l.name, l.class_name)), model.layers.Select(l => (l.name, l.class_name)));
        for (int i = 0; i < data.layers.Count; i++)
        {
            Assert.Equal(new long?[] { null }.Concat(data.layers[i].output_shape.Select(d => (long?)d)), model.layers[i].output_shape);
            if (data.layers[i].class_name != "Dense") // Dense's config is the saving area's (keys of later Keras releases)
                Assert.Equal(PythonJson.Dumps(PythonJson.Loads(data.layers[i].config.GetRawText())), PythonJson.Dumps(model.layers[i].get_config()));
        }
        var x = tensor(data.x).reshape(data.x_shape);
        var y = model.predict(x);
        Assert.Equal(data.y_shape, y.shape);
        var got = y.data<float>().ToArray();
        for (int i = 0; i < got.Length; i++) Assert.Equal(data.y[i], got[i], 6);
        var flat = model.layers[2].call(model.layers[1].call(model.layers[0].call(x, false), false), false);
        Assert.Equal(data.flatten_values, flat.data<float>().ToArray());
    }

    [Fact]
    public void SavedArchive_LoadsBackWithTheSameLayersAndPredictions()
    {
        using var dir = new TempFolder();
        var data = Data();
        var source = load_model(Fixture("reshaping_layers.keras"));
        var x = tensor(data.x).reshape(data.x_shape);
        var expected = source.predict(x).data<float>().ToArray();
        source.save(dir.File("m.keras"));
        var loaded = load_model(dir.File("m.keras"));
        Assert.Equal(source.layers.Select(l => PythonJson.Dumps(l.get_config())), loaded.layers.Select(l => PythonJson.Dumps(l.get_config())));
        Assert.Equal(expected, loaded.predict(x).data<float>().ToArray());
        // The file for the oracle's check (Fixtures/check_keras_loads.py): written when KERASSHARP_EXPORT names a folder.
        if (Environment.GetEnvironmentVariable("KERASSHARP_EXPORT") is { Length: > 0 } export)
            File.Copy(dir.File("m.keras"), Path.Combine(export, "written_by_kerassharp.keras"), overwrite: true);
    }
}
