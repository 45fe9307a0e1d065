using KerasSharp.Callbacks;
using KerasSharp.Models;
using KerasSharp.Tests.Saving;
using TorchSharp;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Callbacks;

/// <summary>
/// ModelCheckpoint and BackupAndRestore write their files off the training thread: the files are those a synchronous
/// save of the same state writes, they are all on disk when fit returns or throws, a failed write is thrown from fit,
/// and KerasSharp's readers see a checkpoint as soon as a callback asks for it.
/// </summary>
public sealed class BackgroundCheckpointTests : TorchTest
{
    static (Tensor X, Tensor y) Data(int n, int features = 4)
    {
        var g = new Generator(7);
        var labels = arange(n).remainder(3);
        var X = randn(new long[] { n, features }, generator: g).add(nn.functional.one_hot(labels, features).mul(2));
        return (X, keras.utils.to_categorical(labels, 3));
    }

    static Sequential Small()
    {
        var model = Sequential([Input(shape: [4]), Dense(16, activation: "relu"), Dense(3, activation: "softmax")]);
        model.compile(loss: "categorical_crossentropy", optimizer: "adam");
        return model;
    }

    /// <summary>Large enough (about 13 MB of archive with Adam's slots) that a write outlasts the callbacks after it.</summary>
    static Sequential Large()
    {
        var model = Sequential([Input(shape: [4]), Dense(1024, activation: "relu"), Dense(1024, activation: "relu"), Dense(3, activation: "softmax")]);
        model.compile(loss: "categorical_crossentropy", optimizer: "adam");
        return model;
    }

    static string[] Names(string dir, string pattern = "*") =>
        Directory.GetFiles(dir, pattern).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Each_checkpoint_holds_the_bytes_a_synchronous_save_of_its_epoch_writes()
    {
        using var dir = new TempFolder();
        var (X, y) = Data(60);
        var model = Small();
        var sync = new LambdaCallback(on_epoch_end: (epoch, _) =>
        {
            model.save(dir.File($"sync{epoch + 1}.keras"));
            model.save_weights(dir.File($"sync{epoch + 1}.weights.h5"));
        });
        model.fit(X, y, epochs: 4, batch_size: 8, validation_split: 0.25, verbose: 0, callbacks:
        [
            new ModelCheckpoint(dir.File("m{epoch}.keras")),
            new ModelCheckpoint(dir.File("w{epoch}.weights.h5"), save_weights_only: true),
            sync,
        ]);
        for (int e = 1; e <= 4; e++)
        {
            ArchiveFiles.AssertSameState(dir.File($"sync{e}.keras"), dir.File($"m{e}.keras"));
            Assert.Equal(File.ReadAllBytes(dir.File($"sync{e}.weights.h5")), File.ReadAllBytes(dir.File($"w{e}.weights.h5")));
        }
        // Each epoch's state differs from the next (the files really are per epoch), and no temporary file is left.
        Assert.NotEqual(File.ReadAllBytes(dir.File("w1.weights.h5")), File.ReadAllBytes(dir.File("w2.weights.h5")));
        Assert.Empty(Directory.GetFiles(dir.path, "*.tmp"));
    }

    [Fact]
    public void The_best_checkpoint_equals_a_save_of_the_restored_best_weights()
    {
        using var dir = new TempFolder();
        var (X, y) = Data(90);
        var model = Small();
        // Both callbacks keep the epoch of the lowest val_loss; EarlyStopping puts its weights back at the end.
        var es = new EarlyStopping(patience: 1000, restore_best_weights: true);
        model.fit(X, y, epochs: 12, batch_size: 8, validation_split: 0.3, verbose: 0,
            callbacks: [new ModelCheckpoint(dir.File("best.weights.h5"), save_best_only: true, save_weights_only: true), es]);
        var reference = Small();
        reference.load_weights(dir.File("best.weights.h5"));
        var expected = model.get_weights();
        var stored = reference.get_weights();
        for (int i = 0; i < expected.Count; i++) Assert.True(expected[i].allclose(stored[i], rtol: 0, atol: 0), $"weight {i}");
    }

    [Fact]
    public void A_later_callback_that_throws_leaves_the_checkpoint_complete_on_disk()
    {
        using var dir = new TempFolder();
        var (X, y) = Data(32);
        var model = Large();
        var crash = new LambdaCallback(on_epoch_end: (epoch, _) => { if (epoch == 1) throw new InvalidOperationException("simulated crash"); });
        var e = Assert.Throws<InvalidOperationException>(() => model.fit(X, y, epochs: 5, batch_size: 16, verbose: 0,
            callbacks: [new ModelCheckpoint(dir.File("last.keras")), new BackupAndRestore(dir.File("backup")), crash]));
        // Checked at once (the writes take longer than the throw): every file is there, none half-written.
        Assert.Equal(["last.keras"], Names(dir.path));
        Assert.Equal("{\"epoch\": 2, \"batch\": 0}", File.ReadAllText(Path.Combine(dir.File("backup"), "training_metadata.json")));
        Assert.Equal("simulated crash", e.Message);
        // Nothing trained after the crash: a save now writes the state the checkpoint captured at epoch 2.
        model.save(dir.File("now.keras"));
        ArchiveFiles.AssertSameState(dir.File("now.keras"), dir.File("last.keras"));
        model.save_weights(dir.File("now.weights.h5"));
        Assert.Equal(File.ReadAllBytes(dir.File("now.weights.h5")), File.ReadAllBytes(Path.Combine(dir.File("backup"), "latest.weights.h5")));
    }

    [Fact]
    public void A_callback_loading_the_checkpoint_just_saved_reads_the_new_file()
    {
        using var dir = new TempFolder();
        var (X, y) = Data(32);
        var model = Large();
        var other = Large();
        var checks = 0;
        var reader = new LambdaCallback(on_epoch_end: (_, _) =>
        {
            var expected = model.get_weights();
            var loaded = load_model(dir.File("m.keras")).get_weights();
            other.load_weights(dir.File("w.weights.h5"));
            var fromWeights = other.get_weights();
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.True(expected[i].allclose(loaded[i], rtol: 0, atol: 0), $"load_model: weight {i}");
                Assert.True(expected[i].allclose(fromWeights[i], rtol: 0, atol: 0), $"load_weights: weight {i}");
            }
            checks++;
        });
        model.fit(X, y, epochs: 3, batch_size: 16, verbose: 0, callbacks:
            [new ModelCheckpoint(dir.File("m.keras")), new ModelCheckpoint(dir.File("w.weights.h5"), save_weights_only: true), reader]);
        Assert.Equal(3, checks);
    }

    [Fact]
    public void Raw_file_reads_see_the_checkpoint_after_wait_until_finished_or_without_save_on_background()
    {
        using var dir = new TempFolder();
        var (X, y) = Data(32);
        var model = Small();
        var background = new ModelCheckpoint(dir.File("bg{epoch}.keras"));
        var inPlace = new ModelCheckpoint(dir.File("sync{epoch}.keras"), save_on_background: false);
        Assert.True(background.save_on_background);
        Assert.False(inPlace.save_on_background);
        var seen = new List<(bool, bool)>();
        var probe = new LambdaCallback(on_epoch_end: (epoch, _) =>
        {
            bool sync = File.Exists(dir.File($"sync{epoch + 1}.keras"));
            background.wait_until_finished();
            seen.Add((sync, File.Exists(dir.File($"bg{epoch + 1}.keras"))));
        });
        model.fit(X, y, epochs: 3, batch_size: 16, verbose: 0, callbacks: [background, inPlace, probe]);
        Assert.Equal([(true, true), (true, true), (true, true)], seen);
    }

    [Fact]
    public void A_failed_background_write_is_thrown_from_fit_and_the_model_stays_usable()
    {
        using var dir = new TempFolder();
        var (X, y) = Data(32);
        var model = Small();
        // 248 characters + the epoch + ".keras": epochs 1-9 make names of 255 bytes, the longest a file system takes;
        // epoch 10's name (256 bytes) cannot be created, which only the write (renaming the temporary file) finds out.
        var stem = new string('c', 248);
        var e = Assert.Throws<IOException>(() => model.fit(X, y, epochs: 14, batch_size: 16, verbose: 0,
            callbacks: [new ModelCheckpoint(dir.File(stem + "{epoch}.keras"))]));
        Assert.Contains("ModelCheckpoint", e.Message);
        Assert.Contains("at epoch 10", e.Message);
        Assert.Contains(stem + "10.keras", e.Message);
        Assert.NotNull(e.InnerException);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => stem + i + ".keras").Order(StringComparer.Ordinal), Names(dir.path));
        Assert.Empty(Directory.GetFiles(dir.path, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }));
        var nine = load_model(dir.File(stem + "9.keras"));
        Assert.Equal(model.layers.Count, nine.layers.Count);

        // The model trains and predicts on; the same callback instance works again with a name that fits.
        var h = model.fit(X, y, epochs: 2, batch_size: 16, verbose: 0, callbacks: [new ModelCheckpoint(dir.File("ok.keras"))]);
        Assert.Equal(2, h.epoch.Count);
        Assert.True(File.Exists(dir.File("ok.keras")));
        Assert.Equal(new long[] { 32, 3 }, model.predict(X, verbose: 0).shape);
    }

    [Fact]
    public void A_directory_at_the_checkpoint_path_is_refused_from_fit_with_Keras_message()
    {
        using var dir = new TempFolder();
        var (X, y) = Data(32);
        var model = Small();
        Directory.CreateDirectory(dir.File("best.keras"));
        var e = Assert.Throws<IOException>(() => model.fit(X, y, epochs: 2, batch_size: 16, verbose: 0, callbacks: [new ModelCheckpoint(dir.File("best.keras"))]));
        Assert.Contains("Please specify a non-directory filepath for ModelCheckpoint", e.Message);
        Assert.Equal(2, model.fit(X, y, epochs: 2, batch_size: 16, verbose: 0).epoch.Count);
    }

    [Fact]
    public void Repeated_checkpointing_fits_keep_the_live_tensor_count_flat()
    {
        using var dir = new TempFolder();
        var (X, y) = Data(60);
        var model = Small();
        long Live() => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;
        var after = new List<long>();
        for (int i = 0; i < 4; i++)
        {
            using var es = new EarlyStopping(patience: 1000, restore_best_weights: true);
            model.fit(X, y, epochs: 3, batch_size: 8, validation_split: 0.25, verbose: 0, callbacks:
            [
                new ModelCheckpoint(dir.File("best.keras"), save_best_only: true),
                new ModelCheckpoint(dir.File("w.weights.h5"), save_weights_only: true, save_freq: 2),
                new BackupAndRestore(dir.File("backup")),
                es,
            ]);
            after.Add(Live());
        }
        Assert.All(after, c => Assert.Equal(after[0], c));
    }
}
