using System.Text.Json;
using KerasSharp.Layers;
using KerasSharp.Models;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.optimizers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Convolutional;

/// <summary>
/// BatchNormalization in training against real Keras 3 (Fixtures/batchnorm_training.json): outputs and moving
/// statistics after training-mode calls, a model trained by fit (gradients through the batch statistics), and a
/// frozen layer that runs in inference mode inside fit.
/// </summary>
public sealed class BatchNormalizationTests : TorchTest
{
    static readonly JsonElement Fixture = OracleFixtures.Load("batchnorm_training.json");

    static void AssertClose(float[] actual, JsonElement expected, string what, double atol = 2e-5)
    {
        var closeness = OracleFixtures.Closeness(actual, OracleFixtures.Floats(expected), atol);
        Assert.True(closeness <= 1, $"{what}: differs from Keras (closeness {closeness:G4}, 1 = tolerance)");
    }

    public static TheoryData<string> CallCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Fixture.GetProperty("calls").EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Theory, MemberData(nameof(CallCases))]
    public void TrainingCalls_MoveStatisticsAsKeras(string name)
    {
        var c = Fixture.GetProperty("calls").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var layer = OracleFixtures.MakeLayer("BatchNormalization", c.GetProperty("kwargs"));
        var shape = c.GetProperty("input_shape");
        Tensor? x = null;
        foreach (var step in c.GetProperty("steps").EnumerateArray())
        {
            x = OracleFixtures.Tensor(step.GetProperty("input"), shape);
            layer.ensure_built(x.shape.Select(d => (long?)d).ToArray());
            var y = layer.call(x, training: true);
            AssertClose(y.contiguous().data<float>().ToArray(), step.GetProperty("output"), $"{name} training output", 1e-4);
        }
        Assert.Equal(c.GetProperty("weight_names").EnumerateArray().Select(e => e.GetString()), layer.variables.Select(v => v.name));
        var after = c.GetProperty("weights_after").EnumerateArray().ToList();
        for (int i = 0; i < after.Count; i++)
            AssertClose(layer.variables[i].numpy().data<float>().ToArray(), after[i], $"{name} {layer.variables[i].name}");
        AssertClose(layer.call(x!, training: false).contiguous().data<float>().ToArray(), c.GetProperty("inference_output_last_input"), $"{name} inference");
    }

    static (Sequential model, Tensor x, Tensor y) FitModel(JsonElement f)
    {
        var model = Sequential([InputLayer(shape: [4]), Dense(3), BatchNormalization(), Dense(2, activation: "softmax")]);
        var before = f.GetProperty("weights_before").EnumerateArray().Zip(model.variables, (w, v) => tensor(OracleFixtures.Floats(w)).reshape(v.shape)).ToList();
        model.set_weights(before);
        model.compile(optimizer: SGD(learning_rate: 0.1), loss: "categorical_crossentropy");
        return (model, tensor(OracleFixtures.Floats(f.GetProperty("x"))).reshape(8, 4), tensor(OracleFixtures.Floats(f.GetProperty("y"))).reshape(8, 2));
    }

    [Fact]
    public void Fit_TrainsThroughBatchStatistics_AsKeras()
    {
        var f = Fixture.GetProperty("fit");
        var (model, x, y) = FitModel(f);
        Assert.Equal(f.GetProperty("weight_names").EnumerateArray().Select(e => e.GetString()!.Split('/', 2)[1].Replace("batch_normalization_6", "batch_normalization")),
            model.variables.Select(v => v.path));
        model.fit(x, y, batch_size: 4, epochs: 1, shuffle: false, verbose: 0);
        var after = f.GetProperty("weights_after").EnumerateArray().ToList();
        for (int i = 0; i < after.Count; i++)
            AssertClose(model.variables[i].numpy().data<float>().ToArray(), after[i], model.variables[i].path, 1e-5);
    }

    [Fact]
    public void FrozenLayer_RunsInInferenceMode_InsideFit()
    {
        var f = Fixture.GetProperty("fit");
        var (model, x, y) = FitModel(f);
        model.layers[1].trainable = false;
        model.compile(optimizer: SGD(learning_rate: 0.1), loss: "categorical_crossentropy");
        // Start from the state Keras had before its frozen fit.
        model.set_weights(f.GetProperty("frozen_weights_before").EnumerateArray().Zip(model.variables, (w, v) => tensor(OracleFixtures.Floats(w)).reshape(v.shape)).ToList());
        model.fit(x, y, batch_size: 4, epochs: 1, shuffle: false, verbose: 0);
        var after = f.GetProperty("frozen_weights_after").EnumerateArray().ToList();
        for (int i = 0; i < after.Count; i++)
            AssertClose(model.variables[i].numpy().data<float>().ToArray(), after[i], model.variables[i].path, 1e-5);
    }

    [Fact]
    public void MovingStatistics_AreNonTrainableWeights_InKerasOrder()
    {
        var model = Sequential([InputLayer(shape: [6, 6, 3]), Conv2D(4, 3), BatchNormalization()]);
        var bn = Assert.IsType<BatchNormalization>(model.layers[1]);
        Assert.Equal(new[] { "gamma", "beta" }, bn.trainable_weights.Select(v => v.name));
        Assert.Equal(new[] { "moving_mean", "moving_variance" }, bn.non_trainable_weights.Select(v => v.name));
        Assert.Equal(new[] { 1f, 1f, 1f, 1f }, bn.moving_variance!.numpy().data<float>().ToArray());
        string? text = null;
        model.summary(line_length: 88, print_fn: s => text = s);
        Assert.Contains(" Non-trainable params: 8 (32.00 B)", text);
        Assert.Contains(" Trainable params: 120 (480.00 B)", text);
    }
}
