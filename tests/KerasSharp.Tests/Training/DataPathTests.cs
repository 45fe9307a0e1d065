using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using KerasSharp.Data;
using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Optimizers;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Training;

/// <summary>
/// One data path for fit, evaluate and predict (keras/src/trainers/epoch_iterator.py and data_adapters/): in-memory
/// tensors and arrays of any rank, several inputs, a PyDataset and batch enumerables, steps_per_epoch.
/// </summary>
public sealed class DataPathTests : TorchTest
{
    static readonly Tensor W = tensor(new float[] { 1f, -2f, 0.5f }).reshape(3, 1);

    sealed class Batches(int count, int workers, int batch = 8) : PyDataset(workers: workers)
    {
        public int epochsEnded;
        public int built;
        readonly Tensor _x = randn(count * batch, 3);

        public override int num_batches => count;

        public override DataBatch this[int index]
        {
            get
            {
                Interlocked.Increment(ref built);
                var x = _x.narrow(0, index * batch, batch);
                return (x, x.matmul(W));
            }
        }

        public override void on_epoch_end() => epochsEnded++;

        public (Tensor x, Tensor y) All() => (_x, _x.matmul(W));
    }

    static Sequential Linear()
    {
        var m = new Sequential([InputLayer(shape: [3]), Dense(1)]);
        m.compile(optimizer: new SGD(0.1), loss: "mse");
        return m;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void PyDataset_TrainsBatchByBatchInOrder_AsTheSameTensorsWould(int workers)
    {
        var data = new Batches(5, workers);
        var viaSource = Linear();
        var start = viaSource.get_weights();
        var h = viaSource.fit(data, epochs: 2, verbose: 0);
        Assert.Equal(10, viaSource.optimizer!.iterations);
        Assert.Equal(2, data.epochsEnded);
        Assert.Equal(2, h.history["loss"].Count);

        var viaTensors = Linear();
        viaTensors.set_weights(start);
        var (x, y) = data.All();
        var h2 = viaTensors.fit(x, y, batch_size: 8, epochs: 2, shuffle: false, verbose: 0);
        Assert.True(viaSource.get_weights()[0].allclose(viaTensors.get_weights()[0], 1e-6, 1e-7));
        Assert.Equal(h2.history["loss"][1], h.history["loss"][1], 6);
        // evaluate and predict read it too.
        Assert.Equal(viaTensors.evaluate(x, y, batch_size: 8, verbose: 0)["loss"], viaSource.evaluate(data, verbose: 0)["loss"], 6);
        Assert.Equal(new long[] { 40, 1 }, viaSource.predict(data, verbose: 0).shape);
    }

    [Fact]
    public void StepsPerEpoch_ContinuesPassesAcrossEpochs()
    {
        var data = new Batches(5, 1);
        var model = Linear();
        model.fit(data, epochs: 3, steps_per_epoch: 2, verbose: 0);
        Assert.Equal(6, model.optimizer!.iterations);
        Assert.Equal(2, data.epochsEnded); // 6 batches: one full pass of 5, then one batch of a second pass, which ends with fit
    }

    [Fact]
    public void BatchEnumerable_IsAcceptedAsX()
    {
        var (x, y) = new Batches(4, 0).All();
        IEnumerable<(Tensor x, Tensor y)> Stream()
        {
            for (int i = 0; i < 4; i++) yield return (x.narrow(0, i * 8, 8), y.narrow(0, i * 8, 8));
        }
        var model = Linear();
        var h = model.fit(Stream(), epochs: 3, verbose: 0);
        Assert.Equal(12, model.optimizer!.iterations);
        Assert.True(h.history["loss"][2] < h.history["loss"][0]);
        var e = Assert.Throws<ArgumentException>(() => model.fit(Stream(), y, verbose: 0));
        Assert.Contains("`y` must not be given", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.fit(Stream(), validation_split: 0.2, verbose: 0));
        Assert.Contains("validation_split", e.Message);
    }

    [Fact]
    public void PyDataset_ErrorsInTheBackgroundWorker_ReachTheCaller_AndTheModelStaysUsable()
    {
        var model = Linear();
        var e = Assert.Throws<InvalidOperationException>(() => model.fit(new Failing(), epochs: 1, verbose: 0));
        Assert.Contains("batch 2 is broken", e.InnerException!.Message);
        Assert.Equal(2, model.optimizer!.iterations);
        model.fit(randn(8, 3), randn(8, 1), verbose: 0);
        Assert.Equal(3, model.optimizer!.iterations);
    }

    sealed class Failing() : PyDataset(workers: 1)
    {
        public override int num_batches => 4;
        public override DataBatch this[int index] => index == 2 ? throw new InvalidOperationException("batch 2 is broken") : (randn(4, 3), randn(4, 1));
    }

    /// <summary>Two inputs, concatenated: fit, evaluate and predict hand the model a Tensor[] per batch.</summary>
    sealed class TwoInputs : Model
    {
        readonly Dense _dense;
        public int multiCalls;

        public TwoInputs() => _dense = add_layer(new Dense(1));

        public override Tensor call(Tensor inputs, bool training) => _dense.invoke(inputs, training);

        public override Tensor call(Tensor[] inputs, bool training)
        {
            multiCalls++;
            return call(cat(inputs, 1), training);
        }
    }

    [Fact]
    public void SeveralInputs_ReachTheModelAsATensorArray()
    {
        var a = randn(20, 2);
        var b = randn(20, 1);
        var y = cat(new[] { a, b }, 1).matmul(W);
        var model = new TwoInputs();
        model.compile(optimizer: new SGD(0.1), loss: "mse");
        var h = model.fit(new[] { a, b }, y, batch_size: 5, epochs: 5, verbose: 0);
        Assert.True(model.multiCalls >= 20);
        Assert.True(h.history["loss"][4] < h.history["loss"][0]);
        Assert.Equal(new long[] { 20, 1 }, model.predict(new[] { a, b }, verbose: 0).shape);
        var e = Assert.Throws<ArgumentException>(() => model.fit(new[] { a, b.narrow(0, 0, 10) }, y, verbose: 0));
        Assert.Contains("same number of samples", e.Message);
    }

    [Fact]
    public void ArraysOfAnyRank_BecomeTensorsOfThatShape()
    {
        var images = new float[6, 4, 4, 1];
        images[2, 1, 3, 0] = 5f;
        var t = TensorConversion.Features(images, "x");
        Assert.Equal(new long[] { 6, 4, 4, 1 }, t.shape);
        Assert.Equal(5f, t[2, 1, 3, 0].item<float>());
        var tokens = new long[,,] { { { 1 }, { 2 } }, { { 3 }, { 4 } } };
        var tt = TensorConversion.Targets(tokens, "y");
        Assert.Equal(ScalarType.Int64, tt.dtype);
        Assert.Equal(new long[] { 2, 2, 1 }, tt.shape);
        Assert.Equal(4L, tt[1, 1, 0].item<long>());
        // An image model: flatten inside the model, fit and predict on (N, H, W, C).
        var model = new Sequential([InputLayer(shape: [4, 4, 1]), TorchModule(nn.Flatten(), output_shape: s => new long?[] { s[0], 16 }), Dense(2, activation: "softmax")]);
        model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");
        model.fit(images, new long[] { 0, 1, 0, 1, 0, 1 }, epochs: 1, verbose: 0);
        Assert.Equal(new long[] { 6, 2 }, model.predict(images, verbose: 0).shape);
    }
}
