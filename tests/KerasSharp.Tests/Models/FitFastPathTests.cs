using KerasSharp.Activations;
using KerasSharp.Losses;
using CategoricalAccuracy = KerasSharp.Metrics.CategoricalAccuracy;
using Mean = KerasSharp.Metrics.Mean;
using SparseCategoricalAccuracy = KerasSharp.Metrics.SparseCategoricalAccuracy;
using KerasSharp.Models;
using KerasSharp.Optimizers;
using TorchSharp;
using Xunit;
using static KerasSharp.keras.layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

/// <summary>
/// The shortcuts that make fit fast keep Keras's results: the softmax-crossentropy head computed from logits equals
/// Keras's clipped log of the softmax output (values and gradients, saturated outputs included), the accuracies'
/// fast path equals the generic one, and fit really trains over the flat parameter arena.
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class FitFastPathTests
{
    public FitFastPathTests()
    {
        keras.backend.clear_session();
        keras.config.set_device("cpu");
        keras.utils.set_random_seed(0);
    }

    /// <summary>Logits whose softmax saturates in places: rows scaled up to ±1000, so some p are exactly 1 or below 1e-7.</summary>
    static Tensor Logits(long n, long classes)
    {
        var scale = tensor(new float[] { 0.1f, 1, 5, 20, 100, 1000 }).repeat((n + 5) / 6).narrow(0, 0, n).unsqueeze(1);
        return randn(n, classes).mul(scale);
    }

    static void AssertSaturates(Tensor logits)
    {
        var p = logits.softmax(-1);
        Assert.True(p.eq(1f).any().item<bool>(), "test data should contain probabilities of exactly 1");
        Assert.True(p.lt(1e-7f).any().item<bool>(), "test data should contain probabilities below 1e-7");
    }

    static void AssertClose(Tensor expected, Tensor actual, double atol, double rtol, string what)
    {
        var diff = (expected.to_type(ScalarType.Float64) - actual.to_type(ScalarType.Float64)).abs();
        var allowed = expected.to_type(ScalarType.Float64).abs().mul(rtol).add(atol);
        var worst = (diff - allowed).max().item<double>();
        Assert.True(worst <= 0, $"{what}: largest difference {diff.max().item<double>():E3} exceeds the tolerance by {worst:E3}");
    }

    /// <summary>Per-sample loss and logit gradient, Keras's way (softmax, then the loss on probabilities) and fused.</summary>
    static (Tensor values, Tensor grad) Unfused(Loss loss, Tensor y, Tensor logits)
    {
        var z = logits.detach().requires_grad_(true);
        var values = loss.call(y, z.softmax(-1));
        values.sum().backward();
        return (values.detach(), z.grad!.detach().clone());
    }

    static (Tensor values, Tensor grad) Fused(Loss loss, Tensor y, Tensor logits)
    {
        var z = logits.detach().requires_grad_(true);
        var logProb = CrossentropyMath.ClampedLogSoftmax(z);
        var values = loss is CategoricalCrossentropy cce ? cce.call_from_log_probabilities(y, logProb)
            : ((SparseCategoricalCrossentropy)loss).call_from_log_probabilities(y, logProb);
        values.sum().backward();
        return (values.detach(), z.grad!.detach().clone());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void ClampedLogSoftmax_GivesKerasCategoricalCrossentropy_ValuesAndGradients(double labelSmoothing)
    {
        using var scope = NewDisposeScope();
        var logits = Logits(600, 5);
        AssertSaturates(logits);
        var labels = randint(0, 5, new long[] { 600 });
        var y = nn.functional.one_hot(labels, 5).to_type(ScalarType.Float32);
        var loss = new CategoricalCrossentropy(label_smoothing: labelSmoothing);
        var (v1, g1) = Unfused(loss, y, logits);
        var (v2, g2) = Fused(loss, y, logits);
        // Float precision: a few units in the last place of values up to -log(1e-7) ≈ 16.1, and of gradients up to 1.
        AssertClose(v1, v2, 1e-6, 1e-6, "per-sample loss");
        AssertClose(g1, g2, 2e-7, 1e-5, "gradient of the logits");
        if (labelSmoothing == 0) Assert.True(v1.max().item<float>() > 16f, "some samples should hit the clip at 1e-7");
    }

    [Fact]
    public void ClampedLogSoftmax_GivesKerasSparseCategoricalCrossentropy_ValuesAndGradients()
    {
        using var scope = NewDisposeScope();
        var logits = Logits(600, 4);
        AssertSaturates(logits);
        var labels = randint(0, 4, new long[] { 600 });
        var loss = new SparseCategoricalCrossentropy();
        foreach (var y in new[] { labels, labels.unsqueeze(1).to_type(ScalarType.Float32) })
        {
            var (v1, g1) = Unfused(loss, y, logits);
            var (v2, g2) = Fused(loss, y, logits);
            AssertClose(v1, v2, 1e-6, 1e-6, "per-sample loss");
            AssertClose(g1, g2, 2e-7, 1e-5, "gradient of the logits");
        }
    }

    [Theory]
    [InlineData("categorical_crossentropy", "one-hot")]
    [InlineData("categorical_crossentropy", "soft")]
    [InlineData("sparse_categorical_crossentropy", "integers")]
    [InlineData("sparse_categorical_crossentropy", "float column")]
    public void Head_GivesTheSameLossAndParameterGradients_AsTheModelsOutput(string lossName, string targets)
    {
        using var scope = NewDisposeScope();
        var model = new Sequential([InputLayer(shape: [6]), Dense(16, activation: "relu"), Dense(4, activation: "softmax")]);
        model.compile(loss: lossName, optimizer: "adam");
        // Inputs scaled up to 300 so that some outputs saturate at exactly 0 and 1.
        var x = randn(240, 6).mul(tensor(new float[] { 0.5f, 3, 30, 300 }).repeat(60).unsqueeze(1));
        AssertSaturates(model.call(x, false).log());
        var labels = randint(0, 4, new long[] { 240 });
        var y = targets switch
        {
            "one-hot" => nn.functional.one_hot(labels, 4).to_type(ScalarType.Float32),
            "soft" => randn(240, 4).softmax(-1),
            "integers" => labels,
            _ => labels.unsqueeze(1).to_type(ScalarType.Float32),
        };
        var w = rand(240);
        var parameters = model.trainable_weights.Select(v => v.value).ToList();

        // Without the training targets the head takes the general form; with them, for one class per sample and no
        // weights, the nll_loss form.
        var heads = new[] { SoftmaxCrossentropyHead.TryCreate(model, model.loss!), SoftmaxCrossentropyHead.TryCreate(model, model.loss!, y) };
        Assert.Equal(lossName.StartsWith("sparse"), heads[0]!.picks_labels);
        Assert.Equal(targets != "soft", heads[1]!.picks_labels);
        foreach (var head in heads)
        {
            foreach (var weights in new[] { null, w })
            {
                foreach (var p in parameters) p.grad = null;
                var unfused = model.loss!.compute(y, model.call(x, true), weights);
                unfused.backward();
                var g1 = parameters.Select(p => p.grad!.clone()).ToList();

                foreach (var p in parameters) p.grad = null;
                var (fused, logits) = head!.forward(x, y, weights, true);
                fused.backward();
                var g2 = parameters.Select(p => p.grad!.clone()).ToList();

                AssertClose(unfused.detach(), fused.detach(), 1e-6, 1e-6, "loss");
                for (int i = 0; i < g1.Count; i++) AssertClose(g1[i], g2[i], 1e-6, 1e-5, $"gradient of {model.trainable_weights[i].path}");
                Assert.True(SoftmaxCrossentropyHead.probabilities(logits).eq(model.call(x, true).detach()).all().item<bool>(), "metrics see the model's output");
            }
        }
    }

    [Fact]
    public void Head_IsUsedOnlyWhereItIsExact()
    {
        Sequential Make(ActivationFunction last) => new([InputLayer(shape: [3]), Dense(4, activation: last)]);
        Assert.NotNull(SoftmaxCrossentropyHead.TryCreate(Make("softmax"), new CategoricalCrossentropy()));
        Assert.NotNull(SoftmaxCrossentropyHead.TryCreate(Make("softmax"), new SparseCategoricalCrossentropy()));
        // Not from logits, not another axis, not ignore_class, not another loss or activation, not a custom "softmax".
        Assert.Null(SoftmaxCrossentropyHead.TryCreate(Make("softmax"), new CategoricalCrossentropy(from_logits: true)));
        Assert.Null(SoftmaxCrossentropyHead.TryCreate(Make("softmax"), new CategoricalCrossentropy(axis: 0)));
        Assert.Null(SoftmaxCrossentropyHead.TryCreate(Make("softmax"), new SparseCategoricalCrossentropy(ignore_class: 0)));
        Assert.Null(SoftmaxCrossentropyHead.TryCreate(Make("softmax"), new MeanSquaredError()));
        Assert.Null(SoftmaxCrossentropyHead.TryCreate(Make("sigmoid"), new CategoricalCrossentropy()));
        Assert.Null(SoftmaxCrossentropyHead.TryCreate(Make(new ActivationFunction("softmax", x => x.softmax(-1))), new CategoricalCrossentropy()));
        var penalised = new Sequential([InputLayer(shape: [3]), Dense(4, activation: "softmax", activity_regularizer: new Regularizers.L2())]);
        Assert.Null(SoftmaxCrossentropyHead.TryCreate(penalised, new CategoricalCrossentropy()));
    }

    [Fact]
    public void Fit_WithTheHead_TrainsAsKerasWould()
    {
        // The same model twice from the same seed: with Keras's softmax (fused head) and with a custom softmax (the
        // general path, the softmax output then the clipped log). Histories and weights agree to float precision.
        var x = randn(200, 4).mul(3);
        var y = keras.utils.to_categorical(randint(0, 3, new long[] { 200 }), 3);
        (Dictionary<string, List<double>> history, List<Tensor> weights) Train(ActivationFunction softmax)
        {
            keras.utils.set_random_seed(7);
            var model = new Sequential([InputLayer(shape: [4]), Dense(16, activation: "relu"), Dense(3, activation: softmax)]);
            model.compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
            var h = model.fit(x, y, epochs: 5, batch_size: 20, validation_split: 0.2, verbose: 0);
            return (h.history, model.get_weights());
        }
        var fused = Train("softmax");
        var general = Train(new ActivationFunction("softmax", t => t.softmax(-1)));
        Assert.Equal(general.history.Keys, fused.history.Keys);
        foreach (var key in general.history.Keys)
            for (int e = 0; e < 5; e++)
                Assert.True(Math.Abs(general.history[key][e] - fused.history[key][e]) <= 1e-5 * Math.Max(1, Math.Abs(general.history[key][e])),
                    $"{key}[{e}]: {general.history[key][e]} vs {fused.history[key][e]}");
        for (int i = 0; i < general.weights.Count; i++) AssertClose(general.weights[i], fused.weights[i], 1e-5, 1e-5, $"weight {i}");
    }

    [Fact]
    public void AccuracyFastPath_EqualsTheGenericPath()
    {
        using var scope = NewDisposeScope();
        var p = rand(50, 4).softmax(-1);
        var labels = randint(0, 4, new long[] { 50 });
        var onehot = nn.functional.one_hot(labels, 4).to_type(ScalarType.Float32);
        var ones = torch.ones(50);

        Mean Run(Mean m, Tensor y, Tensor? w)
        {
            for (int i = 0; i < 3; i++) m.update_state(y, p, w);
            return m;
        }
        Assert.Equal(Run(new CategoricalAccuracy(), onehot, ones).result().item<float>(), Run(new CategoricalAccuracy(), onehot, null).result().item<float>());
        Assert.Equal(Run(new SparseCategoricalAccuracy(), labels, ones).result().item<float>(), Run(new SparseCategoricalAccuracy(), labels, null).result().item<float>());
        Assert.Equal(Run(new SparseCategoricalAccuracy(), labels.unsqueeze(1).to_type(ScalarType.Float32), ones).result().item<float>(),
            Run(new SparseCategoricalAccuracy(), labels.unsqueeze(1).to_type(ScalarType.Float32), null).result().item<float>());
        var expected = p.argmax(-1).eq(labels).to_type(ScalarType.Float32).mean().item<float>();
        Assert.Equal(expected, Run(new CategoricalAccuracy(), onehot, null).result().item<float>());
    }

    /// <summary>Keeps the predictions of the first batch it is given (a copy), to see what fit hands the metrics.</summary>
    sealed class Recorder(bool argmaxOnly) : Mean("recorder")
    {
        internal Tensor? first;

        internal override bool argmax_only(Tensor y_true, Tensor y_pred) => argmaxOnly;

        public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
        {
            first ??= y_pred.detach().clone().DetachFromDisposeScope();
            update_state(y_pred.sum().unsqueeze(0), (Tensor?)null);
        }
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void HeadMetrics_GetTheLogitsOnlyWhenEveryMetricReadsJustTheArgmax(bool recorderArgmaxOnly, bool expectLogits)
    {
        // One Dense(3, softmax) whose logits are x itself (identity kernel, zero bias, learning rate 0): a row of
        // logits is its row of x, a row of probabilities is its softmax.
        var x = tensor(new float[] { 2, -1, 0.5f, -3, 4, 1 }).reshape(2, 3);
        var y = tensor(new float[] { 1, 0, 0, 0, 1, 0 }).reshape(2, 3);
        var recorder = new Recorder(recorderArgmaxOnly);
        var dense = Dense(3, activation: "softmax");
        var model = new Sequential([InputLayer(shape: [3]), dense]);
        dense.set_weights([torch.eye(3), torch.zeros(3)]);
        model.compile(loss: "categorical_crossentropy", optimizer: new SGD(learning_rate: 0.0), metrics: ["accuracy", recorder]);
        var h = model.fit(x, y, epochs: 1, batch_size: 2, shuffle: false, verbose: 0);
        Assert.Equal(1.0, h.history["accuracy"][0], 6);
        var expected = expectLogits ? x : x.softmax(-1);
        AssertClose(expected, recorder.first!, 1e-6, 1e-6, expectLogits ? "the metrics should get the logits" : "the metrics should get the probabilities");
    }

    [Fact]
    public void Accuracy_FromTheLogits_BreaksTiesAsKerasDoes()
    {
        // All logits 0 (zero kernel and bias, learning rate 0): every probability is 1/3 and Keras's argmax takes the
        // first index, so the accuracy is the share of class-0 labels, 7 of 20.
        var labels = tensor(new long[] { 0, 1, 2, 0, 1, 2, 0, 2, 2, 1, 0, 1, 0, 2, 1, 0, 2, 1, 0, 1 });
        var y = keras.utils.to_categorical(labels, 3);
        var model = new Sequential([InputLayer(shape: [4]), Dense(3, activation: "softmax", kernel_initializer: "zeros", bias_initializer: "zeros")]);
        model.compile(loss: "categorical_crossentropy", optimizer: new SGD(learning_rate: 0.0), metrics: ["accuracy"]);
        var h = model.fit(randn(20, 4), y, epochs: 1, batch_size: 5, verbose: 0);
        Assert.Equal(0.35, h.history["accuracy"][0], 6);
    }

    [Fact]
    public void ArgmaxOnly_IsClaimedByTheCategoricalAccuraciesAlone()
    {
        var onehot = torch.zeros(4, 3);
        var sparse = torch.zeros(4, 1);
        var p = torch.rand(4, 3);
        Assert.True(new CategoricalAccuracy().argmax_only(onehot, p));
        Assert.True(new SparseCategoricalAccuracy().argmax_only(sparse, p));
        Assert.True(KerasSharp.Metrics.Metric.get("accuracy").argmax_only(onehot, p));
        // "accuracy" on one output column resolves to binary accuracy, which thresholds the probability.
        Assert.False(KerasSharp.Metrics.Metric.get("accuracy").argmax_only(sparse, torch.rand(4, 1)));
        // Top-k compares with the k-th largest value: probabilities that underflow to equal zeros tie where logits do not.
        Assert.False(new KerasSharp.Metrics.TopKCategoricalAccuracy(k: 2).argmax_only(onehot, p));
        Assert.False(new KerasSharp.Metrics.AUC().argmax_only(onehot, p));
        Assert.False(new KerasSharp.Metrics.CategoricalCrossentropy().argmax_only(onehot, p));
    }

    [Fact]
    public void Fit_UpdatesTheParametersThroughOneFlatArena()
    {
        var model = new Sequential([InputLayer(shape: [4]), Dense(8, activation: "relu"), Dense(3, activation: "softmax")]);
        model.compile(loss: "categorical_crossentropy", optimizer: "adam");
        model.fit(randn(30, 4), keras.utils.to_categorical(randint(0, 3, new long[] { 30 }), 3), epochs: 1, verbose: 0);
        var arena = model.arena_for_training();
        Assert.NotNull(arena);
        Assert.Equal(model.count_params(), arena!.size);
        // Parameters and gradients are views of the flat buffers: writing the buffers changes them.
        using (no_grad())
        {
            arena.flat.fill_(0.5f);
            arena.flat_grad.fill_(0.25f);
        }
        foreach (var v in model.trainable_weights)
        {
            Assert.True(v.value.eq(0.5f).all().item<bool>(), $"{v.path} is not a view of the arena");
            Assert.True(v.value.grad!.eq(0.25f).all().item<bool>(), $"the gradient of {v.path} is not a view of the arena");
        }
    }
}
