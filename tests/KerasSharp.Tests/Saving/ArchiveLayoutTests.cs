using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using KerasSharp.Models;
using KerasSharp.Saving;
using PureHDF;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.optimizers;
using static KerasSharp.keras.utils;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// What model.save and save_weights write, against Keras 3's layout (docs/keras-behaviour.md section 9.1;
/// keras/src/saving/saving_lib.py). The archive is read back with System.IO.Compression and PureHDF only.
/// </summary>
public sealed class ArchiveLayoutTests : TorchTest
{
    /// <summary>The chapter's model: 10 inputs, Dense(20, relu), Dense(3, softmax), compiled with adam.</summary>
    internal static Sequential ChapterModel()
    {
        var model = Sequential([InputLayer(shape: [10]), Dense(20, activation: "relu"), Dense(3, activation: "softmax")]);
        model.compile(optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"]);
        return model;
    }

    internal static void Train(Model model, int epochs = 1)
    {
        var g = new TorchSharp.torch.Generator(3);
        var X = randn(new long[] { 48, 10 }, generator: g);
        model.fit(X, to_categorical(X.narrow(1, 0, 3).argmax(1), 3), epochs: epochs, batch_size: 16, verbose: 0);
    }

    /// <summary>
    /// Keras 3.11's config.json for the chapter's model, keys in the order Keras emits them (shared_object_id aside):
    /// without the keys only Keras 3.13+ (quantization_config) and 3.15+ (input_axes, output_axes) write at their
    /// defaults, so that every Keras 3 release reads it (issue 13 item 6).
    /// </summary>
    internal const string ChapterConfig =
        """{"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null, "shared_object_id": ID}, "layers": ["""
        + """{"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 10], "dtype": "float32", "sparse": false, "ragged": false, "name": "input_layer", "optional": false}, "registered_name": null}, """
        + """{"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null, "shared_object_id": ID}, "units": 20, "activation": "relu", "use_bias": true, "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null}, "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null}, "kernel_regularizer": null, "bias_regularizer": null, "kernel_constraint": null, "bias_constraint": null}, "registered_name": null, "build_config": {"input_shape": [null, 10]}}, """
        + """{"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense_1", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null, "shared_object_id": ID}, "units": 3, "activation": "softmax", "use_bias": true, "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null}, "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null}, "kernel_regularizer": null, "bias_regularizer": null, "kernel_constraint": null, "bias_constraint": null}, "registered_name": null, "build_config": {"input_shape": [null, 20]}}], "build_input_shape": [null, 10]}, "registered_name": null, "build_config": {"input_shape": [null, 10]}, """
        + "\"compile_config\": " + """{"optimizer": {"module": "keras.src.backend.torch.optimizers.torch_adam", "class_name": "Adam", "config": {"name": "adam", "learning_rate": 0.0010000000474974513, "weight_decay": null, "clipnorm": null, "global_clipnorm": null, "clipvalue": null, "use_ema": false, "ema_momentum": 0.99, "ema_overwrite_frequency": null, "loss_scale_factor": null, "gradient_accumulation_steps": null, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-07, "amsgrad": false}, "registered_name": "Adam"}, "loss": "categorical_crossentropy", "loss_weights": null, "metrics": ["accuracy"], "weighted_metrics": null, "run_eagerly": false, "steps_per_execution": 1, "jit_compile": false}}""";

    /// <summary>What Keras 3.15+ writes for the same model: <see cref="ChapterConfig"/> with the newer keys at their defaults.</summary>
    internal static string ChapterConfigOfNewerKeras =>
        ChapterConfig.Replace("\"config\": {\"seed\": null}", "\"config\": {\"seed\": null, \"input_axes\": null, \"output_axes\": null}")
            .Replace("\"bias_constraint\": null}", "\"bias_constraint\": null, \"quantization_config\": null}");

    /// <summary>The shared_object_id number is Python's id() of the policy: any integer, the same in every DTypePolicy.</summary>
    internal static string WithoutSharedId(string json)
    {
        var ids = Regex.Matches(json, "\"shared_object_id\": (\\d+)").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(ids.Count <= 1, "every DTypePolicy should share one id");
        return Regex.Replace(json, "\"shared_object_id\": \\d+", "\"shared_object_id\": ID");
    }

    /// <summary>Entry names and compression methods from the zip's central directory (0 = stored, 8 = deflate).</summary>
    internal static List<(string name, int method)> CentralDirectory(byte[] zip)
    {
        int eocd = zip.Length - 22;
        while (eocd >= 0 && BitConverter.ToUInt32(zip, eocd) != 0x06054b50) eocd--;
        Assert.True(eocd >= 0, "no end of central directory");
        int count = BitConverter.ToUInt16(zip, eocd + 10);
        int p = (int)BitConverter.ToUInt32(zip, eocd + 16);
        var entries = new List<(string, int)>();
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(0x02014b50u, BitConverter.ToUInt32(zip, p));
            int method = BitConverter.ToUInt16(zip, p + 10);
            int nameLength = BitConverter.ToUInt16(zip, p + 28), extra = BitConverter.ToUInt16(zip, p + 30), comment = BitConverter.ToUInt16(zip, p + 32);
            entries.Add((Encoding.UTF8.GetString(zip, p + 46, nameLength), method));
            p += 46 + nameLength + extra + comment;
        }
        return entries;
    }

    internal static byte[] Entry(string archive, string name)
    {
        using var zip = ZipFile.OpenRead(archive);
        using var s = zip.GetEntry(name)!.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    [Fact]
    public void Archive_HoldsMetadataConfigAndWeights_InKerasOrder_Uncompressed()
    {
        using var dir = new TempFolder();
        var model = ChapterModel();
        Train(model);
        model.save(dir.File("m.keras"));

        var entries = CentralDirectory(File.ReadAllBytes(dir.File("m.keras")));
        Assert.Equal(new[] { ("metadata.json", 0), ("config.json", 0), ("model.weights.h5", 0) }, entries);

        var metadata = Encoding.UTF8.GetString(Entry(dir.File("m.keras"), "metadata.json"));
        Assert.Matches("""^\{"keras_version": "3\.11\.3", "date_saved": "\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d"\}$""", metadata);
    }

    [Fact]
    public void ConfigJson_OfTheChaptersModel_IsKerasText()
    {
        using var dir = new TempFolder();
        var model = ChapterModel();
        Train(model);
        model.save(dir.File("m.keras"));
        var config = Encoding.UTF8.GetString(Entry(dir.File("m.keras"), "config.json"));
        Assert.Equal(ChapterConfig, WithoutSharedId(config));
        Assert.Contains($"\"shared_object_id\": {Serialization.SharedDTypePolicyId}", config);
    }

    [Fact]
    public void WeightsH5_HasKerasPaths_DTypes_Shapes_AndValues()
    {
        using var dir = new TempFolder();
        var model = ChapterModel();
        Train(model, epochs: 2);
        model.save(dir.File("m.keras"));
        model.save_weights(dir.File("m.weights.h5"));

        foreach (var bytes in new[] { Entry(dir.File("m.keras"), "model.weights.h5"), File.ReadAllBytes(dir.File("m.weights.h5")) })
        {
            using var file = H5File.Open(new MemoryStream(bytes), leaveOpen: false);
            Assert.Empty(file.Attributes());
            Assert.Equal(new[] { "layers", "optimizer", "vars" }, file.Children().Select(c => c.Name).Order());
            Assert.Equal(new[] { "dense", "dense_1" }, file.Group("layers").Children().Select(c => c.Name).Order());
            Assert.Equal("sequential", file.Group("vars").Attribute("name").Read<string>());
            Assert.Empty(file.Group("vars").Children());

            var weights = model.get_weights();
            var expected = new (string path, long[] shape, Tensor value)[]
            {
                ("layers/dense/vars/0", new long[] { 10, 20 }, weights[0]),
                ("layers/dense/vars/1", new long[] { 20 }, weights[1]),
                ("layers/dense_1/vars/0", new long[] { 20, 3 }, weights[2]),
                ("layers/dense_1/vars/1", new long[] { 3 }, weights[3]),
            };
            foreach (var (path, shape, value) in expected)
            {
                var ds = file.Dataset(path);
                Assert.Equal(H5DataTypeClass.FloatingPoint, ds.Type.Class);
                Assert.Equal(4, ds.Type.Size);
                Assert.Equal(shape, ds.Space.Dimensions.Select(d => (long)d));
                Assert.Equal(value.data<float>().ToArray(), ds.Read<float[]>());
            }
            Assert.Equal("dense", file.Group("layers/dense/vars").Attribute("name").Read<string>());
            Assert.Equal("dense_1", file.Group("layers/dense_1/vars").Attribute("name").Read<string>());

            var opt = file.Group("optimizer/vars");
            Assert.Equal("adam", opt.Attribute("name").Read<string>());
            Assert.Equal(10, opt.Children().Count());
            var iteration = file.Dataset("optimizer/vars/0");
            Assert.Equal(H5DataTypeClass.FixedPoint, iteration.Type.Class);
            Assert.Equal(4, iteration.Type.Size);
            Assert.Equal(H5DataspaceType.Scalar, iteration.Space.Type);
            Assert.Equal(6, iteration.Read<int>());
            var lr = file.Dataset("optimizer/vars/1");
            Assert.Equal(H5DataspaceType.Scalar, lr.Space.Type);
            Assert.Equal(0.001f, lr.Read<float>());
            // Adam: m and v interleaved per trained variable.
            var slotShapes = Enumerable.Range(2, 8).Select(i => string.Join("x", file.Dataset($"optimizer/vars/{i}").Space.Dimensions)).ToArray();
            Assert.Equal(new[] { "10x20", "10x20", "20", "20", "20x3", "20x3", "3", "3" }, slotShapes);
            var slots = model.optimizer!.slot_values()!;
            Assert.Equal(slots[1][0].data<float>().ToArray(), file.Dataset("optimizer/vars/4").Read<float[]>());   // bias of dense: m
            Assert.Equal(slots[1][1].data<float>().ToArray(), file.Dataset("optimizer/vars/5").Read<float[]>());   // bias of dense: v
        }
    }

    [Fact]
    public void Layers_AreKeyedByClass_NotByName_AndLayersWithoutWeightsGetAnEmptyGroup()
    {
        using var dir = new TempFolder();
        var model = Sequential([InputLayer(shape: [4]), Dense(5, name: "hidden"), Activation("relu", name: "act"), Dense(2, name: "out")]);
        model.save_weights(dir.File("w.weights.h5"));
        using var file = H5File.OpenRead(dir.File("w.weights.h5"));
        Assert.Equal(new[] { "activation", "dense", "dense_1" }, file.Group("layers").Children().Select(c => c.Name).Order());
        Assert.Equal("hidden", file.Group("layers/dense/vars").Attribute("name").Read<string>());
        Assert.Equal("act", file.Group("layers/activation/vars").Attribute("name").Read<string>());
        Assert.Empty(file.Group("layers/activation/vars").Children());
        Assert.Equal("out", file.Group("layers/dense_1/vars").Attribute("name").Read<string>());
        Assert.False(file.LinkExists("optimizer"));   // not compiled
    }

    [Fact]
    public void OptimizerVariables_FollowKerasBuildOrder()
    {
        using var dir = new TempFolder();
        // RMSprop creates every velocity, then every momentum, then every average gradient.
        var model = Sequential([InputLayer(shape: [10]), Dense(20), Dense(3)]);
        model.compile(optimizer: RMSprop(momentum: 0.5, centered: true), loss: "mse");
        var X = randn(8, 10);
        model.fit(X, randn(8, 3), verbose: 0);
        model.save_weights(dir.File("r.weights.h5"));
        using (var file = H5File.OpenRead(dir.File("r.weights.h5")))
        {
            var shapes = Enumerable.Range(2, 12).Select(i => string.Join("x", file.Dataset($"optimizer/vars/{i}").Space.Dimensions)).ToArray();
            Assert.Equal(new[] { "10x20", "20", "20x3", "3", "10x20", "20", "20x3", "3", "10x20", "20", "20x3", "3" }, shapes);
            var slots = model.optimizer!.slot_values()!;
            Assert.Equal(slots[2][1].data<float>().ToArray(), file.Dataset("optimizer/vars/8").Read<float[]>());   // momentum of dense_1's kernel
        }

        // Nadam ends with its u_product scalar.
        var nadam = Sequential([InputLayer(shape: [10]), Dense(3)]);
        nadam.compile(optimizer: Nadam(), loss: "mse");
        nadam.fit(X, randn(8, 3), verbose: 0);
        nadam.save_weights(dir.File("n.weights.h5"));
        using (var file = H5File.OpenRead(dir.File("n.weights.h5")))
        {
            Assert.Equal(7, file.Group("optimizer/vars").Children().Count());
            var u = file.Dataset("optimizer/vars/6");
            Assert.Equal(H5DataspaceType.Scalar, u.Space.Type);
            Assert.Equal(0.9f * (1f - 0.5f * 0.96f), u.Read<float>(), 6);
        }
    }

    [Fact]
    public void UnbuiltModel_SavesAConfigWithoutBuildConfigs()
    {
        using var dir = new TempFolder();
        var model = Sequential([Dense(4), Dense(1)]);
        var previous = Console.Error;
        var err = new StringWriter();
        Console.SetError(err);
        try { model.save(dir.File("u.keras")); }
        finally { Console.SetError(previous); }
        Assert.Contains("You are saving a model that has not yet been built", err.ToString());
        var config = Encoding.UTF8.GetString(Entry(dir.File("u.keras"), "config.json"));
        Assert.DoesNotContain("build_config", config);
        Assert.DoesNotContain("InputLayer", config);
        var loaded = load_model(dir.File("u.keras"));
        Assert.False(loaded.built);
        Assert.Equal(2, loaded.layers.Count);
    }
}
