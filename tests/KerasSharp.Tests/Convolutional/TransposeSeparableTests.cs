using System.Text.Json;
using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Saving;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Convolutional;

/// <summary>
/// Conv1D/2D/3DTranspose, DepthwiseConv1D/2D and SeparableConv1D/2D against real Keras 3.11.3
/// (Fixtures/make_transpose_separable_fixtures.py): outputs for fixed inputs and weights over paddings, strides,
/// output_padding, dilations and both data formats; what Keras's torch backend refuses; get_config, weight names and
/// shapes; summaries; a .keras made by Keras that loads and predicts the same here, and ours read back.
/// </summary>
public sealed class TransposeSeparableTests : TorchTest
{
    const string Outputs = "transpose_separable_outputs.json";
    static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() => OracleFixtures.Named(Outputs, "cases"));
    static readonly Lazy<Dictionary<string, JsonElement>> Refused = new(() => OracleFixtures.Named(Outputs, "refused"));
    static readonly JsonElement Configs = OracleFixtures.Load("transpose_separable_configs.json");

    static TheoryData<string> Names(Dictionary<string, JsonElement> cases, string prefix)
    {
        var data = new TheoryData<string>();
        foreach (var n in cases.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))) data.Add(n);
        return data;
    }

    public static TheoryData<string> Transpose => Names(Cases.Value, "conv");
    public static TheoryData<string> Depthwise => Names(Cases.Value, "depthwise");
    public static TheoryData<string> Separable => Names(Cases.Value, "separable");
    public static TheoryData<string> RefusedByKeras => Names(Refused.Value, "");
    public static TheoryData<string> ConfigLabels
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var p in Configs.GetProperty("layers").EnumerateObject()) data.Add(p.Name);
            return data;
        }
    }

    [Fact]
    public void Fixtures_CoverEveryLayerAndOption()
    {
        var cases = Cases.Value.Values.ToList();
        foreach (var cls in new[] { "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose", "DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D" })
        {
            var mine = cases.Where(c => c.GetProperty("class_name").GetString() == cls).ToList();
            Assert.True(mine.Count >= 5, cls);
            foreach (var padding in new[] { "valid", "same" })
                Assert.Contains(mine, c => c.GetProperty("kwargs").GetProperty("padding").GetString() == padding);
            Assert.Contains(mine, c => c.GetProperty("kwargs").TryGetProperty("data_format", out var f) && f.GetString() == "channels_first");
        }
        Assert.Contains(cases, c => c.GetProperty("kwargs").TryGetProperty("output_padding", out var op) && op.ValueKind == JsonValueKind.Number && op.GetInt32() > 0);
        Assert.True(Refused.Value.Count > 0);
    }

    [Theory, MemberData(nameof(Transpose))]
    public void ConvTranspose_MatchesKeras(string name) => OracleFixtures.CheckLayerCase(Cases.Value[name]);

    [Theory, MemberData(nameof(Depthwise))]
    public void DepthwiseConv_MatchesKeras(string name) => OracleFixtures.CheckLayerCase(Cases.Value[name]);

    [Theory, MemberData(nameof(Separable))]
    public void SeparableConv_MatchesKeras(string name) => OracleFixtures.CheckLayerCase(Cases.Value[name]);

    /// <summary>
    /// Keras's torch backend cannot run these (even kernel, stride 1, "same": a torch output_padding not below the
    /// stride) and raises when called; KerasSharp refuses them when the layer is made, naming the arguments.
    /// </summary>
    [Theory, MemberData(nameof(RefusedByKeras))]
    public void ArgumentsKerasTorchRefuses_AreRefusedWhenTheLayerIsMade(string name)
    {
        var c = Refused.Value[name];
        Assert.Contains("lead to a Torch output_padding (1) that is greater than strides (1)", c.GetProperty("error").GetString());
        var e = Assert.Throws<ArgumentException>(() => OracleFixtures.MakeLayer(c.GetProperty("class_name").GetString()!, c.GetProperty("kwargs")));
        Assert.Contains("Torch output_padding (1)", e.Message);
        Assert.Contains("padding=same", e.Message);
        Assert.Contains("strides=1", e.Message);
    }

    /// <summary>Keras 3.15's key order: 3.11.3's keys with output_padding after padding (every release accepts it).</summary>
    static List<string> ExpectedKeys(JsonElement kerasConfig, string className)
    {
        var keys = kerasConfig.EnumerateObject().Select(p => p.Name).ToList();
        if (className.EndsWith("Transpose", StringComparison.Ordinal)) keys.Insert(keys.IndexOf("padding") + 1, "output_padding");
        return keys;
    }

    [Theory, MemberData(nameof(ConfigLabels))]
    public void Config_WeightsAndShapes_AsKeras(string label)
    {
        var f = Configs.GetProperty("layers").GetProperty(label);
        var className = f.GetProperty("class_name").GetString()!;
        var layer = OracleFixtures.MakeLayer(className, f.GetProperty("kwargs"));
        var shape = f.GetProperty("input_shape").EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Null ? (long?)null : d.GetInt64()).ToArray();
        layer.ensure_built(shape);

        var ours = JsonDocument.Parse(PythonJson.Dumps(layer.get_config())).RootElement;
        var keras = f.GetProperty("config");
        Assert.Equal(ExpectedKeys(keras, className), ours.EnumerateObject().Select(p => p.Name).ToList());
        foreach (var p in keras.EnumerateObject()) AssertJsonEqual(p.Value, ours.GetProperty(p.Name), $"{label}.{p.Name}");
        if (className.EndsWith("Transpose", StringComparison.Ordinal))
        {
            var op = f.GetProperty("kwargs").TryGetProperty("output_padding", out var given) ? given.GetInt32() : (int?)null;
            var expected = op is { } v ? string.Join(",", Enumerable.Repeat(v, shape.Length - 2)) : null;
            var written = ours.GetProperty("output_padding");
            Assert.Equal(expected, written.ValueKind == JsonValueKind.Null ? null : string.Join(",", written.EnumerateArray().Select(x => x.GetInt32())));
        }

        var weights = f.GetProperty("weights").EnumerateArray().Select(w => (w[0].GetString(), OracleFixtures.Shape(w[1]))).ToList();
        Assert.Equal(weights.Select(w => w.Item1), layer.variables.Select(w => w.name));
        Assert.Equal(weights.Select(w => w.Item2), layer.variables.Select(w => w.shape));
        Assert.Equal(f.GetProperty("count_params").GetInt64(), layer.count_params());
        Assert.Equal(f.GetProperty("output_shape").EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Null ? (long?)null : d.GetInt64()), layer.compute_output_shape(shape));

        // The config rebuilds an equal layer (Keras's cls(**config)).
        var rebuilt = Serialization.DeserializeLayer(new Dictionary<string, object?> { ["class_name"] = className, ["config"] = PythonJson.Loads(PythonJson.Dumps(layer.get_config())) });
        Assert.Equal(PythonJson.Dumps(layer.get_config()), PythonJson.Dumps(rebuilt.get_config()));
    }

    static void AssertJsonEqual(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind || (expected.ValueKind is JsonValueKind.True or JsonValueKind.False && actual.ValueKind is JsonValueKind.True or JsonValueKind.False),
            $"{path}: {expected} vs {actual}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(expected.EnumerateObject().Select(p => p.Name), actual.EnumerateObject().Select(p => p.Name));
                foreach (var p in expected.EnumerateObject()) AssertJsonEqual(p.Value, actual.GetProperty(p.Name), $"{path}.{p.Name}");
                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                for (int i = 0; i < expected.GetArrayLength(); i++) AssertJsonEqual(expected[i], actual[i], $"{path}[{i}]");
                break;
            case JsonValueKind.Number:
                // Keras's "l1" regularizer holds the float32 0.01 (0.009999999776482582).
                Assert.True(Math.Abs(expected.GetDouble() - actual.GetDouble()) <= 1e-7 * Math.Abs(expected.GetDouble()), $"{path}: {expected} vs {actual}");
                break;
            default:
                Assert.Equal(expected.ToString(), actual.ToString());
                break;
        }
    }

    // ---- Models: summary, .keras both ways -----------------------------------------------------------------------

    /// <summary>The "2d" model of make_transpose_separable_fixtures.py.</summary>
    internal static Sequential Model2D(bool outputPadding = false) => Sequential([
        InputLayer(shape: [8, 8, 3]),
        SeparableConv2D(8, 3, padding: "same", depth_multiplier: 2, activation: "relu"),
        DepthwiseConv2D(3, depth_multiplier: 2, strides: 2, padding: "same"),
        Conv2DTranspose(4, 3, strides: 2, padding: "same", activation: "relu"),
        Conv2DTranspose(2, (2, 3), strides: (2, 1), output_padding: outputPadding ? (1, 0) : null),
        Flatten(),
        Dense(3),
    ], name: "conv2d_family");

    /// <summary>The "1d3d" functional model of make_transpose_separable_fixtures.py.</summary>
    internal static Functional Model1D3D()
    {
        var inp = keras.Input(shape: [10, 3], name: "seq");
        var h = SeparableConv1D(4, 3, padding: "same", activation: "relu").call(inp);
        h = DepthwiseConv1D(2, depth_multiplier: 3, strides: 2).call(h);
        h = Conv1DTranspose(5, 3, strides: 2, padding: "valid").call(h);
        h = Reshape([11, 5, 1, 1]).call(h);
        h = Conv3DTranspose(2, (1, 2, 3), strides: (1, 2, 1), padding: "same").call(h);
        return keras.Model(inputs: inp, outputs: Flatten().call(h), name: "conv1d3d_family");
    }

    static string SummaryOf(Model model)
    {
        string? text = null;
        model.summary(line_length: 88, print_fn: s => text = s);
        return text!;
    }

    [Fact]
    public void Summary_IsKerasTextExactly()
    {
        Assert.Equal(Configs.GetProperty("summaries").GetProperty("2d").GetString(), SummaryOf(Model2D()));
        keras.backend.clear_session();
        Assert.Equal(Configs.GetProperty("summaries").GetProperty("1d3d").GetString(), SummaryOf(Model1D3D()));
    }

    [Theory]
    [InlineData("2d")]
    [InlineData("1d3d")]
    public void KerasFile_LoadsAndPredictsAsKeras(string label)
    {
        var model = load_model(OracleFixtures.Path($"transpose_separable_{label}.keras"));
        var p = OracleFixtures.Load("transpose_separable_predictions.json").GetProperty(label);
        var x = OracleFixtures.Tensor(p.GetProperty("input"), p.GetProperty("input_shape"));
        var predicted = model.predict(x, verbose: 0);
        var closeness = OracleFixtures.Closeness(predicted.contiguous().data<float>().ToArray(), OracleFixtures.Floats(p.GetProperty("predictions")), atol: 1e-5, rtol: 1e-5);
        Assert.True(closeness <= 1, $"{label}: predictions differ from Keras's (closeness {closeness:G4})");
        var names = model.layers.Select(l => l.class_name).ToList();
        Assert.Contains(label == "2d" ? "Conv2DTranspose" : "Conv3DTranspose", names);
        Assert.Contains(label == "2d" ? "SeparableConv2D" : "SeparableConv1D", names);
        Assert.Contains(label == "2d" ? "DepthwiseConv2D" : "DepthwiseConv1D", names);
    }

    /// <summary>
    /// Ours read back: the same config, weights and predictions. With KERASSHARP_EXPORT set, the files go there for
    /// Fixtures/check_kerassharp_transpose_separable.py (real Keras loads them and predicts the same).
    /// </summary>
    [Fact]
    public void SavedHere_LoadsBackWithSameConfigsAndPredictions()
    {
        using var dir = new TempFolder();
        keras.utils.set_random_seed(3);
        var models = new (string label, Model model, Tensor x)[]
        {
            ("2d_output_padding", Model2D(outputPadding: true), rand(3, 8, 8, 3)),
            ("1d3d", Model1D3D(), rand(3, 10, 3)),
        };
        var export = Environment.GetEnvironmentVariable("KERASSHARP_EXPORT");
        foreach (var (label, model, x) in models)
        {
            model.compile(optimizer: "adam", loss: "mse");
            var before = model.predict(x, verbose: 0);
            var path = dir.File($"{label}.keras");
            model.save(path);
            var loaded = load_model(path);
            for (int i = 0; i < model.layers.Count; i++)
                Assert.Equal(PythonJson.Dumps(model.layers[i].get_config()), PythonJson.Dumps(loaded.layers[i].get_config()));
            Assert.Equal(model.get_weights().Select(w => w.shape), loaded.get_weights().Select(w => w.shape));
            Assert.True(before.allclose(loaded.predict(x, verbose: 0), rtol: 0, atol: 0), label);
            if (export is { Length: > 0 })
            {
                File.Copy(path, Path.Combine(export, $"kerassharp_{label}.keras"), overwrite: true);
                File.WriteAllText(Path.Combine(export, $"kerassharp_{label}_predictions.json"), PythonJson.Dumps(new Dictionary<string, object?>
                {
                    ["input_shape"] = x.shape.Select(d => (object?)d).ToList(),
                    ["input"] = x.contiguous().data<float>().ToArray().Select(v => (object?)(double)v).ToList(),
                    ["predictions"] = before.contiguous().data<float>().ToArray().Select(v => (object?)(double)v).ToList(),
                }));
            }
        }
        // output_padding (1, 0) made the last transposed convolution 17 x 10 (Keras's model without it: 16 x 10).
        Assert.Equal(new long?[] { null, 17 * 10 * 2 }, models[0].model.layers[4].output_shape);
    }
}
