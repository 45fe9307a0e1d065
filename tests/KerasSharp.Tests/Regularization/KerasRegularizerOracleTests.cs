using System.Text.Json;
using KerasSharp.Regularizers;
using KerasSharp.Tests.Callbacks;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Regularization;

/// <summary>Regularizer names, OrthogonalRegularizer's values and the l1_l2 alias against real Keras 3.11.3 (schedules_oracle.py).</summary>
public sealed class KerasRegularizerOracleTests : TorchTest
{
    static JsonElement Fixture => Oracle.Schedules;

    [Theory]
    [InlineData("l1")]
    [InlineData("L1")]
    [InlineData("l2")]
    [InlineData("L2")]
    [InlineData("l1l2")]
    [InlineData("L1L2")]
    [InlineData("orthogonal_regularizer")]
    [InlineData("OrthogonalRegularizer")]
    [InlineData("l1_l2")]
    [InlineData("orthogonal")]
    public void Names_ResolveExactlyAsInKeras(string name)
    {
        var expected = Fixture.GetProperty("regularizer_names").GetProperty(name);
        if (expected.TryGetProperty("error", out var error))
        {
            var e = Assert.Throws<ArgumentException>(() => Regularizer.get(name));
            Assert.StartsWith(error.GetString()!.Replace(name, $"'{name}'"), e.Message);
            return;
        }
        var r = Regularizer.get(name);
        Assert.Equal(expected.GetProperty("class").GetString(), r.GetType().Name);
        if (r is OrthogonalRegularizer o)
        {
            // Keras stores the factor as float32: its config says 0.009999999776482582.
            Assert.Equal(expected.GetProperty("config").GetProperty("factor").GetDouble(), o.get_config()["factor"]);
            Assert.Equal("rows", o.get_config()["mode"]);
        }
    }

    [Fact]
    public void L1L2Alias_HasKeras3Defaults()
    {
        var expected = Fixture.GetProperty("l1_l2_alias_config");
        var config = keras.regularizers.l1_l2().get_config();
        Assert.Equal(expected.GetProperty("l1").GetDouble(), config["l1"]);
        Assert.Equal(expected.GetProperty("l2").GetDouble(), config["l2"]);
    }

    [Fact]
    public void Orthogonal_ValuesMatchKeras_RowsAndColumns()
    {
        var o = Fixture.GetProperty("orthogonal");
        var rows = o.GetProperty("w").EnumerateArray().Select(r => r.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray();
        var w = tensor(rows.SelectMany(r => r).ToArray()).reshape(rows.Length, rows[0].Length);
        Assert.Equal(o.GetProperty("rows").GetDouble(), new OrthogonalRegularizer(0.1).call(w).item<float>(), 6);
        Assert.Equal(o.GetProperty("columns").GetDouble(), new OrthogonalRegularizer(0.1, "columns").call(w).item<float>(), 6);
    }

    [Fact]
    public void Orthogonal_ByHand_ZeroForOrthogonalRows_AndRefusesBadInput()
    {
        Assert.Equal(0f, new OrthogonalRegularizer(1.0).call(eye(3)).item<float>());
        // Two rows at 45°: |cos| = sqrt(0.5); factor · 0.5 · (2 · sqrt(0.5)) / 1.
        var w = tensor(new float[,] { { 1, 0 }, { 1, 1 } });
        Assert.Equal(0.5 * 2 * Math.Sqrt(0.5), new OrthogonalRegularizer(1.0).call(w).item<float>(), 6);
        Assert.Contains("rank 2", Assert.Throws<ArgumentException>(() => new OrthogonalRegularizer().call(ones(3))).Message);
        Assert.Contains("mode=diagonal", Assert.Throws<ArgumentException>(() => new OrthogonalRegularizer(mode: "diagonal")).Message);
    }

    [Fact]
    public void Orthogonal_AsKernelRegularizer_TrainsAndRoundTripsThroughAKerasFile()
    {
        var model = Sequential([Input(shape: [4]), Dense(3, kernel_regularizer: "orthogonal_regularizer")]);
        model.compile(loss: "mse", optimizer: "sgd");
        var h = model.fit(randn(16, 4), randn(16, 3), epochs: 1, verbose: 0);
        Assert.True(double.IsFinite(h.history["loss"][0]));
        var path = Path.Combine(Path.GetTempPath(), "kerassharp-ortho-" + Guid.NewGuid().ToString("N") + ".keras");
        try
        {
            model.save(path);
            var loaded = keras.models.load_model(path);
            var reg = Assert.IsType<OrthogonalRegularizer>(((KerasSharp.Layers.Dense)loaded.layers[0]).kernel_regularizer);
            Assert.Equal((double)0.01f, reg.factor);
        }
        finally { File.Delete(path); }
    }
}
