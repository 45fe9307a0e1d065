using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KerasSharp.Callbacks;
using KerasSharp.Models;
using KerasSharp.Optimizers;
using Microsoft.Data.Analysis;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>Issue 13's training items: class_weight as Keras, shared layers, concurrent runs, smaller misuse, disposal.</summary>
public sealed class MisuseTests : TorchTest
{
    static Sequential Classifier()
    {
        var m = new Sequential([InputLayer(shape: [2]), Dense(2, activation: "softmax")]);
        m.compile(optimizer: new SGD(0.0), loss: "sparse_categorical_crossentropy");
        return m;
    }

    [Fact]
    public void ClassWeight_WeighsTheTrainingPartOnly_AfterValidationSplit()
    {
        // Learning rate 0: the validation loss is the model's loss on the last rows, unweighted whatever class_weight says.
        var x = randn(20, 2);
        var y = randint(0, 2, new long[] { 20 });
        var m = Classifier();
        var plain = m.fit(x, y, validation_split: 0.5, epochs: 1, verbose: 0).history;
        var weighted = m.fit(x, y, validation_split: 0.5, epochs: 1, verbose: 0, class_weight: new Dictionary<int, double> { [0] = 10, [1] = 10 }).history;
        Assert.Equal(plain["val_loss"][0], weighted["val_loss"][0], 6);
        Assert.Equal(plain["loss"][0] * 10, weighted["loss"][0], 4);
    }

    [Fact]
    public void ClassWeight_MissingClassWeighsOne_SoftLabelsRound_HugeLabelsNeedNoTable()
    {
        var labels = tensor(new long[] { 0, 1, 1, 5 });
        var w = KerasSharp.Data.ClassWeights.SampleWeights(labels, new Dictionary<int, double> { [1] = 3 }, checkLabels: true);
        Assert.Equal(new float[] { 1, 3, 3, 1 }, w.data<float>().ToArray());
        // np.round: 0.6 is class 1, 0.4 class 0 (truncation would make both 0).
        var soft = tensor(new float[] { 0.6f, 0.4f }).reshape(2, 1);
        Assert.Equal(new float[] { 3, 1 }, KerasSharp.Data.ClassWeights.SampleWeights(soft, new Dictionary<int, double> { [1] = 3 }, true).data<float>().ToArray());
        // A label of 50,000,000: the table holds only the classes named (this allocated gigabytes before).
        var huge = tensor(new float[] { 50_000_000f, 1f }).reshape(2, 1);
        Assert.Equal(new float[] { 1, 3 }, KerasSharp.Data.ClassWeights.SampleWeights(huge, new Dictionary<int, double> { [1] = 3 }, true).data<float>().ToArray());
        var m = new Sequential([InputLayer(shape: [1]), Dense(1)]);
        m.compile(optimizer: "sgd", loss: "mse");
        m.fit(tensor(new float[] { 1f, 2f }).reshape(2, 1), huge, verbose: 0, class_weight: new Dictionary<int, double> { [1] = 3 });
        var e = Assert.Throws<ArgumentException>(() => m.fit(tensor(new float[] { 1f, 2f }).reshape(2, 1), tensor(new float[] { -1f, -3f }).reshape(2, 1), verbose: 0, class_weight: new Dictionary<int, double> { [1] = 3 }));
        Assert.Contains("non-negative integer class labels", e.Message);
        Assert.Contains("-3", e.Message);
    }

    [Fact]
    public void ALayerSharedByTwoModels_KeepsTrainingInBoth()
    {
        var shared = Dense(2, name: "shared");
        var a = new Sequential([InputLayer(shape: [3]), shared, Dense(1)]);
        var b = new Sequential([InputLayer(shape: [3]), shared, Dense(1)]);
        a.compile(optimizer: new SGD(0.1), loss: "mse");
        b.compile(optimizer: new SGD(0.1), loss: "mse");
        var x = randn(16, 3);
        var y = randn(16, 1);
        a.fit(x, y, verbose: 0);
        b.fit(x, y, verbose: 0);
        var before = shared.get_weights()[0].clone();
        a.fit(x, y, verbose: 0);
        Assert.False(shared.get_weights()[0].allclose(before), "the shared kernel must move when the first model trains again");
        var afterA = shared.get_weights()[0].clone();
        b.fit(x, y, verbose: 0);
        Assert.False(shared.get_weights()[0].allclose(afterA));
        // The weights seen through each model are the same tensors.
        Assert.True(a.layers[0].get_weights()[0].eq(b.layers[0].get_weights()[0]).all().item<bool>());
    }

    [Fact]
    public async Task ConcurrentRuns_OnOneModel_AreRefused_AndTheModelStaysUsable()
    {
        var m = new Sequential([InputLayer(shape: [3]), Dense(1)]);
        m.compile(optimizer: "adam", loss: "mse");
        var x = randn(16, 3);
        var y = randn(16, 1);
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var blocker = new LambdaCallback(on_epoch_begin: (e, _) => { if (e == 0) { inside.Set(); release.Wait(); } });
        var first = Task.Run(() => m.fit(x, y, epochs: 2, verbose: 0, callbacks: [blocker]));
        Assert.True(inside.Wait(TimeSpan.FromSeconds(60)));
        var refused = Assert.Throws<InvalidOperationException>(() => m.fit(x, y, verbose: 0));
        Assert.Contains("already running fit on another thread", refused.Message);
        Assert.Throws<InvalidOperationException>(() => m.evaluate(x, y, verbose: 0));
        Assert.Throws<InvalidOperationException>(() => m.predict(x, verbose: 0));
        release.Set();
        await first.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Equal(2, m.optimizer!.iterations);
        m.fit(x, y, verbose: 0);
        Assert.Equal(3, m.optimizer!.iterations);
        // The same thread may nest: a callback predicting during fit.
        var nested = new LambdaCallback(on_epoch_end: (_, _) => m.predict(x, verbose: 0).Dispose());
        m.fit(x, y, verbose: 0, callbacks: [nested]);
    }

    [Fact]
    public void OptimizerConstants_AreThreadSafe()
    {
        var opt = new Adam();
        Parallel.For(0, 2000, i => opt.constant(i % 97));
        Assert.Same(opt.constant(3), opt.constant(3));
    }

    [Fact]
    public void Compile_FromACallbackDuringFit_IsRefusedClearly()
    {
        var m = new Sequential([InputLayer(shape: [3]), Dense(1)]);
        m.compile(optimizer: "adam", loss: "mse");
        var recompile = new LambdaCallback(on_epoch_end: (_, _) => m.compile(optimizer: "sgd", loss: "mae"));
        var e = Assert.Throws<InvalidOperationException>(() => m.fit(randn(8, 3), randn(8, 1), verbose: 0, callbacks: [recompile]));
        Assert.Contains("compile() cannot be called while `fit` is running", e.Message);
        Assert.IsType<Adam>(m.optimizer);
        m.fit(randn(8, 3), randn(8, 1), verbose: 0);
        m.compile(optimizer: "sgd", loss: "mae");
        Assert.IsType<SGD>(m.optimizer);
    }

    [Fact]
    public void SmallerMisuse_GetsClearErrors()
    {
        var m = new Sequential([InputLayer(shape: [4]), Dense(3, activation: "softmax")]);
        m.compile(optimizer: "adam", loss: "categorical_crossentropy");
        // predict on 0 rows: (0, 3), as Keras.
        Assert.Equal(new long[] { 0, 3 }, m.predict(zeros(0, 4), verbose: 0).shape);
        // A scalar tensor has no sample dimension.
        var e = Assert.Throws<ArgumentException>(() => m.predict(tensor(1f), verbose: 0));
        Assert.Contains("sample dimension", e.Message);
        // The meta device holds no values.
        e = Assert.Throws<ArgumentException>(() => m.predict(empty(new long[] { 2, 4 }, device: new Device("meta")), verbose: 0));
        Assert.Contains("meta device", e.Message);
        // fit on an x that requires grad leaves its grad alone.
        var x = randn(8, 4).requires_grad_(true);
        m.fit(x, keras.utils.to_categorical(randint(0, 3, new long[] { 8 }), 3), verbose: 0);
        Assert.Null(x.grad);
        // An empty Sequential is refused (Keras cannot build it).
        var bare = new Sequential();
        bare.compile(optimizer: "adam", loss: "mse");
        var ie = Assert.Throws<InvalidOperationException>(() => bare.fit(randn(4, 2), randn(4, 1), verbose: 0));
        Assert.Contains("has no layers", ie.Message);
    }

    [Fact]
    public void DataFrameNulls_InIntegerAndBooleanColumns_AreRefused()
    {
        var m = new Sequential([InputLayer(shape: [2]), Dense(1)]);
        m.compile(optimizer: "adam", loss: "mse");
        var ints = new PrimitiveDataFrameColumn<int>("n", new int?[] { 1, null, 3 });
        var df = new DataFrame(ints, new PrimitiveDataFrameColumn<float>("f", new float[] { 1, 2, 3 }));
        var e = Assert.Throws<ArgumentException>(() => m.fit(df, new float[] { 1, 2, 3 }, verbose: 0));
        Assert.Contains("column 'n'", e.Message);
        Assert.Contains("1 missing value", e.Message);
        var bools = new DataFrame(new PrimitiveDataFrameColumn<bool>("b", new bool?[] { true, null }), new PrimitiveDataFrameColumn<float>("f", new float[] { 1, 2 }));
        Assert.Throws<ArgumentException>(() => m.predict(bools, verbose: 0));
    }

    [Fact]
    public void Using_AModel_ReturnsTheLiveTensorCountToItsBaseline()
    {
        var x = randn(32, 4);
        var y = keras.utils.to_categorical(randint(0, 3, new long[] { 32 }), 3);
        // TorchSharp 0.107 never uncounts the tensor a Parameter is made from (`new Parameter(t)` moves t's handle
        // away, so disposing t does not decrement Tensor.TotalCount): measured here, one per parameter made.
        long before = Tensor.TotalCount;
        using (var data = zeros(3))
        using (var p = new TorchSharp.Modules.Parameter(data)) { }
        long perParameter = Tensor.TotalCount - before;
        Assert.Equal(1, perParameter);

        long baseline = Tensor.TotalCount;
        int weights;
        using (var model = new Sequential([Dense(8, activation: "relu"), Dense(3, activation: "softmax")]))
        {
            model.compile(optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy", "mae"]);
            model.fit(x, y, epochs: 2, batch_size: 8, verbose: 0, validation_split: 0.25);
            model.evaluate(x, y, verbose: 0);
            model.predict(x, verbose: 0).Dispose();
            weights = model.variables.Count;
            Assert.True(Tensor.TotalCount > baseline + weights * perParameter);
        }
        Assert.Equal(4, weights);
        Assert.Equal(baseline + weights * perParameter, Tensor.TotalCount);
    }
}
