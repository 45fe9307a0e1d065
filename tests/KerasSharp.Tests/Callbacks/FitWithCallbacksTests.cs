using KerasSharp.Callbacks;
using KerasSharp.Models;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Callbacks;

/// <summary>The callbacks inside real fit calls: stopping, restoring, resuming, logging, and no per-batch host reads.</summary>
public sealed class FitWithCallbacksTests : TorchTest
{
    /// <summary>Noisy overlapping classes: validation loss bottoms out and rises, as in the regularization chapter.</summary>
    static (Tensor X, Tensor y) Noisy(int n)
    {
        var g = new Generator(5);
        var labels = arange(n).remainder(3);
        var centers = tensor(new float[,] { { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 } });
        var X = centers.index_select(0, labels) + 0.9f * randn(new long[] { n, 4 }, generator: g);
        return (X, keras.utils.to_categorical(labels));
    }

    static Sequential Wide() => Sequential([Input(shape: [4]), Dense(128, activation: "relu"), Dense(128, activation: "relu"), Dense(3, activation: "softmax")]);

    [Fact]
    public void EarlyStopping_EndsPatienceEpochsAfterTheBest_WithTheBestWeightsRestored()
    {
        var (X, y) = Noisy(150);
        var model = Wide();
        model.compile(loss: "categorical_crossentropy", optimizer: keras.optimizers.Adam(0.01));
        var es = new EarlyStopping(monitor: "val_loss", patience: 10, restore_best_weights: true);
        var h = model.fit(X, y, validation_split: 0.3, epochs: 200, batch_size: 30, verbose: 0, callbacks: [es]);
        var val = h.history["val_loss"];
        int best = val.IndexOf(val.Min());
        Assert.True(val.Count < 200, "validation loss should rise again on this data");
        Assert.Equal(best + 10 + 1, val.Count);
        Assert.Equal(val.Count - 1, es.stopped_epoch);
        Assert.Equal(best, es.best_epoch);
        // The restored weights give the best epoch's validation loss again.
        var valX = X.narrow(0, 105, 45);
        var valY = y.narrow(0, 105, 45);
        Assert.Equal(val.Min(), model.evaluate(valX, valY, verbose: 0)["loss"], 5);
    }

    [Fact]
    public void BackupAndRestore_ResumesAnInterruptedFit_ToTheSameWeightsAsAnUninterruptedOne()
    {
        var (X, y) = Noisy(60);
        using var dir = new TempFolder();
        var backup = Path.Combine(dir.path, "backup");

        keras.utils.set_random_seed(3);
        var reference = Wide();
        reference.compile(loss: "categorical_crossentropy", optimizer: "adam");
        var initial = reference.get_weights();
        reference.fit(X, y, epochs: 6, batch_size: 16, shuffle: false, verbose: 0);
        var expected = reference.get_weights();

        keras.utils.set_random_seed(3);
        var model = Wide();
        model.set_weights(initial);
        model.compile(loss: "categorical_crossentropy", optimizer: "adam");
        var crash = new LambdaCallback(on_epoch_end: (epoch, _) => { if (epoch == 2) throw new InvalidOperationException("simulated crash"); });
        Assert.Throws<InvalidOperationException>(() => model.fit(X, y, epochs: 6, batch_size: 16, shuffle: false, verbose: 0, callbacks: [new BackupAndRestore(backup), crash]));
        Assert.True(File.Exists(Path.Combine(backup, "latest.weights.h5")));
        Assert.Equal("{\"epoch\": 3, \"batch\": 0}", File.ReadAllText(Path.Combine(backup, "training_metadata.json")));

        // A new process would rebuild the model: a fresh one with other weights and an unbuilt optimizer.
        var resumed = Wide();
        resumed.compile(loss: "categorical_crossentropy", optimizer: "adam");
        var h = resumed.fit(X, y, epochs: 6, batch_size: 16, shuffle: false, verbose: 0, callbacks: [new BackupAndRestore(backup)]);
        Assert.Equal(new[] { 3, 4, 5 }, h.epoch);
        Assert.Equal(6 * 4, resumed.optimizer!.iterations);
        for (int i = 0; i < expected.Count; i++)
            Assert.True(expected[i].allclose(resumed.get_weights()[i], rtol: 1e-5, atol: 1e-6), $"weight {i} differs after resuming");
        Assert.False(Directory.Exists(backup));   // deleted once fit completes
        // The next fit starts from its own initial_epoch again.
        Assert.Equal(new[] { 0 }, resumed.fit(X, y, epochs: 1, verbose: 0).epoch);
    }

    [Fact]
    public void EpochCallbacks_CauseNoPerBatchLogReads()
    {
        var (X, y) = Noisy(60);
        var model = Wide();
        model.compile(loss: "categorical_crossentropy", optimizer: "adam");
        using var dir = new TempFolder();
        var callbacks = new Callback[]
        {
            new EarlyStopping(), new ModelCheckpoint(dir.File("best.keras"), save_best_only: true), new CSVLogger(dir.File("log.csv")),
            new ReduceLROnPlateau(), LearningRateScheduler.from_epoch(e => 0.001), new BackupAndRestore(dir.File("b")), new LambdaCallback(on_epoch_end: (_, _) => { }),
        };
        var list = new CallbackList(callbacks, model, new History(), null, new());
        Assert.False(list.wants_batch_logs);
        Assert.True(new CallbackList([new TerminateOnNaN()], model, null, null, new()).wants_batch_logs);
        Assert.True(new CallbackList([new LambdaCallback(on_test_batch_end: (_, _) => { })], model, null, null, new()).wants_batch_logs);
    }

    [Fact]
    public void ReduceLROnPlateau_InFit_LogsTheRate_AndHistoryKeepsIt()
    {
        var (X, y) = Noisy(60);
        var model = Wide();
        model.compile(loss: "categorical_crossentropy", optimizer: keras.optimizers.SGD(0.1));
        var h = model.fit(X, y, epochs: 4, verbose: 0, validation_split: 0.25, callbacks: [new ReduceLROnPlateau(patience: 1, factor: 0.5, min_delta: 10)]);
        // min_delta 10: no epoch improves after the first, so the rate halves every epoch after the second.
        Assert.Equal(new[] { (double)(float)0.1, (float)0.1, (float)0.05, (float)0.025 }, h.history["learning_rate"]);
    }

    [Fact]
    public void TerminateOnNaN_StopsFitAtTheFirstBadBatch()
    {
        var (X, y) = Noisy(60);
        var model = Wide();
        model.compile(loss: "mse", optimizer: keras.optimizers.SGD(1e30));
        var prev = Console.Out;
        Console.SetOut(new StringWriter());
        History h;
        try { h = model.fit(X, y, epochs: 5, batch_size: 10, verbose: 0, callbacks: [new TerminateOnNaN()]); }
        finally { Console.SetOut(prev); }
        Assert.Single(h.epoch);
    }

    [Fact]
    public void ModelCheckpoint_AutoModeOnUnknownMonitor_RefusesFitBeforeAnyStep()
    {
        var (X, y) = Noisy(30);
        var model = Wide();
        model.compile(loss: "categorical_crossentropy", optimizer: "adam");
        var before = model.get_weights();
        Assert.Throws<ArgumentException>(() => model.fit(X, y, epochs: 2, verbose: 0, callbacks: [new ModelCheckpoint("x.keras", monitor: "val_f1")]));
        Assert.True(before[0].allclose(model.get_weights()[0], rtol: 0, atol: 0));
    }
}
