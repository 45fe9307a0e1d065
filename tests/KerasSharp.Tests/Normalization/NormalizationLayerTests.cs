using KerasSharp.Layers;
using KerasSharp.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static TorchSharp.torch;
using NormalizationLayer = KerasSharp.Layers.Normalization;

namespace KerasSharp.Tests.Normalization;

/// <summary>
/// LayerNormalization, GroupNormalization, UnitNormalization and Normalization (given statistics and adapt) against
/// real Keras 3.11.3 (Fixtures/normalization_outputs.json: outputs for fixed inputs and weights, get_config, weights
/// and their dtypes after adapt, parameter counts), against the documented formulas computed by hand, and their errors.
/// </summary>
public sealed class NormalizationLayerTests : TorchTest
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var n in NormalizationFixtures.CaseNames) data.Add(n);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public void Layer_MatchesKeras(string caseName)
    {
        var c = NormalizationFixtures.Case(caseName);
        var config = c.GetProperty("config");
        var layer = NormalizationFixtures.Make(c.GetProperty("class_name").GetString()!, c.GetProperty("kwargs"), config.GetProperty("name").GetString()!);
        var shapeJson = c.GetProperty("input_shape");
        var x = NormalizationFixtures.Tensor(c.GetProperty("input"), shapeJson);
        if (caseName == "normalization_int_input") x = x.to_type(ScalarType.Int32);
        if (c.TryGetProperty("adapt_data", out var adaptData))
        {
            var data = NormalizationFixtures.Tensor(adaptData, c.GetProperty("adapt_data_shape"));
            var norm = (NormalizationLayer)layer;
            if (c.GetProperty("adapt_as_tensor").GetBoolean()) norm.adapt(data);
            else norm.adapt(NormalizationFixtures.ToArray(data)); // a float[,] / float[,,] / float[,,,] array
            Assert.Equal(PythonJson.Dumps(PythonJson.Loads(c.GetProperty("build_config").GetRawText())),
                PythonJson.Dumps(Serialization.Layer(layer)["build_config"]));
        }
        else layer.ensure_built(Layer.ShapeOf(x, batchUnknown: true));
        var weights = c.GetProperty("weights").EnumerateArray().Zip(c.GetProperty("weight_shapes").EnumerateArray(), NormalizationFixtures.Tensor).ToList();
        if (weights.Count > 0) layer.set_weights(weights);

        Assert.Equal(Layer.ShapeOf(x, batchUnknown: true), layer.compute_output_shape(Layer.ShapeOf(x, batchUnknown: true)));
        var y = layer.call(x, training: false);
        Assert.Equal(NormalizationFixtures.Shape(c.GetProperty("output_shape")), y.shape);
        var closeness = NormalizationFixtures.Closeness(y.contiguous().data<float>().ToArray(), NormalizationFixtures.Floats(c.GetProperty("output")));
        Assert.True(closeness <= 1, $"{caseName}: output differs from Keras's (closeness {closeness:G4}, 1 = tolerance)");

        Assert.Equal(PythonJson.Dumps(PythonJson.Loads(config.GetRawText())), PythonJson.Dumps(layer.get_config()));
        Assert.Equal(c.GetProperty("weight_names").EnumerateArray().Select(n => n.GetString()), layer.variables.Select(v => v.name));
        Assert.Equal(c.GetProperty("weight_dtypes").EnumerateArray().Select(n => n.GetString()),
            layer.variables.Select(v => v.value.dtype == ScalarType.Int32 ? "int32" : "float32"));
        Assert.Equal(c.GetProperty("trainable_count").GetInt32(), layer.trainable_weights.Count);
        Assert.Equal(c.GetProperty("count_params").GetInt64(), layer.count_params());
        var after = c.GetProperty("weights_after").EnumerateArray().ToList();
        for (int i = 0; i < after.Count; i++)
        {
            var mine = layer.variables[i].numpy();
            var close = NormalizationFixtures.Closeness(mine.to_type(ScalarType.Float32).data<float>().ToArray(), NormalizationFixtures.Floats(after[i]), atol: 1e-5, rtol: 1e-5);
            Assert.True(close <= 1, $"{caseName}: weight {layer.variables[i].name} differs from Keras's (closeness {close:G4})");
        }
        // The config rebuilds an equal layer, as Keras's from_config does.
        var rebuilt = Serialization.DeserializeLayer(PythonJson.Loads(PythonJson.Dumps(Serialization.KerasObject("keras.layers", layer.class_name, layer.get_config()))));
        Assert.Equal(layer.GetType(), rebuilt.GetType());
        if (layer is not (KerasSharp.Layers.LayerNormalization or KerasSharp.Layers.GroupNormalization)) // these write their built form (axis list, groups resolved)
            Assert.Equal(PythonJson.Dumps(layer.get_config()), PythonJson.Dumps(rebuilt.get_config()));
    }

    // ---- The formulas, by hand ---------------------------------------------------------------------------------------

    [Fact]
    public void LayerNormalization_IsTheDocumentedFormula()
    {
        // x = [1, 2, 3, 4]: mean 2.5, biased variance 1.25; epsilon 1e-3.
        var y = LayerNormalization().invoke(tensor(new float[] { 1, 2, 3, 4 }).reshape(1, 4), false);
        var s = Math.Sqrt(1.25 + 1e-3);
        Assert.Equal(new[] { -1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s }.Select(v => (float)v), y.data<float>().ToArray(), new FloatTolerance(1e-6f));

        // A non-trailing axis (axis=1 of (2, 3, 2)) normalizes each (sample, last index) column over the 3 rows, with
        // gamma and beta along axis 1.
        var x = arange(12f).reshape(2, 3, 2) * arange(12f).reshape(2, 3, 2) * 0.1f;
        var layer = LayerNormalization(axis: 1, epsilon: 0.01);
        layer.ensure_built(new long?[] { null, 3, 2 });
        layer.set_weights([tensor(new float[] { 1, 2, 3 }), tensor(new float[] { 0.5f, 0, -1 })]);
        var got = layer.call(x, false);
        var xv = x.data<float>().ToArray();
        var expected = new float[12];
        for (int b = 0; b < 2; b++)
            for (int k = 0; k < 2; k++)
            {
                var col = Enumerable.Range(0, 3).Select(r => (double)xv[b * 6 + r * 2 + k]).ToArray();
                double mean = col.Average(), variance = col.Select(v => (v - mean) * (v - mean)).Average();
                for (int r = 0; r < 3; r++)
                    expected[b * 6 + r * 2 + k] = (float)((col[r] - mean) / Math.Sqrt(variance + 0.01) * new[] { 1.0, 2, 3 }[r] + new[] { 0.5, 0, -1 }[r]);
            }
        Assert.Equal(expected, got.data<float>().ToArray(), new FloatTolerance(1e-5f));

        // rms_scaling (deprecated in Keras): x / sqrt(var + eps) * gamma, not centred.
        var rms = LayerNormalization(rms_scaling: true).invoke(tensor(new float[] { 1, 2, 3, 4 }).reshape(1, 4), false);
        Assert.Equal(new[] { 1 / s, 2 / s, 3 / s, 4 / s }.Select(v => (float)v), rms.data<float>().ToArray(), new FloatTolerance(1e-6f));
    }

    [Fact]
    public void GroupNormalization_IsTheDocumentedFormula()
    {
        // (1, 2, 2, 4) channels_last, 2 groups: group 0 = channels 0-1 over the 4 pixels (8 values), group 1 = channels 2-3.
        var x = tensor(Enumerable.Range(0, 16).Select(i => (float)(i * i % 7)).ToArray()).reshape(1, 2, 2, 4);
        var layer = GroupNormalization(groups: 2, epsilon: 0.1);
        layer.ensure_built(new long?[] { null, 2, 2, 4 });
        var gamma = new float[] { 1, -1, 2, 0.5f };
        var beta = new float[] { 0, 1, -2, 3 };
        layer.set_weights([tensor(gamma), tensor(beta)]);
        var xv = x.data<float>().ToArray();
        var expected = new float[16];
        for (int g = 0; g < 2; g++)
        {
            var idx = Enumerable.Range(0, 16).Where(i => i % 4 / 2 == g).ToArray();
            double mean = idx.Average(i => xv[i]), variance = idx.Average(i => (xv[i] - mean) * (xv[i] - mean));
            foreach (var i in idx) expected[i] = (float)((xv[i] - mean) / Math.Sqrt(variance + 0.1) * gamma[i % 4] + beta[i % 4]);
        }
        Assert.Equal(expected, layer.call(x, false).contiguous().data<float>().ToArray(), new FloatTolerance(1e-5f));
        // The same data channels_first (axis=1) gives the same numbers, transposed.
        var cf = GroupNormalization(groups: 2, axis: 1, epsilon: 0.1);
        cf.ensure_built(new long?[] { null, 4, 2, 2 });
        cf.set_weights([tensor(gamma), tensor(beta)]);
        var ycf = cf.call(x.permute(0, 3, 1, 2).contiguous(), false).permute(0, 2, 3, 1).contiguous();
        Assert.Equal(expected, ycf.data<float>().ToArray(), new FloatTolerance(1e-5f));
        // groups=-1 resolves to one group per channel.
        var instance = GroupNormalization(groups: -1);
        instance.ensure_built(new long?[] { null, 5, 3 });
        Assert.Equal(3, instance.groups);
    }

    [Fact]
    public void UnitNormalization_IsTheDocumentedFormula()
    {
        var y = UnitNormalization().invoke(tensor(new float[] { 3, 4, 0, 0, 1, 0 }).reshape(3, 2), false);
        Assert.Equal(new float[] { 0.6f, 0.8f, 0, 0, 1, 0 }, y.data<float>().ToArray(), new FloatTolerance(1e-7f));
        var both = UnitNormalization(axis: new[] { 1, 2 }).invoke(full(new long[] { 2, 2, 2 }, 3f), false);
        Assert.All(both.data<float>().ToArray(), v => Assert.Equal(0.5f, v, 6));
    }

    [Fact]
    public void Normalization_GivenStatistics_IsTheDocumentedFormula()
    {
        var layer = keras.layers.Normalization(mean: [1, -2], variance: [4, 0]);
        var y = layer.invoke(tensor(new float[] { 3, -2, -1, -1 }).reshape(2, 2), false);
        // (x - mean) / max(sqrt(var), 1e-7): column 0 / 2, column 1 / 1e-7.
        Assert.Equal(new float[] { 1, 0, -1, 1e7f }, y.data<float>().ToArray(), new FloatTolerance(1e-6f, relative: true));
        var inverse = keras.layers.Normalization(mean: [1, -2], variance: [4, 0], invert: true).invoke(tensor(new float[] { 1, 0, -1, 1e7f }).reshape(2, 2), false);
        Assert.Equal(new float[] { 3, -2, -1, -1 }, inverse.data<float>().ToArray(), new FloatTolerance(1e-5f));
        Assert.Empty(layer.variables);
        Assert.Equal(0, layer.count_params());
    }

    [Fact]
    public void Normalization_Adapt_LearnsMeanAndBiasedVariance()
    {
        var layer = keras.layers.Normalization();
        layer.adapt(new float[,] { { 1, 2 }, { 3, 6 }, { 5, 10 } });
        Assert.Equal(new float[] { 3, 6 }, layer.adapt_mean!.numpy().data<float>().ToArray());
        Assert.Equal(new float[] { 8f / 3, 32f / 3 }, layer.adapt_variance!.numpy().data<float>().ToArray(), new FloatTolerance(1e-6f));
        Assert.Equal(ScalarType.Int32, layer.count!.numpy().dtype);
        Assert.Equal(0, layer.count.numpy().item<int>());
        Assert.Equal(5, layer.count_params());
        Assert.Equal(3, layer.non_trainable_weights.Count);
        Assert.Empty(layer.trainable_weights);
        var y = layer.invoke(tensor(new float[] { 3, 6 }).reshape(1, 2), false);
        Assert.Equal(new float[] { 0, 0 }, y.data<float>().ToArray());

        // axis: [] is Keras's axis=None: one mean and variance over everything.
        var all = keras.layers.Normalization(axis: []);
        all.adapt(tensor(new float[] { 1, 2, 3, 4, 5, 6 }).reshape(2, 3));
        Assert.Equal(3.5f, all.adapt_mean!.numpy().item<float>(), 6);
        Assert.Equal(35f / 12, all.adapt_variance!.numpy().item<float>(), 5);
        Assert.Empty(all.adapt_mean.shape);
    }

    [Fact]
    public void Normalization_AdaptOverBatches_EqualsAdaptingAllTheData()
    {
        var c = NormalizationFixtures.Case("normalization_adapt_last");
        var data = NormalizationFixtures.Tensor(c.GetProperty("adapt_data"), c.GetProperty("adapt_data_shape"));
        var layer = keras.layers.Normalization();
        layer.adapt(new[] { data.narrow(0, 0, 7), data.narrow(0, 7, 1), data.narrow(0, 8, 12) });
        var after = c.GetProperty("weights_after").EnumerateArray().ToList();
        Assert.True(NormalizationFixtures.Closeness(layer.adapt_mean!.numpy().data<float>().ToArray(), NormalizationFixtures.Floats(after[0]), 1e-5, 1e-5) <= 1);
        Assert.True(NormalizationFixtures.Closeness(layer.adapt_variance!.numpy().data<float>().ToArray(), NormalizationFixtures.Floats(after[1]), 1e-5, 1e-5) <= 1);
        // Batches keep the model's (None, ...) build shape.
        Assert.Equal(new long?[] { null, 3 }, layer.input_shape);
        Assert.Throws<ArgumentException>(() => keras.layers.Normalization().adapt(Array.Empty<Tensor>()));
    }

    [Fact]
    public void Errors_NameTheBadValues()
    {
        var e = Assert.Throws<ArgumentException>(() => GroupNormalization(groups: 4).invoke(zeros(1, 2, 6), false));
        Assert.StartsWith("Number of groups (4) must be a multiple of the number of channels (6)", e.Message);
        e = Assert.Throws<ArgumentException>(() => GroupNormalization(groups: 8).invoke(zeros(1, 2, 4), false));
        Assert.StartsWith("Number of groups (8) cannot be more than the number of channels (4)", e.Message);
        Assert.Throws<ArgumentException>(() => GroupNormalization(groups: 0));
        e = Assert.Throws<ArgumentException>(() => LayerNormalization(axis: 3).compute_output_shape(new long?[] { null, 3, 4 }));
        Assert.StartsWith("Axis 3 is out of bounds for input shape (None, 3, 4). Received: axis=3", e.Message);
        e = Assert.Throws<ArgumentException>(() => UnitNormalization(axis: -4).compute_output_shape(new long?[] { null, 3, 4 }));
        Assert.StartsWith("Axis -4 is out of bounds for input shape (None, 3, 4).", e.Message);
        e = Assert.Throws<ArgumentException>(() => keras.layers.Normalization(mean: [1.0]));
        Assert.StartsWith("When setting values directly, both `mean` and `variance` must be set. Received: mean=1.0 and variance=None", e.Message);
        Assert.Throws<ArgumentException>(() => keras.layers.Normalization(mean: [1.0], variance: [-1.0]));
        var adapted = keras.layers.Normalization();
        adapted.adapt(zeros(4, 3));
        e = Assert.Throws<ArgumentException>(() => adapted.adapt(zeros(4, 2)));
        Assert.StartsWith("The layer was built with input_shape=(4, 3), but adapt() is being called with data with an incompatible shape, data.shape=(4, 2)", e.Message);
        e = Assert.Throws<ArgumentException>(() => keras.layers.Normalization(axis: [2]).ensure_built(new long?[] { null, 3 }));
        Assert.StartsWith("All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim=2, while axis=(2,)", e.Message);
        Assert.Throws<InvalidOperationException>(() => keras.layers.Normalization(mean: [1.0], variance: [1.0]).adapt(zeros(2, 3)));
        e = Assert.Throws<ArgumentException>(() => keras.layers.Normalization(mean: [1, 2], variance: [1, 2]).invoke(zeros(2, 3), false));
        Assert.Contains("`mean` has 2 values, which do not broadcast to the statistics' shape (3,)", e.Message);
        // A refused call leaves the layer usable and unchanged.
        var layer = LayerNormalization();
        layer.ensure_built(new long?[] { null, 4 });
        Assert.Throws<ArgumentException>(() => layer.call(zeros(2, 5), false));
        Assert.Equal(new long[] { 2, 4 }, layer.call(ones(2, 4), false).shape);

        // Keras's wording for the same mistakes (Fixtures/normalization_errors.json).
        var kerasErrors = NormalizationFixtures.Load("normalization_errors.json");
        Assert.Equal("ValueError: Number of groups (4) must be a multiple of the number of channels (6).", kerasErrors.GetProperty("groupnorm_not_multiple").GetString());
        Assert.Equal("ValueError: Axis 3 is out of bounds for input shape (None, 3, 4). Received: axis=3", kerasErrors.GetProperty("layernorm_axis_out_of_range").GetString());
        Assert.StartsWith("ValueError: The layer was built with input_shape=(4, 3), but adapt()", kerasErrors.GetProperty("normalization_adapt_shape").GetString());
    }
}

/// <summary>Float comparison within an absolute (or relative) tolerance, for Assert.Equal on sequences.</summary>
internal sealed class FloatTolerance(float tolerance, bool relative = false) : IEqualityComparer<float>
{
    public bool Equals(float x, float y) => Math.Abs(x - y) <= (relative ? tolerance * Math.Max(Math.Abs(x), Math.Abs(y)) + 1e-6f : tolerance);

    public int GetHashCode(float obj) => 0;
}
