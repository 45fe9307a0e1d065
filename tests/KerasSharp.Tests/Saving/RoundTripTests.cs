using KerasSharp.Models;
using KerasSharp.Optimizers;
using KerasSharp.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.optimizers;
using static KerasSharp.keras.utils;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>model.save / keras.models.load_model and save_weights / load_weights within KerasSharp.</summary>
public sealed class RoundTripTests : TorchTest
{
    static (Tensor X, Tensor Y) Data(int n = 48)
    {
        var g = new TorchSharp.torch.Generator(7);
        var X = randn(new long[] { n, 10 }, generator: g);
        var labels = X.narrow(1, 0, 3).argmax(1);
        return (X, to_categorical(labels, 3));
    }

    static Sequential Model1020x3() => Sequential([InputLayer(shape: [10]), Dense(20, activation: "relu"), Dense(3, activation: "softmax")]);

    internal static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    static void AssertSameWeights(Model expected, Model actual)
    {
        var a = expected.get_weights();
        var b = actual.get_weights();
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].shape, b[i].shape);
            Assert.True(Same(a[i], b[i]), $"weight {i} differs: max |Δ| = {(a[i] - b[i]).abs().max().item<float>()}");
        }
    }

    [Fact]
    public void SaveThenLoad_GivesEqualPredictions_Config_AndCompileState()
    {
        using var dir = new TempFolder();
        var (X, Y) = Data();
        var model = Model1020x3();
        model.compile(optimizer: Adam(learning_rate: 0.01), loss: "categorical_crossentropy", metrics: ["accuracy", "mae"]);
        model.fit(X, Y, epochs: 2, batch_size: 16, verbose: 0);
        model.save(dir.File("m.keras"));

        var loaded = load_model(dir.File("m.keras"));

        var seq = Assert.IsType<Sequential>(loaded);
        Assert.Equal(model.name, seq.name);
        Assert.Equal(model.layers.Select(l => l.name), seq.layers.Select(l => l.name));
        Assert.True(seq.built);
        Assert.Equal(PythonJson.Dumps(model.get_config()), PythonJson.Dumps(seq.get_config()));
        AssertSameWeights(model, seq);
        Assert.True(Same(model.predict(X, verbose: 0), seq.predict(X, verbose: 0)));

        Assert.True(seq.compiled);
        var adam = Assert.IsType<Adam>(seq.optimizer);
        Assert.Equal(0.01, adam.learning_rate); // saved as float32 0.009999999776482582, read back as the decimal it stands for
        Assert.Equal(model.optimizer!.iterations, adam.iterations);
        Assert.Equal("categorical_crossentropy", seq.loss!.name);
        Assert.Equal(new[] { "accuracy", "mae" }, seq.metrics.Select(m => m.name));
        // Saving the loaded model again writes the same config.
        Assert.Equal(PythonJson.Dumps(Serialization.Model(model)), PythonJson.Dumps(Serialization.Model(seq)));
    }

    [Fact]
    public void LossAndMetricObjects_ThatDifferFromTheirNamedDefault_AreSavedAsConfigs()
    {
        using var dir = new TempFolder();
        var (X, Y) = Data();
        var model = Sequential([InputLayer(shape: [10]), Dense(3)]);
        model.compile(optimizer: SGD(learning_rate: 0.1, momentum: 0.5, clipnorm: 1.0),
            loss: keras.losses.CategoricalCrossentropy(from_logits: true, label_smoothing: 0.125),
            metrics: ["acc", "acc", keras.metrics.TopKCategoricalAccuracy(k: 2)], loss_weights: [0.5]);
        model.fit(X, Y, epochs: 1, verbose: 0);
        var compileConfig = PythonJson.Dumps(Serialization.CompileConfig(model));
        Assert.Contains("\"loss\": {\"module\": \"keras.losses\", \"class_name\": \"CategoricalCrossentropy\", \"config\": {\"name\": \"categorical_crossentropy\", \"reduction\": \"sum_over_batch_size\", \"from_logits\": true, \"label_smoothing\": 0.125, \"axis\": -1}, \"registered_name\": null}", compileConfig);
        Assert.Contains("\"loss_weights\": [0.5], \"metrics\": [\"acc\", \"acc\", {\"module\": \"keras.metrics\", \"class_name\": \"TopKCategoricalAccuracy\", \"config\": {\"name\": \"top_k_categorical_accuracy\", \"dtype\": \"float32\", \"k\": 2}, \"registered_name\": null}]", compileConfig);
        model.save(dir.File("m.keras"));

        var loaded = load_model(dir.File("m.keras"));
        var loss = Assert.IsType<KerasSharp.Losses.CategoricalCrossentropy>(loaded.loss);
        Assert.True(loss.from_logits);
        Assert.Equal(0.125, loss.label_smoothing);
        Assert.Equal(new[] { "acc", "acc_1", "top_k_categorical_accuracy" }, loaded.metrics.Select(m => m.name));
        Assert.Equal(2, Assert.IsType<KerasSharp.Metrics.TopKCategoricalAccuracy>(loaded.metrics[2]).k);
        var sgd = Assert.IsType<SGD>(loaded.optimizer);
        Assert.Equal((0.1, 0.5, 1.0), (sgd.learning_rate, sgd.momentum, sgd.clipnorm));
        Assert.Equal(0.5, loaded.compiled_loss_weight);
        Assert.Equal(compileConfig, PythonJson.Dumps(Serialization.CompileConfig(loaded)));
    }

    public static TheoryData<string> OptimizerCases => new()
    {
        "adam", "adam_amsgrad", "adamw", "sgd", "sgd_momentum", "sgd_nesterov", "rmsprop", "rmsprop_centered_momentum",
        "adagrad", "adadelta", "adamax", "nadam", "lion",
    };

    static Optimizer MakeOptimizer(string name) => name switch
    {
        "adam" => Adam(),
        "adam_amsgrad" => Adam(amsgrad: true),
        "adamw" => AdamW(),
        "sgd" => SGD(),
        "sgd_momentum" => SGD(momentum: 0.9),
        "sgd_nesterov" => SGD(momentum: 0.9, nesterov: true),
        "rmsprop" => RMSprop(),
        "rmsprop_centered_momentum" => RMSprop(momentum: 0.5, centered: true),
        "adagrad" => Adagrad(),
        "adadelta" => Adadelta(learning_rate: 1.0),
        "adamax" => Adamax(),
        "nadam" => Nadam(),
        "lion" => Lion(),
        _ => throw new ArgumentException(name),
    };

    /// <summary>fit 3 epochs, save, load, fit 2 more == fit 5 epochs, bit for bit (shuffle off, CPU).</summary>
    [Theory]
    [MemberData(nameof(OptimizerCases))]
    public void FitSaveLoadFit_ContinuesExactlyWhereItStopped(string optimizer)
    {
        using var dir = new TempFolder();
        var (X, Y) = Data();

        set_random_seed(0);
        var straight = Model1020x3();
        straight.compile(optimizer: MakeOptimizer(optimizer), loss: "categorical_crossentropy");
        straight.fit(X, Y, epochs: 5, batch_size: 16, shuffle: false, verbose: 0);

        set_random_seed(0);
        var first = Model1020x3();
        first.compile(optimizer: MakeOptimizer(optimizer), loss: "categorical_crossentropy");
        first.fit(X, Y, epochs: 3, batch_size: 16, shuffle: false, verbose: 0);
        first.save(dir.File("half.keras"));
        var resumed = load_model(dir.File("half.keras"));
        Assert.Equal(9, resumed.optimizer!.iterations);
        resumed.fit(X, Y, epochs: 2, batch_size: 16, shuffle: false, verbose: 0);

        Assert.Equal(straight.optimizer!.iterations, resumed.optimizer.iterations);
        AssertSameWeights(straight, resumed);
    }

    [Fact]
    public void WithoutCompile_LoadsWeightsOnly()
    {
        using var dir = new TempFolder();
        var (X, Y) = Data();
        var model = Model1020x3();
        model.compile(optimizer: "adam", loss: "categorical_crossentropy");
        model.fit(X, Y, epochs: 1, verbose: 0);
        model.save(dir.File("m.keras"));
        var loaded = load_model(dir.File("m.keras"), compile: false);
        Assert.False(loaded.compiled);
        AssertSameWeights(model, loaded);
    }

    [Fact]
    public void UncompiledAndUnfittedModels_RoundTrip()
    {
        using var dir = new TempFolder();
        var model = Model1020x3();
        model.save(dir.File("fresh.keras"));
        var loaded = load_model(dir.File("fresh.keras"));
        Assert.False(loaded.compiled);
        AssertSameWeights(model, loaded);

        model.compile(optimizer: "rmsprop", loss: "mse");
        model.save(dir.File("compiled.keras"));
        loaded = load_model(dir.File("compiled.keras"));
        Assert.True(loaded.compiled);
        Assert.IsType<RMSprop>(loaded.optimizer);
        Assert.Equal(0, loaded.optimizer!.iterations);
        Assert.Equal("mse", loaded.loss!.name);
        Assert.Empty(loaded.metrics);
    }

    [Fact]
    public void ModelBuiltByFit_WithoutInputLayer_GetsKerasInputLayer()
    {
        using var dir = new TempFolder();
        var (X, Y) = Data();
        var model = Sequential([Dense(8, activation: "tanh"), Dense(3, activation: "softmax")]);
        model.compile(optimizer: "sgd", loss: "categorical_crossentropy");
        model.fit(X, Y, epochs: 1, batch_size: 16, verbose: 0);
        var config = model.get_config();
        var layers = (List<object?>)config["layers"]!;
        var input = (Dictionary<string, object?>)layers[0]!;
        Assert.Equal("InputLayer", input["class_name"]);
        Assert.Equal("[16, 10]", PythonJson.Dumps(((Dictionary<string, object?>)input["config"]!)["batch_shape"]));
        Assert.Equal("[16, 10]", PythonJson.Dumps(config["build_input_shape"]));

        model.save(dir.File("m.keras"));
        var loaded = load_model(dir.File("m.keras"));
        Assert.Equal(2, loaded.layers.Count);
        AssertSameWeights(model, loaded);
        Assert.True(Same(model.predict(X, verbose: 0), loaded.predict(X, verbose: 0)));
    }

    [Fact]
    public void NestedSequential_ActivationLayers_RegularizersAndFrozenLayers_RoundTrip()
    {
        using var dir = new TempFolder();
        var (X, Y) = Data();
        var inner = Sequential([Dense(6, kernel_regularizer: "l2", name: "inner_dense"), Activation("tanh")], name: "block");
        var model = Sequential([InputLayer(shape: [10]), inner, Dense(3, activation: "softmax", kernel_initializer: "he_normal", bias_regularizer: keras.regularizers.L1L2(0.1, 0.2))]);
        model.layers[1].trainable = false;
        model.compile(optimizer: "adam", loss: "categorical_crossentropy");
        model.fit(X, Y, epochs: 1, batch_size: 16, verbose: 0);
        model.save(dir.File("nested.keras"));

        var loaded = load_model(dir.File("nested.keras"));
        Assert.Equal(PythonJson.Dumps(model.get_config()), PythonJson.Dumps(loaded.get_config()));
        var block = Assert.IsType<Sequential>(loaded.layers[0]);
        Assert.Equal("block", block.name);
        Assert.False(loaded.layers[1].trainable);
        AssertSameWeights(model, loaded);
        Assert.True(Same(model.predict(X, verbose: 0), loaded.predict(X, verbose: 0)));
        // The optimizer only trains the unfrozen weights: the nested Dense's kernel and bias.
        Assert.Equal(2, loaded.trainable_weights.Count);
        loaded.fit(X, Y, epochs: 1, batch_size: 16, verbose: 0);
    }

    [Fact]
    public void SaveWeights_LoadWeights_RestoresWeightsAndOptimizer_IntoAnEqualArchitecture()
    {
        using var dir = new TempFolder();
        var (X, Y) = Data();
        set_random_seed(0);
        var straight = Model1020x3();
        straight.compile(optimizer: "adam", loss: "categorical_crossentropy");
        straight.fit(X, Y, epochs: 4, batch_size: 16, shuffle: false, verbose: 0);

        set_random_seed(0);
        var source = Model1020x3();
        source.compile(optimizer: "adam", loss: "categorical_crossentropy");
        source.fit(X, Y, epochs: 2, batch_size: 16, shuffle: false, verbose: 0);
        source.save_weights(dir.File("w.weights.h5"));

        // Layers are matched by position and class, not by name; the optimizer needs to be built (Keras).
        var target = Sequential([InputLayer(shape: [10]), Dense(20, activation: "relu", name: "a"), Dense(3, activation: "softmax", name: "b")]);
        target.compile(optimizer: "adam", loss: "categorical_crossentropy");
        target.fit(X.narrow(0, 0, 1), Y.narrow(0, 0, 1), epochs: 1, verbose: 0);
        target.load_weights(dir.File("w.weights.h5"));
        AssertSameWeights(source, target);
        Assert.Equal(6, target.optimizer!.iterations);
        target.fit(X, Y, epochs: 2, batch_size: 16, shuffle: false, verbose: 0);
        AssertSameWeights(straight, target);

        // An archive works for load_weights too.
        source.save(dir.File("m.keras"));
        var other = Model1020x3();
        other.load_weights(dir.File("m.keras"));
        AssertSameWeights(source, other);
    }

    [Fact]
    public void LoadWeights_IntoUnbuiltOptimizer_WarnsAndKeepsTheOptimizer()
    {
        using var dir = new TempFolder();
        var (X, Y) = Data();
        var source = Model1020x3();
        source.compile(optimizer: "adam", loss: "categorical_crossentropy");
        source.fit(X, Y, epochs: 1, verbose: 0);
        source.save_weights(dir.File("w.weights.h5"));

        var target = Model1020x3();
        target.compile(optimizer: "adam", loss: "categorical_crossentropy");
        var previous = Console.Error;
        var err = new StringWriter();
        Console.SetError(err);
        try { target.load_weights(dir.File("w.weights.h5")); }
        finally { Console.SetError(previous); }
        Assert.Contains("Skipping variable loading for optimizer 'adam_1', because it has 2 variables whereas the saved optimizer has 10 variables.", err.ToString());
        Assert.Equal(0, target.optimizer!.iterations);
        AssertSameWeights(source, target);
    }

    [Fact]
    public void TorchModule_WeightsOnly()
    {
        using var dir = new TempFolder();
        var (X, Y) = Data();
        var model = Sequential([InputLayer(shape: [10]), TorchModule(TorchSharp.torch.nn.LayerNorm(10)), Dense(3, activation: "softmax")]);
        model.compile(optimizer: "adam", loss: "categorical_crossentropy");
        model.fit(X, Y, epochs: 1, verbose: 0);
        model.save_weights(dir.File("t.weights.h5"));
        var copy = Sequential([InputLayer(shape: [10]), TorchModule(TorchSharp.torch.nn.LayerNorm(10)), Dense(3, activation: "softmax")]);
        copy.load_weights(dir.File("t.weights.h5"));
        AssertSameWeights(model, copy);
    }
}
