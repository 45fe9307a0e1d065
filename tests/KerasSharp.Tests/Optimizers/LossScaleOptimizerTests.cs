using System.Text.Json;
using KerasSharp.Optimizers;
using KerasSharp.Saving;
using KerasSharp.Tests.Callbacks;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;
using KerasOptimizer = KerasSharp.Optimizers.Optimizer;

namespace KerasSharp.Tests.Optimizers;

/// <summary>
/// LossScaleOptimizer against keras/src/optimizers/loss_scale_optimizer.py: the traces real Keras 3.11.3 produced
/// (Fixtures/loss_scale_oracle.py), the rules traced by hand, compile's wrapping under mixed_float16, and the .keras
/// layout both ways.
/// </summary>
public sealed class LossScaleOptimizerTests : TorchTest
{
    static JsonElement Fixture => Oracle.Load("Optimizers", "loss_scale_oracle.json");

    // The gradients loss_scale_oracle.py applies (as given to apply, i.e. scaled), one row per step.
    static readonly float[][] Sequence =
    {
        new[] { 8f, -4f, 2f }, new[] { 8f, 8f, 8f }, new[] { float.PositiveInfinity, 1f, 1f }, new[] { 1f, float.NaN, 1f }, new[] { 4f, 4f, -4f },
        new[] { 2f, 2f, 2f }, new[] { 1f, 1f, 1f }, new[] { float.NegativeInfinity, 0f, 0f }, new[] { 2f, -2f, 2f }, new[] { 1f, 1f, 1f },
    };

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    [InlineData("sgd_momentum_growth3")]
    public void Apply_FollowsKerasTrace_SkipShrinkAndGrow(string key)
    {
        var (inner, initial, growth) = key switch
        {
            "sgd" => ((KerasOptimizer)keras.optimizers.SGD(0.5), 8.0, 2),
            "adam" => (keras.optimizers.Adam(0.1), 8.0, 2),
            _ => (keras.optimizers.SGD(0.25, momentum: 0.5), 4.0, 3),
        };
        using var opt = new LossScaleOptimizer(inner, initial_scale: initial, dynamic_growth_steps: growth);
        var w = tensor(new[] { 1f, -2f, 0.5f });
        var expected = Fixture.GetProperty(key);
        int i = 0;
        foreach (var step in expected.GetProperty("steps").EnumerateArray())
        {
            opt.apply(new[] { tensor(Sequence[i]) }, new[] { w });
            var ew = step.GetProperty("w").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            var aw = w.data<float>().ToArray();
            for (int j = 0; j < 3; j++) Assert.True(Math.Abs(ew[j] - aw[j]) <= 1e-6 + 1e-6 * Math.Abs(ew[j]), $"{key} step {i}: w[{j}] = {aw[j]}, Keras {ew[j]}");
            Assert.Equal(step.GetProperty("dynamic_scale").GetSingle(), opt.dynamic_scale.item<float>());
            Assert.Equal(step.GetProperty("step_counter").GetInt32(), opt.step_counter.item<int>());
            Assert.Equal(step.GetProperty("iterations").GetInt64(), opt.iterations);
            i++;
        }
        Assert.Equal(expected.GetProperty("scale_loss_3").GetSingle(), opt.scale_loss(tensor(3f)).item<float>());
    }

    [Fact]
    public void Rules_TracedByHand_FromKerasSource()
    {
        // initial 2, growth 1: every finite step doubles; a non-finite one halves and changes nothing else.
        using var opt = new LossScaleOptimizer(keras.optimizers.SGD(1.0), initial_scale: 2.0, dynamic_growth_steps: 1);
        var w = tensor(new[] { 10f });
        Assert.Equal(6f, opt.scale_loss(tensor(3f)).item<float>()); // unbuilt: by initial_scale
        opt.apply(new[] { tensor(new[] { 4f }) }, new[] { w });      // unscaled 4 / 2 = 2: w = 8, then scale 4
        Assert.Equal((8f, 4f, 0, 1L), (w.item<float>(), opt.dynamic_scale.item<float>(), opt.step_counter.item<int>(), opt.iterations));
        opt.apply(new[] { tensor(new[] { float.NaN }) }, new[] { w });
        Assert.Equal((8f, 2f, 0, 1L), (w.item<float>(), opt.dynamic_scale.item<float>(), opt.step_counter.item<int>(), opt.iterations));
        opt.apply(new[] { tensor(new[] { 2f }) }, new[] { w });      // 2 / 2 = 1: w = 7, scale 4
        Assert.Equal((7f, 4f, 0, 2L), (w.item<float>(), opt.dynamic_scale.item<float>(), opt.step_counter.item<int>(), opt.iterations));
        Assert.Equal(12f, opt.scale_loss(tensor(3f)).item<float>());
        // A null gradient is skipped; another variable's finite gradient still counts as a finite step.
        var b = tensor(new[] { 1f });
        using var two = new LossScaleOptimizer(keras.optimizers.SGD(1.0), initial_scale: 4.0, dynamic_growth_steps: 2000);
        two.apply(new Tensor?[] { null, tensor(new[] { 8f }) }, new[] { w, b });
        Assert.Equal((7f, -1f, 1), (w.item<float>(), b.item<float>(), two.step_counter.item<int>()));
    }

    [Fact]
    public void Config_IsKerasDefaults_AndSerializesAsKeras()
    {
        using var opt = keras.optimizers.LossScaleOptimizer(keras.optimizers.Adam());
        var expected = Fixture.GetProperty("default_config");
        var config = opt.get_config();
        var written = JsonDocument.Parse(PythonJson.Dumps(Serialization.Optimizer(opt))).RootElement;
        Assert.Equal("keras.optimizers", written.GetProperty("module").GetString());
        Assert.Equal(JsonValueKind.Null, written.GetProperty("registered_name").ValueKind);
        var names = written.GetProperty("config").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(expected.EnumerateObject().Select(p => p.Name).ToList(), names);
        foreach (var p in expected.EnumerateObject().Where(p => p.Name != "name"))
            Assert.Equal(JsonSerializer.Serialize(p.Value), JsonSerializer.Serialize(written.GetProperty("config").GetProperty(p.Name)));
        Assert.False(config.ContainsKey("learning_rate"));
        // Keras's serialize_keras_object of a named wrapper, read back.
        var serialized = Fixture.GetProperty("serialized");
        var back = Assert.IsType<LossScaleOptimizer>(ClassRegistry.Optimizer(ConfigJson(serialized)));
        Assert.Equal(("ls", 4.0, 10), (back.name, back.initial_scale, back.dynamic_growth_steps));
        Assert.IsType<SGD>(back.inner_optimizer);
        Assert.Equal(JsonSerializer.Serialize(serialized), JsonSerializer.Serialize(JsonDocument.Parse(PythonJson.Dumps(Serialization.Optimizer(back))).RootElement));
    }

    static object? ConfigJson(JsonElement e) => PythonJson.Loads(e.GetRawText());

    [Fact]
    public void BadArguments_AreRefusedByName()
    {
        Assert.Throws<ArgumentNullException>(() => new LossScaleOptimizer(null!));
        Assert.Contains("initial_scale", Assert.Throws<ArgumentException>(() => new LossScaleOptimizer(keras.optimizers.SGD(), initial_scale: 0)).Message);
        Assert.Contains("initial_scale", Assert.Throws<ArgumentException>(() => new LossScaleOptimizer(keras.optimizers.SGD(), initial_scale: double.PositiveInfinity)).Message);
        Assert.Contains("initial_scale", Assert.Throws<ArgumentException>(() => new LossScaleOptimizer(keras.optimizers.SGD(), initial_scale: 1e300)).Message);
        Assert.Contains("dynamic_growth_steps", Assert.Throws<ArgumentException>(() => new LossScaleOptimizer(keras.optimizers.SGD(), dynamic_growth_steps: 0)).Message);
        using var opt = new LossScaleOptimizer(keras.optimizers.SGD());
        Assert.Throws<InvalidOperationException>(() => opt.dynamic_scale);
        var w = tensor(new[] { 1f, 2f });
        Assert.Throws<ArgumentException>(() => opt.apply(new[] { tensor(new[] { 1f }) }, new[] { w }));
        Assert.Equal(new[] { 1f, 2f }, w.data<float>().ToArray());
        Assert.Throws<ArgumentException>(() => opt.apply(new Tensor?[] { null }, new[] { w }));
    }

    [Fact]
    public void Compile_WrapsUnderMixedFloat16Only_AsKeras()
    {
        keras.config.set_dtype_policy("mixed_float16");
        var m = Sequential([Input(shape: [4]), Dense(3)]);
        var adam = keras.optimizers.Adam();
        m.compile(loss: "mse", optimizer: adam);
        var ls = Assert.IsType<LossScaleOptimizer>(m.optimizer);
        Assert.Equal("loss_scale_optimizer", ls.name);
        Assert.Same(adam, ls.inner_optimizer);
        Assert.Equal((32768.0, 2000), (ls.initial_scale, ls.dynamic_growth_steps));
        // compile keeps the optimizer it was given in the compile config, as Keras (loss_scale_keras.keras) does.
        var cc = JsonDocument.Parse(PythonJson.Dumps(Serialization.CompileConfig(m))).RootElement;
        Assert.Equal("Adam", cc.GetProperty("optimizer").GetProperty("class_name").GetString());
        var mine = new LossScaleOptimizer(keras.optimizers.SGD(), initial_scale: 8);
        m.compile(loss: "mse", optimizer: mine);
        Assert.Same(mine, m.optimizer);
        m.compile(loss: "mse", optimizer: keras.optimizers.SGD(), auto_scale_loss: false);
        Assert.IsType<SGD>(m.optimizer);
        keras.config.set_dtype_policy("mixed_bfloat16");
        var b = Sequential([Input(shape: [4]), Dense(3)]);
        b.compile(loss: "mse", optimizer: "adam");
        Assert.IsType<Adam>(b.optimizer);
        keras.config.set_dtype_policy("float32");
    }

    /// <summary>
    /// fit's flat path: a scale so large that the scaled loss overflows skips steps (halving each time) until it fits;
    /// the skipped steps leave the weights as they were, so the run equals plain SGD for the steps that were taken.
    /// </summary>
    [Fact]
    public void Fit_SkipsOverflowingSteps_OnTheFlatPath_AndOtherwiseEqualsTheInnerOptimizer()
    {
        var x = tensor(new float[] { 1, 2, 3, 4, -1, 0.5f, 2, -2 }).reshape(4, 2);
        var y = tensor(new float[] { 3, -1, 2, 0.5f }).reshape(4, 1);
        KerasSharp.Models.Sequential Model()
        {
            keras.utils.set_random_seed(7);
            return Sequential([Input(shape: [2]), Dense(1)]);
        }
        var scaled = Model();
        var ls = new LossScaleOptimizer(keras.optimizers.SGD(0.05), initial_scale: Math.Pow(2, 127), dynamic_growth_steps: 3);
        scaled.compile(loss: "mse", optimizer: ls);
        var before = scaled.get_weights().Select(t => t.clone()).ToList();
        scaled.fit(x, y, epochs: 1, batch_size: 4, verbose: 0, shuffle: false);
        float scale1 = ls.dynamic_scale.item<float>();
        int skipped = 0;
        for (long e = 0; e < 12; e++) scaled.fit(x, y, epochs: 1, batch_size: 4, verbose: 0, shuffle: false);
        // mse of this problem is above 4: loss · 2^127 overflows float32 until the scale has dropped a few times.
        Assert.Equal((float)Math.Pow(2, 126), scale1);
        Assert.True(ls.iterations < 13, $"iterations {ls.iterations}");
        skipped = 13 - (int)ls.iterations;
        Assert.True(ls.inner_optimizer.flat_steps > 0, "the inner optimizer took the flat step");
        var plain = Model();
        for (int i = 0; i < before.Count; i++) Assert.True(plain.get_weights()[i].allclose(before[i]));
        plain.compile(loss: "mse", optimizer: keras.optimizers.SGD(0.05));
        plain.fit(x, y, epochs: 13 - skipped, batch_size: 4, verbose: 0, shuffle: false);
        var a = scaled.get_weights();
        var p = plain.get_weights();
        for (int i = 0; i < a.Count; i++) Assert.True(a[i].allclose(p[i], rtol: 1e-5, atol: 1e-6), $"weight {i}: {a[i].ToString(TorchSharp.TensorStringStyle.Julia)} vs {p[i].ToString(TorchSharp.TensorStringStyle.Julia)}");
        // Counter: finite steps since the last change, growth at 3.
        Assert.InRange(ls.step_counter.item<int>(), 0, 2);
    }

    [Fact]
    public void MixedFloat16_Fit_Trains_WithFloat32MasterWeights()
    {
        keras.config.set_dtype_policy("mixed_float16");
        keras.utils.set_random_seed(3);
        var m = Sequential([Input(shape: [2]), Dense(16, activation: "relu"), Dense(2, activation: "softmax")]);
        m.compile(loss: "sparse_categorical_crossentropy", optimizer: keras.optimizers.Adam(0.05), metrics: ["accuracy"]);
        keras.config.set_dtype_policy("float32");
        var x = randn(256, 2);
        var y = (x[.., 0] + x[.., 1]).gt(0).to(ScalarType.Int64);
        var h = m.fit(x, y, epochs: 15, batch_size: 32, verbose: 0);
        var loss = h.history["loss"];
        Assert.True(loss[^1] < 0.5 * loss[0], $"loss {loss[0]} -> {loss[^1]}");
        Assert.True(h.history["accuracy"][^1] > 0.9, $"accuracy {h.history["accuracy"][^1]}");
        Assert.All(m.trainable_weights, v => Assert.Equal(ScalarType.Float32, v.value.dtype));
        var ls = Assert.IsType<LossScaleOptimizer>(m.optimizer);
        Assert.Equal(ScalarType.Float16, m.layers[0].call(x).dtype);
        Assert.True(ls.inner_optimizer.flat_steps > 0);
        float s = ls.dynamic_scale.item<float>();
        Assert.Equal(0, Math.Log2(s) % 1);
        Assert.True(ls.iterations is > 0 and <= 15 * 8);
    }

    [Fact]
    public void KerasFile_LoadsWithItsScale_UnderMixedFloat16_AndAsPlainAdamUnderFloat32()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Optimizers", "Fixtures", "loss_scale_keras.keras");
        var expected = Fixture.GetProperty("reloaded_mixed_float16");
        keras.config.set_dtype_policy("mixed_float16");
        var m = keras.models.load_model(path);
        keras.config.set_dtype_policy("float32");
        var ls = Assert.IsType<LossScaleOptimizer>(m.optimizer);
        Assert.Equal(expected.GetProperty("iterations").GetInt64(), ls.iterations);
        Assert.Equal(expected.GetProperty("dynamic_scale").GetSingle(), ls.dynamic_scale.item<float>());
        Assert.Equal(expected.GetProperty("step_counter").GetInt32(), ls.step_counter.item<int>());
        Assert.Equal("mixed_float16", m.layers[0].dtype_policy.name);
        var x = (arange(32, dtype: ScalarType.Float32).reshape(8, 4) % 7) / 7.0;
        var predicted = m.predict(x, verbose: 0);
        var rows = expected.GetProperty("predictions").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();
        Assert.True(predicted.allclose(tensor(rows.SelectMany(r => r).ToArray()).reshape(8, 2), rtol: 2e-3, atol: 2e-3), predicted.ToString(TorchSharp.TensorStringStyle.Julia));
        // Keras keeps the slots: the next step continues from them (one more finite step).
        m.fit(x, tensor(new long[] { 0, 1, 1, 0, 1, 0, 0, 1 }), epochs: 1, batch_size: 8, verbose: 0);
        Assert.Equal(5, ls.iterations);
        Assert.Equal(5, ls.step_counter.item<int>());

        // Under float32 at load, real Keras rebuilds the Sequential with the global policy (Sequential.from_config:
        // cls(name=name)), compiles a plain Adam and skips the 14 saved variables (fixture "reloaded_float32").
        // KerasSharp keeps the saved model policy (DTypePolicyTests.SavedMixedModel_LoadsWithItsPolicies...), so the
        // model is mixed_float16 again and compile wraps the optimizer and restores its state.
        Assert.Equal("Adam", Fixture.GetProperty("reloaded_float32").GetProperty("class").GetString());
        var kept = keras.models.load_model(path);
        var again = Assert.IsType<LossScaleOptimizer>(kept.optimizer);
        Assert.Equal(4, again.iterations);
    }

    [Fact]
    public void SavedByKerasSharp_HasKerasLayout_AndRoundTrips()
    {
        keras.config.set_dtype_policy("mixed_float16");
        keras.utils.set_random_seed(1);
        var m = Sequential([Input(shape: [4]), Dense(3), Dense(2)]);
        m.compile(optimizer: keras.optimizers.Adam(0.01), loss: keras.losses.SparseCategoricalCrossentropy(from_logits: true));
        var x = (arange(32, dtype: ScalarType.Float32).reshape(8, 4) % 7) / 7.0;
        var y = tensor(new long[] { 0, 1, 1, 0, 1, 0, 0, 1 });
        m.fit(x, y, epochs: 2, batch_size: 4, verbose: 0, shuffle: false);
        using var dir = new TempFolder();
        var file = dir.File("ls.keras");
        m.save(file);
        var layout = Fixture.GetProperty("h5_optimizer_vars").EnumerateArray().ToList();
        var values = OptimizerState.Export(m.optimizer!);
        Assert.Equal(layout.Count, values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            Assert.Equal(layout[i].GetProperty("dtype").GetString(), values[i].dtype == ScalarType.Int32 ? "int32" : "float32");
            Assert.Equal(layout[i].GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()), values[i].shape);
        }
        Assert.Equal((0, 0f, 4, 32768f), (values[0].item<int>(), values[1].item<float>(), values[2].item<int>(), values[3].item<float>()));
        var loaded = keras.models.load_model(file);
        keras.config.set_dtype_policy("float32");
        var ls = Assert.IsType<LossScaleOptimizer>(loaded.optimizer);
        Assert.Equal((4L, 4, 32768f), (ls.iterations, ls.step_counter.item<int>(), ls.dynamic_scale.item<float>()));
        Assert.True(loaded.predict(x, verbose: 0).allclose(m.predict(x, verbose: 0)));
        // The file for the oracle's check (Fixtures/check_keras_loads_loss_scale.py): written when KERASSHARP_EXPORT names a folder.
        if (Environment.GetEnvironmentVariable("KERASSHARP_EXPORT") is { Length: > 0 } export)
        {
            File.Copy(file, Path.Combine(export, "written_by_kerassharp_loss_scale.keras"), overwrite: true);
            File.WriteAllText(Path.Combine(export, "written_by_kerassharp_loss_scale.json"), JsonSerializer.Serialize(new
            {
                predictions = m.predict(x, verbose: 0).data<float>().ToArray(),
                iterations = ls.iterations,
                step_counter = ls.step_counter.item<int>(),
                dynamic_scale = ls.dynamic_scale.item<float>(),
            }));
        }
    }
}
