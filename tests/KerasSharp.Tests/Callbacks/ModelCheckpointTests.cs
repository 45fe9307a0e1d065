using System.Text.Json;
using KerasSharp.Callbacks;
using KerasSharp.Tests.Saving;
using Xunit;

namespace KerasSharp.Tests.Callbacks;

/// <summary>ModelCheckpoint writes exactly the files real Keras 3.11.3 writes for the same logs, with its messages.</summary>
public sealed class ModelCheckpointTests : TorchTest
{
    public static IEnumerable<object[]> Cases() =>
        Oracle.Callbacks.GetProperty("model_checkpoint").EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScriptedEpochs_WriteTheFilesKerasWrites(string name)
    {
        var expected = Oracle.Callbacks.GetProperty("model_checkpoint").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var kw = expected.GetProperty("kwargs");
        string Str(string k, string d) => kw.TryGetProperty(k, out var v) ? v.GetString()! : d;
        bool Flag(string k) => kw.TryGetProperty(k, out var v) && v.GetBoolean();
        using var dir = new TempFolder();
        var cb = new ModelCheckpoint(Path.Combine(dir.path, Str("filepath", "")), monitor: Str("monitor", "val_loss"),
            verbose: kw.TryGetProperty("verbose", out var vb) ? vb.GetInt32() : 0, save_best_only: Flag("save_best_only"),
            save_weights_only: Flag("save_weights_only"), mode: Str("mode", "auto"),
            initial_value_threshold: kw.TryGetProperty("initial_value_threshold", out var t) ? t.GetDouble() : null);
        string monitor = Str("monitor", "val_loss");
        var logs = expected.GetProperty("sequence").EnumerateArray().Select(v =>
            monitor == "val_acc"
                ? new Dictionary<string, double> { ["loss"] = 1.0, ["val_loss"] = v.GetDouble() }
                : new Dictionary<string, double> { ["loss"] = 1.0, ["val_loss"] = v.GetDouble(), ["val_accuracy"] = v.GetDouble() }).ToList();

        var run = new CallbackDriver().Drive(cb, logs);

        var files = Directory.GetFiles(dir.path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir.path, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(expected.GetProperty("files").EnumerateArray().Select(f => f.GetString()), files);
        Assert.Equal(expected.GetProperty("stdout").GetString(), run.stdout.Replace(dir.path + Path.DirectorySeparatorChar, "<dir>/"));
        Assert.Equal(string.Concat(expected.GetProperty("warnings").EnumerateArray().Select(w => "UserWarning: " + w.GetString() + "\n")), run.stderr);
    }

    [Fact]
    public void SavedFiles_LoadBack_WithTheWeightsOfTheirEpoch()
    {
        using var dir = new TempFolder();
        var driver = new CallbackDriver();
        driver.Drive(new ModelCheckpoint(Path.Combine(dir.path, "m{epoch}.keras")), [new() { ["val_loss"] = 1 }, new() { ["val_loss"] = 2 }]);
        var second = keras.models.load_model(Path.Combine(dir.path, "m2.keras"));
        Assert.Equal(1f, second.get_weights()[0].data<float>()[0]);   // weights marked with epoch index 1
        driver.Drive(new ModelCheckpoint(Path.Combine(dir.path, "w{epoch}.weights.h5"), save_weights_only: true), [new() { ["val_loss"] = 1 }]);
        driver.model.set_weights([TorchSharp.torch.full(1, 1, 7f), TorchSharp.torch.full(1, 7f)]);
        driver.model.load_weights(Path.Combine(dir.path, "w1.weights.h5"));
        Assert.Equal(0f, driver.model.get_weights()[0].data<float>()[0]);
    }

    [Fact]
    public void BatchFrequency_NamesFilesWithEpochAndBatch()
    {
        using var dir = new TempFolder();
        var cb = new ModelCheckpoint(Path.Combine(dir.path, "b{epoch}-{batch}.weights.h5"), save_weights_only: true, save_freq: 3);
        Assert.True(cb.uses_batch_hooks);
        new CallbackDriver().Drive(cb, [new() { ["loss"] = 1.0 }, new() { ["loss"] = 0.9 }], Enumerable.Repeat(new Dictionary<string, double> { ["loss"] = 1.0 }, 5).ToList());
        Assert.Equal(Oracle.Callbacks.GetProperty("model_checkpoint_batches").EnumerateArray().Select(f => f.GetString()),
            Directory.GetFiles(dir.path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EpochFrequency_NeedsNoBatchLogs()
    {
        Assert.False(new ModelCheckpoint("m.keras").uses_batch_hooks);
        Assert.False(new BackupAndRestore("backup").uses_batch_hooks);
        Assert.True(new BackupAndRestore("backup", save_freq: 2).uses_batch_hooks);
    }

    [Theory]
    [InlineData("m.h5x", false)]
    [InlineData("m", false)]
    [InlineData("m.keras", true)]
    [InlineData("m.h5", true)]
    public void BadExtensions_AreRefusedWithKerasMessage(string filepath, bool weightsOnly)
    {
        var key = filepath + (weightsOnly ? "{'save_weights_only': True}" : "{}");
        var e = Assert.Throws<ArgumentException>(() => new ModelCheckpoint(filepath, save_weights_only: weightsOnly));
        Assert.Equal(Oracle.Callbacks.GetProperty("model_checkpoint_bad").GetProperty(key).GetString() + " (Parameter 'filepath')", e.Message);
    }

    [Fact]
    public void LegacyH5ModelFiles_AreRefusedClearly_AndBadSaveFreqToo()
    {
        var e = Assert.Throws<NotSupportedException>(() => new ModelCheckpoint("m.weights.h5"));
        Assert.Contains("legacy HDF5", e.Message);
        Assert.Contains("save_weights_only", e.Message);
        var f = Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.keras", save_freq: "batch"));
        Assert.Contains("batch", f.Message);
        Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.keras", save_freq: 0));
    }

    [Fact]
    public void MissingFormatKey_FailsAtTheFirstEpochEnd_EvenWhenThatEpochSavesNothing()
    {
        // Keras's _save_model formats the filepath before deciding whether to save; no val_loss falls below 0, so no
        // epoch improves on initial_value_threshold, and still the first epoch end fails.
        keras.utils.set_random_seed(1);
        var model = keras.models.Sequential([keras.layers.InputLayer(shape: [2]), keras.layers.Dense(1)]);
        model.compile(loss: "mse", optimizer: "sgd");
        var x = TorchSharp.torch.randn(8, 2);
        var before = model.get_weights().Select(w => w.data<float>().ToArray()).ToList();
        var cb = new ModelCheckpoint(Path.Combine(Path.GetTempPath(), "never-{nope}.keras"), save_best_only: true, initial_value_threshold: 0);
        var e = Assert.Throws<KeyNotFoundException>(() => { model.fit(x, x.sum(1, keepdim: true), epochs: 3, verbose: 0, validation_split: 0.25, callbacks: [cb]); });
        Assert.Contains("'nope'", e.Message);
        Assert.Equal(1, model.optimizer!.iterations);                       // stopped at the end of the first epoch
        Assert.NotEqual(before[0], model.get_weights()[0].data<float>().ToArray());
    }

    [Fact]
    public void MissingFormatKey_NamesItAndTheAvailableKeys()
    {
        var cb = new ModelCheckpoint("m{val_acc:.2f}.keras");
        var e = Assert.Throws<KeyNotFoundException>(() => cb.file_path(0, null, new() { ["loss"] = 1 }));
        Assert.Contains("'val_acc'", e.Message);
        Assert.Contains("epoch, loss", e.Message);
    }

    public static IEnumerable<object[]> Formats() =>
        Oracle.Callbacks.GetProperty("format").EnumerateObject().Select(p => new object[] { p.Name, p.Value.GetString()! });

    [Theory]
    [MemberData(nameof(Formats))]
    public void FilepathFields_FollowPythonFormatSpecs(string template, string expected)
    {
        var values = new Dictionary<string, object> { ["epoch"] = 7, ["loss"] = 0.123456, ["val_loss"] = 0.98765, ["accuracy"] = 0.5, ["big"] = 12345.678, ["tiny"] = 0.00001234 };
        Assert.Equal(expected, PythonFormat.Format(template, values));
    }
}
