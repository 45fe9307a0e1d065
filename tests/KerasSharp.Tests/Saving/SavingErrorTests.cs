using System.IO.Compression;
using System.Text;
using KerasSharp.Models;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>Keras's errors for bad paths, bad archives, unknown classes and weights that do not fit; nothing changes on failure.</summary>
public sealed class SavingErrorTests : TorchTest
{
    static string Fixture => TempFolder.Fixture("keras_10_20_3_adam.keras");

    /// <summary>A copy of the Keras fixture whose config.json is edited.</summary>
    static string EditedFixture(TempFolder dir, Func<string, string> edit)
    {
        var path = dir.File($"edited-{Guid.NewGuid():N}.keras");
        using var source = ZipFile.OpenRead(Fixture);
        using var target = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            using var input = entry.Open();
            using var memory = new MemoryStream();
            input.CopyTo(memory);
            var bytes = memory.ToArray();
            if (entry.Name == "config.json") bytes = Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(bytes)));
            using var output = target.CreateEntry(entry.Name, CompressionLevel.NoCompression).Open();
            output.Write(bytes);
        }
        return path;
    }

    static List<float[]> Snapshot(Model model) => model.get_weights().Select(w => w.data<float>().ToArray()).ToList();

    [Fact]
    public void WrongExtensions_AreRefused_NamingThePathAndTheExtension()
    {
        using var dir = new TempFolder();
        var model = ArchiveLayoutTests.ChapterModel();
        var e = Assert.Throws<ArgumentException>(() => model.save(dir.File("model.h5")));
        Assert.Contains("expected a `.keras` extension", e.Message);
        Assert.Contains(dir.File("model.h5"), e.Message);
        Assert.False(File.Exists(dir.File("model.h5")));

        e = Assert.Throws<ArgumentException>(() => load_model(dir.File("model.zip")));
        Assert.Contains("Invalid filename: expected a `.keras` extension. Received: filepath=" + dir.File("model.zip"), e.Message);

        e = Assert.Throws<ArgumentException>(() => model.save_weights(dir.File("w.h5")));
        Assert.Contains("The filename must end in `.weights.h5`. Received: filepath=" + dir.File("w.h5"), e.Message);

        e = Assert.Throws<ArgumentException>(() => model.load_weights(dir.File("w.h5")));
        Assert.Contains(dir.File("w.h5"), e.Message);
    }

    [Fact]
    public void MissingFile_CorruptZip_AndMissingEntries()
    {
        using var dir = new TempFolder();
        Assert.Throws<FileNotFoundException>(() => load_model(dir.File("nothing.keras")));
        Assert.Throws<FileNotFoundException>(() => ArchiveLayoutTests.ChapterModel().load_weights(dir.File("nothing.weights.h5")));

        File.WriteAllBytes(dir.File("corrupt.keras"), Encoding.ASCII.GetBytes("this is not a zip file at all, just text padding it out"));
        var e = Assert.Throws<InvalidDataException>(() => load_model(dir.File("corrupt.keras")));
        Assert.Contains("corrupt.keras", e.Message);
        Assert.Contains("not a valid .keras archive", e.Message);

        using (var zip = ZipFile.Open(dir.File("empty.keras"), ZipArchiveMode.Create))
            zip.CreateEntry("metadata.json");
        e = Assert.Throws<InvalidDataException>(() => load_model(dir.File("empty.keras")));
        Assert.Contains("config.json", e.Message);

        File.WriteAllBytes(dir.File("bad.weights.h5"), new byte[100]);
        e = Assert.Throws<InvalidDataException>(() => ArchiveLayoutTests.ChapterModel().load_weights(dir.File("bad.weights.h5")));
        Assert.Contains("bad.weights.h5", e.Message);
    }

    [Fact]
    public void UnknownLayerClass_IsNamed_WithTheKnownOnes()
    {
        using var dir = new TempFolder();
        var path = EditedFixture(dir, c => c.Replace("\"class_name\": \"Dense\", \"config\": {\"name\": \"dense_1\"", "\"class_name\": \"Conv2D\", \"config\": {\"name\": \"dense_1\""));
        var e = Assert.Throws<NotSupportedException>(() => load_model(path));
        Assert.Contains("'Conv2D'", e.Message);
        // Every layer class is listed, sorted (the list grows with each new layer file, so it is not spelled out here).
        var known = e.Message[(e.Message.IndexOf("Known layer classes: ", StringComparison.Ordinal) + "Known layer classes: ".Length)..].TrimEnd('.').Split(", ");
        Assert.Equal(known.Order(StringComparer.Ordinal), known);
        Assert.Subset(known.ToHashSet(), new HashSet<string> { "Activation", "Dense", "InputLayer", "Sequential", "Flatten", "Reshape", "Permute", "RepeatVector", "Identity" });

        path = EditedFixture(dir, c => c.Replace("\"registered_name\": null, \"build_config\": {\"input_shape\": [null, 20]}", "\"registered_name\": \"my_package>MyDense\", \"build_config\": {\"input_shape\": [null, 20]}"));
        e = Assert.Throws<NotSupportedException>(() => load_model(path));
        Assert.Contains("my_package>MyDense", e.Message);
    }

    [Fact]
    public void UnknownOptimizer_FailsTheCompileOnly_AndCompileFalseStillLoads()
    {
        using var dir = new TempFolder();
        var path = EditedFixture(dir, c => c.Replace("\"class_name\": \"Adam\"", "\"class_name\": \"Ftrl\"").Replace("\"registered_name\": \"Adam\"", "\"registered_name\": \"Ftrl\""));
        var e = Assert.Throws<NotSupportedException>(() => load_model(path));
        Assert.Contains("'Ftrl'", e.Message);
        Assert.Contains("Adam", e.Message);
        Assert.Contains("compile: false", e.Message);
        var model = load_model(path, compile: false);
        Assert.False(model.compiled);
        Assert.Equal(4, model.get_weights().Count);
    }

    [Fact]
    public void UnsupportedKerasOptions_AreRefused_NotIgnored()
    {
        using var dir = new TempFolder();
        var path = EditedFixture(dir, c => c.Replace("\"kernel_constraint\": null", "\"kernel_constraint\": {\"module\": \"keras.constraints\", \"class_name\": \"MaxNorm\", \"config\": {\"max_value\": 2, \"axis\": 0}, \"registered_name\": null}"));
        var e = Assert.Throws<NotSupportedException>(() => load_model(path));
        Assert.Contains("kernel_constraint", e.Message);

        path = EditedFixture(dir, c => c.Replace("\"use_ema\": false", "\"use_ema\": true"));
        e = Assert.Throws<NotSupportedException>(() => load_model(path));
        Assert.Contains("use_ema", e.Message);
    }

    [Fact]
    public void WeightShapeMismatch_RaisesKerasError_AndLeavesTheModelUnchanged()
    {
        using var dir = new TempFolder();
        var source = ArchiveLayoutTests.ChapterModel();
        ArchiveLayoutTests.Train(source);
        source.save_weights(dir.File("w.weights.h5"));

        // The first layer fits, the second does not (3 vs 4 units): Keras would load the first and raise; nothing loads here.
        var target = Sequential([InputLayer(shape: [10]), Dense(20, activation: "relu"), Dense(4, activation: "softmax")]);
        target.compile(optimizer: "adam", loss: "categorical_crossentropy");
        var before = Snapshot(target);
        var e = Assert.Throws<ArgumentException>(() => target.load_weights(dir.File("w.weights.h5")));
        Assert.StartsWith("A total of 1 objects could not be loaded. Example error message for object <Dense name=dense_3, built=True>:", e.Message);
        Assert.Contains("The shape of the target variable and the shape of the target value in `variable.assign(value)` must match. variable.shape=(20, 4), Received: value.shape=(20, 3).", e.Message);
        Assert.Equal(before, Snapshot(target));
        Assert.Equal(0, target.optimizer!.iterations);
    }

    [Fact]
    public void LayerCountMismatch_RaisesKerasError_AndLeavesTheModelUnchanged()
    {
        using var dir = new TempFolder();
        var source = ArchiveLayoutTests.ChapterModel();
        source.save_weights(dir.File("w.weights.h5"));
        var target = Sequential([InputLayer(shape: [10]), Dense(20), Dense(3), Dense(3)]);
        var before = Snapshot(target);
        var e = Assert.Throws<ArgumentException>(() => target.load_weights(dir.File("w.weights.h5")));
        Assert.Contains($"Layer '{target.layers[2].name}' expected 2 variables, but received 0 variables during loading. Expected: ['kernel', 'bias']", e.Message);
        Assert.Equal(before, Snapshot(target));

        var model = Sequential([Dense(3)]);
        Assert.Throws<InvalidOperationException>(() => model.load_weights(dir.File("w.weights.h5")));
        Assert.Throws<InvalidOperationException>(() => model.save_weights(dir.File("x.weights.h5")));
    }

    [Fact]
    public void ModelsThatCannotBeRebuilt_AreRefusedBySave_WithoutWritingAFile()
    {
        using var dir = new TempFolder();
        var torchModel = Sequential([InputLayer(shape: [10]), TorchModule(TorchSharp.torch.nn.LayerNorm(10)), Dense(3)]);
        var e = Assert.Throws<NotSupportedException>(() => torchModel.save(dir.File("t.keras")));
        Assert.Contains("TorchModule", e.Message);
        Assert.Contains("save_weights", e.Message);
        Assert.False(File.Exists(dir.File("t.keras")));

        var custom = Sequential([InputLayer(shape: [10]), Dense(3, activation: new Activations.ActivationFunction("swishy", x => x * sigmoid(x)))]);
        e = Assert.Throws<NotSupportedException>(() => custom.save(dir.File("c.keras")));
        Assert.Contains("swishy", e.Message);
        Assert.False(File.Exists(dir.File("c.keras")));
    }

    [Fact]
    public void CorruptWeightsInArchive_FailLoadModel_WithKerasMessage()
    {
        using var dir = new TempFolder();
        // The config says 21 units, the weights hold 20.
        var path = EditedFixture(dir, c => c.Replace("\"units\": 20", "\"units\": 21").Replace("\"input_shape\": [null, 20]", "\"input_shape\": [null, 21]"));
        var e = Assert.Throws<ArgumentException>(() => load_model(path));
        Assert.Contains("A total of 3 objects could not be loaded.", e.Message);   // dense, dense_1 and the optimizer's slots
        Assert.Contains("variable.shape=(10, 21), Received: value.shape=(10, 20)", e.Message);
    }
}
