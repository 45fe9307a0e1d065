using System.Text.Json;
using KerasSharp.Saving;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Regularization;

/// <summary>
/// The regularization layers' and constraints' configs and projections against real Keras 3.11.3
/// (Fixtures/regularization_oracle.py wrote Fixtures/regularization_oracle.json), and the archive Keras loaded.
/// </summary>
public sealed class KerasRegularizationOracleTests : TorchTest
{
    static JsonElement Oracle() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Regularization", "Fixtures", "regularization_oracle.json"))).RootElement;

    // Keras writes 2 for the int default of MaxNorm and 1 for a float 1.0 alike as JSON numbers: compare values.
    static string Canonical(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().Select(p => $"{p.Name}:{Canonical(p.Value)}")) + "}",
        JsonValueKind.Array => "[" + string.Join(",", e.EnumerateArray().Select(Canonical)) + "]",
        JsonValueKind.Number => e.GetDouble().ToString("R"),
        _ => e.GetRawText(),
    };

    static string Canonical(object? ours) => Canonical(JsonDocument.Parse(PythonJson.Dumps(ours)).RootElement);

    [Fact]
    public void LayerConfigs_AreKerasConfigs_KeyForKey()
    {
        var keras = Oracle().GetProperty("layers");
        var ours = new Dictionary<string, KerasSharp.Layers.Layer>
        {
            ["Dropout"] = Dropout(0.25, noise_shape: [null, 1, 3], seed: 9, name: "dropout"),
            ["SpatialDropout1D"] = SpatialDropout1D(0.1, seed: 4, name: "spatial_dropout1d"),
            ["SpatialDropout2D"] = SpatialDropout2D(0.1, name: "spatial_dropout2d"),
            ["SpatialDropout3D"] = SpatialDropout3D(0.1, data_format: "channels_first", name: "spatial_dropout3d"),
            ["GaussianNoise"] = GaussianNoise(0.1, seed: 2, name: "gaussian_noise"),
            ["GaussianDropout"] = GaussianDropout(0.3, name: "gaussian_dropout"),
            ["AlphaDropout"] = AlphaDropout(0.1, seed: 1, name: "alpha_dropout"),
            ["ActivityRegularization"] = ActivityRegularization(0.01, 0.02, name: "activity_regularization"),
        };
        foreach (var (name, layer) in ours)
        {
            var expected = keras.GetProperty(name);
            Assert.Equal(expected.EnumerateObject().Select(p => p.Name), layer.get_config().Keys);
            Assert.Equal(Canonical(expected), Canonical(layer.get_config()));
        }
    }

    [Fact]
    public void ConstraintNames_AndConfigs_AreKeras()
    {
        var keras = Oracle().GetProperty("constraints");
        foreach (var name in new[] { "max_norm", "MaxNorm", "min_max_norm", "MinMaxNorm", "non_neg", "NonNeg", "unit_norm", "UnitNorm" })
            Assert.Equal(Canonical(keras.GetProperty(name)), Canonical(Serialization.Constraint(Constraints.Constraint.get(name))));
        Assert.Equal(Canonical(keras.GetProperty("MaxNorm(3, axis=[0, 1])")), Canonical(Serialization.Constraint(new Constraints.MaxNorm(3, axis: [0, 1]))));
        Assert.Equal(Canonical(keras.GetProperty("MinMaxNorm(0.5, 2, 0.7)")), Canonical(Serialization.Constraint(new Constraints.MinMaxNorm(0.5, 2, 0.7))));
        Assert.Contains("maxnorm", Oracle().GetProperty("unknown_name_error").GetString());
    }

    [Fact]
    public void Projections_AreKeras()
    {
        var p = Oracle().GetProperty("projections");
        var w = tensor(new float[] { 3, 0, 4, 1 }).reshape(2, 2);
        void Same(string key, Tensor got)
        {
            var expected = p.GetProperty(key).EnumerateArray().SelectMany(r => r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().Select(v => v.GetDouble()) : new[] { r.GetDouble() }).ToArray();
            var g = got.data<float>().ToArray();
            Assert.Equal(expected.Length, g.Length);
            for (int i = 0; i < g.Length; i++) Assert.Equal(expected[i], g[i], 6);
        }
        Same("MaxNorm(2)", new Constraints.MaxNorm(2).call(w));
        Same("MinMaxNorm(2, 4, 0.5)", new Constraints.MinMaxNorm(2, 4, 0.5).call(w));
        Same("UnitNorm()", new Constraints.UnitNorm().call(w));
        Same("NonNeg()", new Constraints.NonNeg().call(tensor(new float[] { -1, 0, 2, -0.5f })));
    }

    [Fact]
    public void KerasLoadsOurArchive_WithTheLayersAndConstraints_AndPredictsTheSame()
    {
        var model = Sequential([InputLayer(shape: [2, 3]), Dropout(0.25, noise_shape: [null, 1, 3], seed: 9), GaussianNoise(0.1, seed: 2),
            SpatialDropout1D(0.1, seed: 4), GaussianDropout(0.3), AlphaDropout(0.1, seed: 1), ActivityRegularization(0.01, 0.02), Flatten(),
            Dense(4, activation: "relu", kernel_constraint: keras.constraints.MaxNorm(3, axis: [0, 1]), bias_constraint: "non_neg"),
            Dense(2, kernel_constraint: new Constraints.MinMaxNorm(0.5, 2, 0.7), bias_constraint: "unit_norm")]);
        model.compile(loss: "mse", optimizer: "adam");
        var x = randn(new long[] { 5, 2, 3 });
        model.fit(x, randn(5, 2), epochs: 2, verbose: 0);
        var y = model.predict(x, verbose: 0).data<float>().ToArray();
        using var dir = new TempFolder();
        model.save(dir.File("m.keras"));
        var loaded = load_model(dir.File("m.keras"));
        Assert.Equal(y, loaded.predict(x, verbose: 0).data<float>().ToArray());
        if (Environment.GetEnvironmentVariable("KERASSHARP_EXPORT") is { Length: > 0 } export)
        {
            File.Copy(dir.File("m.keras"), Path.Combine(export, "regularization_by_kerassharp.keras"), overwrite: true);
            File.WriteAllText(Path.Combine(export, "regularization_io.json"), JsonSerializer.Serialize(new { x = x.data<float>().ToArray(), x_shape = x.shape, y }));
        }
        // What Keras found in the archive this test writes (regularization_oracle.py, KERASSHARP_EXPORT).
        var seen = Oracle().GetProperty("loaded_archive");
        Assert.Equal(model.layers.Select(l => l.class_name), seen.GetProperty("layers").EnumerateArray().Select(e => e.GetString()));
        Assert.True(seen.GetProperty("max_abs_diff").GetDouble() < 1e-5);
        Assert.Equal(new[] { "MaxNorm", "MinMaxNorm" }, seen.GetProperty("kernel_constraints").EnumerateArray().Select(e => e.GetProperty("class_name").GetString()));
        Assert.Equal(new[] { "NonNeg", "UnitNorm" }, seen.GetProperty("bias_constraints").EnumerateArray().Select(e => e.GetProperty("class_name").GetString()));
    }
}
