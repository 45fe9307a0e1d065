using System.Text.RegularExpressions;
using KerasSharp.Callbacks;
using KerasSharp.Models;
using Xunit;
using static KerasSharp.keras.callbacks;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.optimizers;
using static KerasSharp.keras.utils;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

/// <summary>fit / evaluate / predict semantics of Keras 3 (keras/src/trainers/trainer.py, backend/torch/trainer.py).</summary>
public sealed class FitTests : TorchTest
{
    static (Tensor X, Tensor y) Blobs(int n, int seed = 1)
    {
        // Three well-separated classes in 4-D.
        var g = new TorchSharp.torch.Generator((ulong)seed);
        var labels = arange(n).remainder(3);
        var centers = tensor(new float[,] { { 2, 0, 0, 0 }, { 0, 2, 0, 0 }, { 0, 0, 2, 0 } });
        var X = centers.index_select(0, labels) + 0.3 * randn(new long[] { n, 4 }, generator: g);
        return (X, labels);
    }

    static Sequential Classifier() => Sequential([InputLayer(shape: [4]), Dense(16, activation: "relu"), Dense(3, activation: "softmax")]);

    [Fact]
    public void History_HasSortedKeys_ZeroBasedEpochs_AndParams()
    {
        var (X, y) = Blobs(150);
        var model = Classifier();
        model.compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        var h = model.fit(X, to_categorical(y), epochs: 3, batch_size: 32, verbose: 0, validation_split: 0.2);
        Assert.Equal(new[] { "accuracy", "loss", "val_accuracy", "val_loss" }, h.history.Keys);
        Assert.All(h.history.Values, v => Assert.Equal(3, v.Count));
        Assert.Equal(new[] { 0, 1, 2 }, h.epoch);
        Assert.Equal(0, h.@params["verbose"]);
        Assert.Equal(3, h.@params["epochs"]);
        Assert.Equal(4, h.@params["steps"]);   // 120 training rows, batches of 32: 32+32+32+24
        Assert.Same(h, model.history);
    }

    [Fact]
    public void VerboseAuto_IsRecordedAsAuto()
    {
        var (X, y) = Blobs(12);
        var model = Classifier();
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam");
        var previous = Console.Out;
        Console.SetOut(new StringWriter());
        try { Assert.Equal("auto", model.fit(X, y).@params["verbose"]); }
        finally { Console.SetOut(previous); }
    }

    [Fact]
    public void ValidationSplit_TakesTheLastRows_BeforeShuffling()
    {
        var (X, y) = Blobs(100);
        var Y = to_categorical(y);
        var model = Classifier();
        model.compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        var h = model.fit(X, Y, epochs: 2, batch_size: 16, verbose: 0, validation_split: 0.25);
        // Validation ran after the last epoch with the final weights on rows [75, 100).
        var direct = model.evaluate(X[75..], Y[75..], verbose: 0);
        Assert.Equal(direct["loss"], h.history["val_loss"][^1], 6);
        Assert.Equal(direct["accuracy"], h.history["val_accuracy"][^1], 6);
        var other = model.evaluate(X[..25], Y[..25], verbose: 0);
        Assert.NotEqual(other["loss"], h.history["val_loss"][^1], 6);
    }

    [Fact]
    public void ValidationSplit_ThatEmptiesASide_IsRefused_OtherSplitsFloorAsKeras()
    {
        var (X, y) = Blobs(10);
        var model = Classifier();
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam");
        // floor(10 · (1 - 0.999)) = 0 training rows.
        var noTraining = Assert.Throws<ArgumentException>(() => model.fit(X, y, validation_split: 0.999, verbose: 0));
        Assert.Contains("no training", noTraining.Message);
        Assert.Contains("0.999", noTraining.Message);
        // 1 - 1e-17 == 1.0 in double: floor(10 · 1.0) = 10 rows for training, none for validation.
        var noValidation = Assert.Throws<ArgumentException>(() => model.fit(X, y, validation_split: 1e-17, verbose: 0));
        Assert.Contains("no validation", noValidation.Message);
        // floor(10 · 0.99) = 9 training rows and 1 validation row: accepted.
        Assert.Single(model.fit(X, y, validation_split: 0.01, verbose: 0).history["val_loss"]);
        foreach (var bad in new[] { -0.1, 1.0, double.NaN })
        {
            var e = Assert.Throws<ArgumentException>(() => model.fit(X, y, validation_split: bad, verbose: 0));
            Assert.Contains("[0, 1)", e.Message);
        }
    }

    [Fact]
    public void LastPartialBatch_IsKept_AndStepsCountIt()
    {
        var (X, y) = Blobs(70);
        var model = Classifier();
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam");
        var sizes = new List<int>();
        var h = model.fit(X, y, batch_size: 32, epochs: 1, verbose: 0, callbacks: [new BatchSizeRecorder(sizes)]);
        Assert.Equal(3, h.@params["steps"]);
        Assert.Equal(3, sizes.Count);
    }

    sealed class BatchSizeRecorder(List<int> sizes) : Callback
    {
        public override void on_train_batch_end(int batch, Dictionary<string, double>? logs = null) => sizes.Add(batch);
    }

    [Fact]
    public void SameSeed_SameRun_BitForBit()
    {
        var (X, y) = Blobs(90);
        History Run()
        {
            keras.backend.clear_session();
            set_random_seed(42);
            var model = Classifier();
            model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
            return model.fit(X, y, epochs: 4, batch_size: 16, verbose: 0);
        }
        var a = Run();
        var b = Run();
        Assert.Equal(a.history["loss"], b.history["loss"]);
        set_random_seed(43);
        var model = Classifier();
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam");
        Assert.NotEqual(a.history["loss"], model.fit(X, y, epochs: 4, batch_size: 16, verbose: 0).history["loss"]);
    }

    [Fact]
    public void Shuffle_DrawsANewPermutationEachEpoch_AndFalseKeepsOrder()
    {
        // With shuffle=false and full knowledge of the data order, two models from the same weights follow the same path
        // regardless of the RNG state; with shuffle=true the path depends on the RNG.
        var (X, y) = Blobs(64);
        var model = Classifier();
        var w0 = model.get_weights();
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: SGD(learning_rate: 0.1));
        set_random_seed(1);
        var a = model.fit(X, y, epochs: 2, batch_size: 8, shuffle: false, verbose: 0).history["loss"];
        model.set_weights(w0);
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: SGD(learning_rate: 0.1));
        set_random_seed(2);
        var b = model.fit(X, y, epochs: 2, batch_size: 8, shuffle: false, verbose: 0).history["loss"];
        Assert.Equal(a, b);
        model.set_weights(w0);
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: SGD(learning_rate: 0.1));
        var c = model.fit(X, y, epochs: 2, batch_size: 8, shuffle: true, verbose: 0).history["loss"];
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Training_LearnsSeparableData()
    {
        var (X, y) = Blobs(150);
        var model = Classifier();
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        var h = model.fit(X, y, epochs: 30, batch_size: 16, verbose: 0);
        Assert.True(h.history["loss"][^1] < h.history["loss"][0] / 3);
        Assert.True(h.history["accuracy"][^1] >= 0.98);
        var p = model.predict(X, verbose: 0);
        Assert.Equal(new long[] { 150, 3 }, p.shape);
        Assert.Equal(ScalarType.Float32, p.dtype);
        Assert.Equal(DeviceType.CPU, p.device.type);
        Assert.True(p.sum(1).allclose(ones(150), 1e-5, 1e-5));
        Assert.True(p.argmax(1).eq(y).to_type(ScalarType.Float32).mean().item<float>() >= 0.98f);
    }

    [Fact]
    public void Evaluate_ReturnsSortedKeys_AndMatchesAnIndependentComputation()
    {
        var (X, y) = Blobs(50);
        var model = Classifier();
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam", metrics: ["acc"]);
        var r = model.evaluate(X, y, batch_size: 7, verbose: 0);
        Assert.Equal(new[] { "acc", "loss" }, r.Keys);
        using var _ = no_grad();
        var p = model.predict(X, verbose: 0).to_type(ScalarType.Float64);
        var picked = p.gather(1, y.unsqueeze(1)).squeeze(1).clamp(1e-7, 1 - 1e-7);
        Assert.Equal(-picked.log().mean().item<double>(), r["loss"], 5);
        Assert.Equal(p.argmax(1).eq(y).to_type(ScalarType.Float64).mean().item<double>(), r["acc"], 6);
    }

    [Fact]
    public void Callbacks_SeeHooksInOrder_AndStopTrainingStops()
    {
        var (X, y) = Blobs(40);
        var model = Classifier();
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam");
        var events = new List<string>();
        var cb = LambdaCallback(
            on_train_begin: _ => events.Add("train_begin"),
            on_epoch_begin: (e, _) => events.Add($"epoch_begin {e}"),
            on_epoch_end: (e, logs) => { events.Add($"epoch_end {e} {string.Join(",", logs!.Keys)}"); if (e == 1) model.stop_training = true; },
            on_train_end: _ => events.Add("train_end"));
        var h = model.fit(X, y, epochs: 10, batch_size: 20, verbose: 0, callbacks: [cb]);
        Assert.Equal(new[] { "train_begin", "epoch_begin 0", "epoch_end 0 loss", "epoch_begin 1", "epoch_end 1 loss", "train_end" }, events);
        Assert.Equal(new[] { 0, 1 }, h.epoch);
    }

    sealed class PredictHooks : Callback
    {
        public readonly List<string> Events = new();
        public override void on_predict_begin(Dictionary<string, double>? logs = null) => Events.Add("begin");
        public override void on_predict_batch_begin(int batch, Dictionary<string, double>? logs = null) => Events.Add($"batch_begin {batch}");
        public override void on_predict_batch_end(int batch, Dictionary<string, double>? logs = null) => Events.Add($"batch_end {batch}");
        public override void on_predict_end(Dictionary<string, double>? logs = null) => Events.Add("end");
    }

    [Fact]
    public void Predict_CallsThePredictHooks()
    {
        var (X, _) = Blobs(40);
        var hooks = new PredictHooks();
        Classifier().predict(X, batch_size: 32, verbose: 0, callbacks: [hooks]);
        Assert.Equal(new[] { "begin", "batch_begin 0", "batch_end 0", "batch_begin 1", "batch_end 1", "end" }, hooks.Events);
    }

    [Fact]
    public void WeightPenalties_CountOnlyForTrainableWeights_AsKerasDoes()
    {
        // keras/src/layers/layer.py, _get_regularization_losses: `for variable in self.trainable_weights`.
        var X = randn(8, 3);
        var y = randn(8, 2);
        var penalised = Dense(2, kernel_regularizer: keras.regularizers.L2(1.0));
        var model = Sequential([InputLayer(shape: [3]), penalised]);
        model.compile(loss: "mse", optimizer: SGD(learning_rate: 0.0));
        var p = model.predict(X, verbose: 0);
        double data = (p - y).square().mean().item<float>();
        double penalty = penalised.kernel!.value.square().sum().item<float>();
        Assert.Equal(data + penalty, model.evaluate(X, y, verbose: 0)["loss"], 5);
        penalised.trainable = false;
        Assert.Equal(data, model.evaluate(X, y, verbose: 0)["loss"], 5);
        Assert.Equal(data, model.fit(X, y, batch_size: 8, verbose: 0).history["loss"][0], 5);
    }

    [Fact]
    public void InitialEpoch_StartsCountingThere()
    {
        var (X, y) = Blobs(20);
        var model = Classifier();
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam");
        var h = model.fit(X, y, epochs: 5, initial_epoch: 3, verbose: 0);
        Assert.Equal(new[] { 3, 4 }, h.epoch);
    }

    [Fact]
    public void ValidationFreq_ValidatesEveryNthEpoch()
    {
        var (X, y) = Blobs(40);
        var model = Classifier();
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam");
        var logs = new List<bool>();
        model.fit(X, y, epochs: 4, verbose: 0, validation_data: (X, y), validation_freq: 2,
            callbacks: [LambdaCallback(on_epoch_end: (e, l) => logs.Add(l!.ContainsKey("val_loss")))]);
        Assert.Equal(new[] { false, true, false, true }, logs);
    }

    [Fact]
    public void SampleWeights_WeightTheLoss_AsKerasDoes()
    {
        // With lr = 0 the logged loss is Σ w·l / N (sum_over_batch_size divides by the count, not Σw).
        var X = randn(6, 4);
        var y = tensor(new long[] { 0, 1, 2, 0, 1, 2 });
        var w = new float[] { 1, 0, 2, 0, 3, 1 };
        var model = Classifier();
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: SGD(learning_rate: 0.0));
        var h = model.fit(X, y, batch_size: 6, sample_weight: w, shuffle: false, verbose: 0);
        var p = model.predict(X, verbose: 0).to_type(ScalarType.Float64);
        var l = p.gather(1, y.unsqueeze(1)).squeeze(1).clamp(1e-7, 1 - 1e-7).log().neg();
        var expected = (l * tensor(w).to_type(ScalarType.Float64)).sum().item<double>() / 6;
        Assert.Equal(expected, h.history["loss"][0], 5);
        var cw = model.fit(X, y, batch_size: 6, class_weight: new Dictionary<int, double> { [0] = 1, [1] = 0, [2] = 0 }, shuffle: false, verbose: 0);
        Assert.Equal((l * tensor(new double[] { 1, 0, 0, 1, 0, 0 })).sum().item<double>() / 6, cw.history["loss"][0], 5);
    }

    [Fact]
    public void Verbose2_PrintsOneKerasLinePerEpoch_WithEpochHeaders()
    {
        var (X, y) = Blobs(40);
        var model = Classifier();
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        var output = CaptureConsole(() => model.fit(X, y, epochs: 2, batch_size: 10, verbose: 2));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("Epoch 1/2", lines[0]);
        Assert.Matches(new Regex(@"^4/4 - \d+s - \d+(ms|us|s)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4}$"), lines[1]);
        Assert.Equal("Epoch 2/2", lines[2]);
        var single = CaptureConsole(() => model.fit(X, y, epochs: 1, batch_size: 10, verbose: 2));
        Assert.DoesNotContain("Epoch", single);
    }

    [Fact]
    public void Verbose1_Redirected_PrintsTheFinalBarOncePerEpoch()
    {
        var (X, y) = Blobs(40);
        var model = Classifier();
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        var output = CaptureConsole(() => model.fit(X, y, epochs: 2, batch_size: 10, verbose: 1, validation_split: 0.25));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Matches(new Regex(@"^3/3 ━{20} \d+s \d+(ms|us|s)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4} - val_accuracy: \d\.\d{4} - val_loss: \d\.\d{4}$"), lines[1]);
        var eval = CaptureConsole(() => model.evaluate(X, y));
        Assert.Matches(new Regex(@"^2/2 ━{20} \d+s \d+(ms|us|s)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4}\n$"), eval);
        var silent = CaptureConsole(() => model.fit(X, y, verbose: 0));
        Assert.Equal("", silent);
    }

    static string CaptureConsole(Action action)
    {
        var previous = Console.Out;
        var writer = new StringWriter();
        Console.SetOut(writer);
        try { action(); }
        finally { Console.SetOut(previous); }
        return writer.ToString().Replace("\r", "");
    }

    static string CaptureConsole(Func<object> action) => CaptureConsole(() => { action(); });
}
