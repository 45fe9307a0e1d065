using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Callbacks;
using KerasSharp.Constraints;
using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Optimizers;
using KerasSharp.Optimizers.Schedules;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>
/// One optimizer state model (keras/src/optimizers/base_optimizer.py): build binds named slots to variables, apply
/// refuses unknown variables and skips missing gradients, learning_rate takes a schedule, use_ema keeps averages,
/// constraints project after the step, clipnorm=0 clips nothing.
/// </summary>
public sealed class OptimizerStateTests : TorchTest
{
    static Sequential Linear() => new([InputLayer(shape: [3]), Dense(2)]);

    [Fact]
    public void ReusingAnOptimizerOnASecondModel_RaisesUnknownVariable_AndChangesNothing()
    {
        var opt = new Adam();
        var a = Linear();
        a.compile(optimizer: opt, loss: "mse");
        a.fit(randn(8, 3), randn(8, 2), verbose: 0);
        Assert.Equal(1, opt.iterations);
        var b = Linear();
        b.compile(optimizer: opt, loss: "mse");
        var before = b.get_weights();
        var e = Assert.Throws<ArgumentException>(() => b.fit(randn(8, 3), randn(8, 2), verbose: 0));
        Assert.StartsWith("Unknown variable: <Variable path=dense_1/kernel", e.Message);
        Assert.Contains("recreate a new optimizer instance", e.Message);
        Assert.Equal(1, opt.iterations);
        Assert.All(b.get_weights().Zip(before), p => Assert.True(p.First.eq(p.Second).all().item<bool>()));
        // The first model still trains with it.
        a.fit(randn(8, 3), randn(8, 2), verbose: 0);
        Assert.Equal(2, opt.iterations);
    }

    [Fact]
    public void Build_CreatesNamedSlotsBoundToTheVariables()
    {
        var model = Linear();
        var opt = new Adam();
        opt.build(model.trainable_weights);
        Assert.True(opt.built);
        var kernel = model.trainable_weights[0];
        Assert.Equal(new long[] { 3, 2 }, opt.slot(kernel, "momentum").shape);
        Assert.Equal(new long[] { 3, 2 }, opt.slot(kernel, "velocity").shape);
        Assert.Throws<ArgumentException>(() => opt.slot(kernel, "nope"));
        Assert.Throws<InvalidOperationException>(() => opt.build(model.trainable_weights));
        // One step: m = (1 - β1)·g exactly.
        var grads = model.trainable_weights.Select(v => (Tensor?)ones_like(v.value)).ToList();
        opt.apply(grads, model.trainable_weights);
        Assert.True(opt.slot(kernel, "momentum").allclose(full(3, 2, 0.1f)));
    }

    [Fact]
    public void VariablesWithoutAGradient_AreSkipped()
    {
        var w1 = zeros(2);
        var w2 = zeros(2);
        var opt = new SGD(0.5, momentum: 0.9);
        opt.apply(new Tensor?[] { null, ones(2) }, new[] { w1, w2 });
        Assert.Equal(0f, w1.abs().sum().item<float>());
        Assert.Equal(-0.5f, w2[0].item<float>(), 6);
        Assert.Equal(1, opt.iterations);
        var e = Assert.Throws<ArgumentException>(() => opt.apply(new Tensor?[] { null, null }, new[] { w1, w2 }));
        Assert.Contains("No gradients provided for any variable", e.Message);
        Assert.Equal(1, opt.iterations);
    }

    sealed class InverseTime(double initial) : LearningRateSchedule
    {
        public override double call(long step) => initial / (1 + step);
    }

    [Fact]
    public void LearningRate_TakesASchedule_EvaluatedAtTheIterationCount()
    {
        var opt = new SGD(learning_rate: new InverseTime(0.1));
        var w = zeros(1);
        Assert.Equal(0.1, opt.learning_rate);
        for (int i = 0; i < 3; i++) opt.apply(new[] { ones(1) }, new[] { w });
        Assert.Equal(-(0.1 + 0.05 + 0.1 / 3), w.item<float>(), 6);
        Assert.Equal(0.025, opt.learning_rate, 12);
        var e = Assert.Throws<InvalidOperationException>(() => opt.learning_rate = 0.5);
        Assert.Contains("not settable", e.Message);
        Assert.IsType<InverseTime>(opt.learning_rate_schedule);
        // A number stays settable (callbacks set it between steps).
        var constant = new SGD(0.1);
        constant.learning_rate = 0.2;
        Assert.Equal(0.2, constant.learning_rate);
    }

    [Fact]
    public void ClipnormZero_MeansNoClipping()
    {
        var w1 = zeros(3);
        var w2 = zeros(3);
        new SGD(0.1, clipnorm: 0.0).apply(new[] { full(3, 10f) }, new[] { w1 });
        new SGD(0.1).apply(new[] { full(3, 10f) }, new[] { w2 });
        Assert.True(w1.eq(w2).all().item<bool>());
        Assert.Equal(-1f, w1[0].item<float>(), 6);
    }

    [Fact]
    public void Ema_FollowsKerasFormula_AndOverwritesAtItsFrequency()
    {
        // base_optimizer.py: average = m·average + (1 - m)·var with m = 0 at the first step; every f steps var = average.
        var opt = new SGD(1.0, use_ema: true, ema_momentum: 0.5, ema_overwrite_frequency: 3);
        var w = zeros(1);
        double wv = 0, avg = 0;
        for (int step = 0; step < 3; step++)
        {
            opt.apply(new[] { ones(1) }, new[] { w });
            wv -= 1;
            double m = step == 0 ? 0 : 0.5;
            avg = m * avg + (1 - m) * wv;
            if ((step + 1) % 3 == 0) wv = avg;
            Assert.Equal(wv, w.item<float>(), 6);
            Assert.Equal(avg, opt.slot(w, "average").item<float>(), 6);
        }
        Assert.Equal(-2.25, w.item<float>(), 6); // overwritten with the average at step 3
        Assert.Throws<ArgumentException>(() => new SGD(use_ema: true, ema_momentum: 1.5));
    }

    [Fact]
    public void SwapEMAWeights_EvaluatesWithTheAverages_AndTrainsOnTheWeights()
    {
        var model = Linear();
        var opt = new SGD(0.1, use_ema: true, ema_momentum: 0.9);
        model.compile(optimizer: opt, loss: "mse");
        var x = randn(16, 3);
        var y = randn(16, 2);
        var seen = new List<float>();
        var probe = new LambdaCallback(on_epoch_end: (_, _) => seen.Add(model.trainable_weights[0].value[0, 0].item<float>()));
        model.fit(x, y, epochs: 3, batch_size: 4, verbose: 0, validation_data: (x, y), callbacks: [new SwapEMAWeights(swap_on_epoch: true), probe]);
        // fit ends with finalize_variable_values: the weights are the averages.
        var avg = opt.slot(model.trainable_weights[0], "average");
        Assert.True(model.trainable_weights[0].value.eq(avg).all().item<bool>());
        Assert.Equal(3, seen.Count);
        var e = Assert.Throws<InvalidOperationException>(() =>
        {
            var plain = Linear();
            plain.compile(optimizer: "sgd", loss: "mse");
            plain.fit(x, y, verbose: 0, callbacks: [new SwapEMAWeights()]);
        });
        Assert.Contains("use_ema", e.Message);
    }

    sealed class ClampTo(float limit) : Constraint
    {
        public override Tensor call(Tensor w) => w.clamp(-limit, limit);
    }

    sealed class ConstrainedDense(int units, Constraint constraint) : Layer
    {
        Variable? _kernel;

        public override void build(long?[] input_shape) =>
            _kernel = add_weight("kernel", new[] { input_shape[^1]!.Value, (long)units }, constraint: constraint);

        public override Tensor call(Tensor inputs, bool training) => inputs.matmul(_kernel!.value);
    }

    [Fact]
    public void Constraints_ProjectTheWeightsAfterEachStep()
    {
        var model = new Sequential([InputLayer(shape: [3]), new ConstrainedDense(2, new ClampTo(0.05f))]);
        model.compile(optimizer: new SGD(1.0), loss: "mse");
        model.fit(randn(32, 3), randn(32, 2).mul(10), epochs: 2, verbose: 0);
        var k = model.get_weights()[0];
        Assert.True(k.abs().max().item<float>() <= 0.05f + 1e-7f, k.ToString(TorchSharp.TensorStringStyle.Numpy));
        Assert.True(k.abs().max().item<float>() > 0.049f);
    }
}
