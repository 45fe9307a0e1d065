using System.Text;
using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Optimizers;
using PureHDF;
using Xunit;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// Loads Fixtures/keras_10_20_3_adam.keras, an archive made by hand (h5py, zipfile, json) in exactly the layout Keras 3
/// writes for the chapter's 10-20-3 model after 3 Adam steps (Fixtures/make_keras_fixture.py), and writes it back.
/// </summary>
public sealed class KerasFixtureTests : TorchTest
{
    static string Fixture => TempFolder.Fixture("keras_10_20_3_adam.keras");

    /// <summary>The fixture's exact float32 values: ((k * 7 + salt) % 17 - 8) / scale over the flat index k.</summary>
    static float[] Pattern(int count, int salt, float scale) => Enumerable.Range(0, count).Select(k => ((k * 7 + salt) % 17 - 8) / scale).ToArray();

    /// <summary>Positive values for Adam's v: ((k * 5 + salt) % 13 + 1) / scale.</summary>
    static float[] Positive(int count, int salt, float scale) => Enumerable.Range(0, count).Select(k => ((k * 5 + salt) % 13 + 1) / scale).ToArray();

    static readonly long[][] Shapes = { new long[] { 10, 20 }, new long[] { 20 }, new long[] { 20, 3 }, new long[] { 3 } };

    static int Count(long[] shape) => (int)shape.Aggregate(1L, (a, b) => a * b);

    [Fact]
    public void KerasArchive_LoadsWithArchitectureCompileStateAndWeights()
    {
        var model = load_model(Fixture);

        var seq = Assert.IsType<Sequential>(model);
        Assert.Equal("sequential", seq.name);
        Assert.Equal(new long?[] { null, 10 }, seq.input_layer!.batch_shape);
        Assert.Equal("input_layer", seq.input_layer.name);
        var dense = Assert.IsType<Dense>(seq.layers[0]);
        var dense1 = Assert.IsType<Dense>(seq.layers[1]);
        Assert.Equal(("dense", 20, "relu"), (dense.name, dense.units, dense.activation.name));
        Assert.Equal(("dense_1", 3, "softmax"), (dense1.name, dense1.units, dense1.activation.name));
        Assert.Equal("GlorotUniform", dense.kernel_initializer.class_name);

        for (int i = 0; i < 4; i++)
        {
            var w = model.get_weights()[i];
            Assert.Equal(Shapes[i], w.shape);
            Assert.Equal(Pattern(Count(Shapes[i]), i + 1, 32f), w.data<float>().ToArray());
        }

        Assert.True(model.compiled);
        var adam = Assert.IsType<Adam>(model.optimizer);
        Assert.Equal(("adam", 0.001, 0.9, 0.999, 1e-7, false), (adam.name, adam.learning_rate, adam.beta_1, adam.beta_2, adam.epsilon, adam.amsgrad));
        Assert.Equal("categorical_crossentropy", model.loss!.name);
        Assert.Equal(new[] { "accuracy" }, model.metrics.Select(m => m.name));
    }

    [Fact]
    public void KerasArchive_PredictsWhatItsWeightsCompute()
    {
        var model = load_model(Fixture);
        var x = new double[4, 10];
        for (int n = 0; n < 4; n++) for (int k = 0; k < 10; k++) x[n, k] = (n - k) / 8.0;

        // relu(x·W1 + b1)·W2 + b2, softmax, in double from the pattern itself (kernel layout (in, out)).
        var w1 = Pattern(200, 1, 32f); var b1 = Pattern(20, 2, 32f); var w2 = Pattern(60, 3, 32f); var b2 = Pattern(3, 4, 32f);
        var expected = new float[4, 3];
        for (int n = 0; n < 4; n++)
        {
            var h = new double[20];
            for (int j = 0; j < 20; j++)
            {
                double s = b1[j];
                for (int k = 0; k < 10; k++) s += x[n, k] * w1[k * 20 + j];
                h[j] = Math.Max(0, s);
            }
            var z = new double[3];
            for (int c = 0; c < 3; c++)
            {
                z[c] = b2[c];
                for (int j = 0; j < 20; j++) z[c] += h[j] * w2[j * 3 + c];
            }
            var max = z.Max();
            var e = z.Select(v => Math.Exp(v - max)).ToArray();
            for (int c = 0; c < 3; c++) expected[n, c] = (float)(e[c] / e.Sum());
        }

        var predicted = model.predict(tensor(x).to_type(ScalarType.Float32), verbose: 0);
        for (int n = 0; n < 4; n++)
            for (int c = 0; c < 3; c++)
                Assert.Equal(expected[n, c], predicted[n, c].item<float>(), 5);
    }

    [Fact]
    public void KerasArchive_RestoresAdamState_AndTrainingContinues()
    {
        var model = load_model(Fixture);
        var optimizer = model.optimizer!;
        Assert.Equal(3, optimizer.iterations);
        Assert.True(optimizer.built);
        var slots = optimizer.slot_values()!;
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(Shapes[i], slots[i][0].shape);
            Assert.Equal(Pattern(Count(Shapes[i]), i + 5, 1024f), slots[i][0].data<float>().ToArray());      // m
            Assert.Equal(Positive(Count(Shapes[i]), i + 9, 65536f), slots[i][1].data<float>().ToArray());    // v
        }

        // The first step uses t = 4 and the loaded moments.
        var x = ones(1, 10);
        var y = tensor(new float[,] { { 0, 1, 0 } });
        var expected = BiasAfterOneAdamStep(x, y);
        model.fit(x, y, epochs: 1, batch_size: 1, verbose: 0);
        Assert.Equal(4, optimizer.iterations);
        for (int c = 0; c < 3; c++) Assert.Equal(expected[c], model.get_weights()[3][c].item<float>(), 6);
    }

    [Fact]
    public void KerasArchive_AdamState_AlsoServesAHandWrittenLoop()
    {
        var model = load_model(Fixture);
        var x = ones(1, 10);
        var y = tensor(new float[,] { { 0, 1, 0 } });
        var expected = BiasAfterOneAdamStep(x, y);
        var grads = Gradient(model, x, y);
        model.optimizer!.apply(grads, model.trainable_weights.Select(w => w.value).ToList());
        Assert.Equal(4, model.optimizer.iterations);
        for (int c = 0; c < 3; c++) Assert.Equal(expected[c], model.get_weights()[3][c].item<float>(), 6);
    }

    /// <summary>Keras's Adam update of dense_1's bias for one step from the fixture's state (t = 4), computed by hand.</summary>
    static float[] BiasAfterOneAdamStep(Tensor x, Tensor y)
    {
        var model = load_model(Fixture);
        var b2 = model.get_weights()[3];
        var grad = Gradient(model, x, y)[3];
        var m = Pattern(3, 8, 1024f);
        var v = Positive(3, 12, 65536f);
        var result = new float[3];
        for (int c = 0; c < 3; c++)
        {
            float g = grad[c].item<float>();
            float mNew = m[c] + (g - m[c]) * (1 - 0.9f);
            float vNew = v[c] + (g * g - v[c]) * (1 - 0.999f);
            float alpha = 0.001f * MathF.Sqrt(1 - MathF.Pow(0.999f, 4)) / (1 - MathF.Pow(0.9f, 4));
            result[c] = b2[c].item<float>() - alpha * mNew / (MathF.Sqrt(vNew) + 1e-7f);
        }
        return result;
    }

    static List<Tensor> Gradient(Model model, Tensor x, Tensor y)
    {
        var pred = model.call(x, true);
        var loss = model.loss!.compute(y, pred);
        loss.backward();
        return model.trainable_weights.Select(w => w.value.grad!.clone()).ToList();
    }

    [Fact]
    public void KerasArchive_WrittenBack_HasTheSameConfigTextAndValues()
    {
        using var dir = new TempFolder();
        load_model(Fixture).save(dir.File("again.keras"));

        var original = Encoding.UTF8.GetString(ArchiveLayoutTests.Entry(Fixture, "config.json"));
        var written = Encoding.UTF8.GetString(ArchiveLayoutTests.Entry(dir.File("again.keras"), "config.json"));
        // The fixture has Keras 3.16's keys; written back, the file has Keras 3.11's (those newer keys at their defaults left out).
        Assert.Equal(ArchiveLayoutTests.ChapterConfigOfNewerKeras, ArchiveLayoutTests.WithoutSharedId(original));
        Assert.Equal(ArchiveLayoutTests.ChapterConfig, ArchiveLayoutTests.WithoutSharedId(written));
        Assert.Equal(ArchiveLayoutTests.CentralDirectory(File.ReadAllBytes(Fixture)).Select(e => e.name),
            ArchiveLayoutTests.CentralDirectory(File.ReadAllBytes(dir.File("again.keras"))).Select(e => e.name));

        using var a = H5File.Open(new MemoryStream(ArchiveLayoutTests.Entry(Fixture, "model.weights.h5")), leaveOpen: false);
        using var b = H5File.Open(new MemoryStream(ArchiveLayoutTests.Entry(dir.File("again.keras"), "model.weights.h5")), leaveOpen: false);
        foreach (var group in new[] { "layers/dense/vars", "layers/dense_1/vars", "optimizer/vars" })
        {
            var keys = a.Group(group).Children().Select(c => c.Name).Order().ToList();
            Assert.Equal(keys, b.Group(group).Children().Select(c => c.Name).Order());
            Assert.Equal(a.Group(group).Attribute("name").Read<string>(), b.Group(group).Attribute("name").Read<string>());
            foreach (var key in keys)
            {
                var da = a.Dataset($"{group}/{key}");
                var db = b.Dataset($"{group}/{key}");
                Assert.Equal((da.Type.Class, da.Type.Size), (db.Type.Class, db.Type.Size));
                Assert.Equal(da.Space.Dimensions, db.Space.Dimensions);
                if (da.Type.Class == H5DataTypeClass.FixedPoint) Assert.Equal(da.Read<int[]>(), db.Read<int[]>());
                else Assert.Equal(da.Read<float[]>(), db.Read<float[]>());
            }
        }
        Assert.Equal("sequential", b.Group("vars").Attribute("name").Read<string>());
    }
}
