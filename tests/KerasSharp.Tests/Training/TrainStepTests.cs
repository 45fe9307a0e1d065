using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Data;
using KerasSharp.Layers;
using KerasSharp.Metrics;
using KerasSharp.Models;
using KerasSharp.Optimizers;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>
/// Keras's override points (keras/src/trainers/trainer.py, keras/src/backend/torch/trainer.py): fit calls
/// train_step per batch and keeps the last logs as the epoch's, evaluate calls test_step, predict predict_step;
/// compute_loss replaces the loss of the default steps.
/// </summary>
public sealed class TrainStepTests : TorchTest
{
    static (Tensor x, Tensor y) Linear(int n = 64)
    {
        var x = randn(n, 3);
        var y = x.matmul(tensor(new float[] { 1f, -2f, 0.5f }).reshape(3, 1)).add(0.3f);
        return (x, y);
    }

    /// <summary>A hand-written mean squared error, its own tracker, returned as the step's logs.</summary>
    sealed class HandLossModel : Sequential
    {
        public readonly Mean tracker = new("hand_loss");
        public int steps;

        public HandLossModel() : base([InputLayer(shape: [3]), Dense(1)]) { }

        public override IReadOnlyList<Metric> metrics => new Metric[] { tracker };

        public override Dictionary<string, Tensor> train_step(DataBatch data)
        {
            var (x, y, _) = data;
            steps++;
            var pred = call(x, true);
            var loss = pred.sub(y!).square().mean();
            zero_grad();
            loss.backward();
            var vars = trainable_weights;
            optimizer!.apply(vars.Select(v => v.value.grad).ToList(), vars);
            tracker.update_state(loss.detach().reshape(1), null);
            return new Dictionary<string, Tensor> { ["hand_loss"] = tracker.result() };
        }
    }

    [Fact]
    public void CustomTrainStep_WithAHandWrittenLoss_TrainsAndReportsItsLogs()
    {
        var (x, y) = Linear();
        var model = new HandLossModel();
        model.compile(optimizer: new SGD(0.1), loss: "mse");
        var h = model.fit(x, y, batch_size: 16, epochs: 5, shuffle: false, verbose: 0);
        Assert.Equal(20, model.steps);
        Assert.Equal(20, model.optimizer!.iterations);
        Assert.Equal(new[] { "hand_loss" }, h.history.Keys.ToArray());
        var losses = h.history["hand_loss"];
        Assert.Equal(5, losses.Count);
        Assert.True(losses[4] < losses[0] / 10, $"loss should fall: {string.Join(", ", losses)}");
        // The epoch's value is the tracker's mean over that epoch's 4 batches (fit resets `metrics` each epoch).
        Assert.Equal(model.tracker.result().item<float>(), losses[4], 6);
    }

    /// <summary>Two sub-models, two optimizers: each step trains `a` with one optimizer and `b` with the other.</summary>
    sealed class TwoOptimizers : Model
    {
        public readonly Dense a, b;
        public readonly Optimizer optA = new SGD(0.05), optB = new Adam(0.01);
        readonly Mean _la = new("loss_a"), _lb = new("loss_b");

        public TwoOptimizers()
        {
            a = add_layer(new Dense(1));
            b = add_layer(new Dense(1));
        }

        public override Tensor call(Tensor inputs, bool training) => a.invoke(inputs, training).add(b.invoke(inputs, training));

        public override IReadOnlyList<Metric> metrics => new Metric[] { _la, _lb };

        public override Dictionary<string, Tensor> train_step(DataBatch data)
        {
            var (x, y, _) = data;
            foreach (var (layer, opt, tracker, other) in new[] { (a, optA, _la, b), (b, optB, _lb, a) })
            {
                using var scope = NewDisposeScope();
                Tensor otherOut;
                using (no_grad()) otherOut = other.invoke(x, true);
                var loss = layer.invoke(x, true).add(otherOut).sub(y!).square().mean();
                zero_grad();
                loss.backward();
                var vars = layer.trainable_weights;
                opt.apply(vars.Select(v => v.value.grad).ToList(), vars);
                tracker.update_state(loss.detach().reshape(1), null);
            }
            return new Dictionary<string, Tensor> { ["loss_a"] = _la.result(), ["loss_b"] = _lb.result() };
        }
    }

    [Fact]
    public void CustomTrainStep_TwoOptimizersStepTwoSubModels()
    {
        var (x, y) = Linear();
        var model = new TwoOptimizers();
        model.compile(optimizer: "sgd", loss: "mse");
        model.predict(x, verbose: 0); // builds the sub-layers
        var a0 = model.a.get_weights()[0].clone();
        var b0 = model.b.get_weights()[0].clone();
        var h = model.fit(x, y, batch_size: 32, epochs: 30, verbose: 0);
        Assert.Equal(60, model.optA.iterations);
        Assert.Equal(60, model.optB.iterations);
        Assert.Equal(0, model.optimizer!.iterations); // the compiled optimizer is not used by this step
        Assert.False(model.a.get_weights()[0].allclose(a0));
        Assert.False(model.b.get_weights()[0].allclose(b0));
        Assert.Equal(new[] { "loss_a", "loss_b" }, h.history.Keys.ToArray());
        Assert.True(h.history["loss_b"][^1] < h.history["loss_b"][0] / 5, string.Join(", ", h.history["loss_b"]));
        // Each optimizer is bound to its own sub-model's variables.
        Assert.Throws<ArgumentException>(() => model.optA.apply(model.b.trainable_weights.Select(v => (Tensor?)zeros_like(v.value)).ToList(), model.b.trainable_weights));
    }

    /// <summary>Trains on the mean absolute error, whatever loss was compiled.</summary>
    sealed class MaeModel : Sequential
    {
        public int calls;

        public MaeModel() : base([InputLayer(shape: [3]), Dense(1)]) { }

        public override Tensor compute_loss(Tensor[] x, Tensor? y, Tensor y_pred, Tensor? sample_weight, bool training = true)
        {
            calls++;
            return y_pred.sub(y!).abs().mean();
        }
    }

    [Fact]
    public void CustomComputeLoss_IsWhatTheDefaultStepsTrainOnAndLog()
    {
        var (x, y) = Linear();
        var model = new MaeModel();
        model.compile(optimizer: new SGD(0.05), loss: "mse");
        var h = model.fit(x, y, batch_size: 64, epochs: 20, shuffle: false, verbose: 0);
        Assert.Equal(20, model.calls); // one call per training step
        // The logged loss is the MAE of the weights before each step: the last one, recomputed by hand, matches evaluate's.
        var logs = model.evaluate(x, y, batch_size: 64, verbose: 0);
        using (no_grad())
        {
            var mae = model.predict(x, verbose: 0).sub(y).abs().mean().item<float>();
            Assert.Equal(mae, logs["loss"], 5);
        }
        Assert.True(h.history["loss"][^1] < h.history["loss"][0], string.Join(", ", h.history["loss"]));
    }

    /// <summary>A test_step and predict_step of one's own.</summary>
    sealed class StepModel : Sequential
    {
        public int tests, predicts;

        public StepModel() : base([InputLayer(shape: [3]), Dense(2)]) { }

        public override Dictionary<string, Tensor> test_step(DataBatch data)
        {
            tests++;
            return new Dictionary<string, Tensor> { ["seen"] = tensor((float)data.size) };
        }

        public override Tensor predict_step(DataBatch data)
        {
            predicts++;
            return call(data.x, false).mul(0);
        }
    }

    [Fact]
    public void CustomTestAndPredictSteps_AreWhatEvaluateAndPredictRun()
    {
        var model = new StepModel();
        model.compile(optimizer: "sgd", loss: "mse");
        var logs = model.evaluate(randn(10, 3), randn(10, 2), batch_size: 4, verbose: 0);
        Assert.Equal(3, model.tests);
        Assert.Equal(new Dictionary<string, double> { ["seen"] = 2.0 }, logs); // the last batch's logs, as Keras
        var p = model.predict(randn(10, 3), batch_size: 4, verbose: 0);
        Assert.Equal(3, model.predicts);
        Assert.Equal(new long[] { 10, 2 }, p.shape);
        Assert.Equal(0f, p.abs().sum().item<float>());
    }

    [Fact]
    public void DefaultTrainStep_StepsTheFlatBuffersThroughOptimizerApply()
    {
        var model = new Sequential([InputLayer(shape: [4]), Dense(8, activation: "relu"), Dense(3, activation: "softmax")]);
        var opt = new Adam();
        model.compile(loss: "categorical_crossentropy", optimizer: opt);
        model.fit(randn(30, 4), keras.utils.to_categorical(randint(0, 3, new long[] { 30 }), 3), batch_size: 10, epochs: 2, verbose: 0);
        Assert.Equal(6, opt.iterations);
        Assert.Equal(6, opt.flat_steps);
    }
}
