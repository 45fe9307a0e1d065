using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Layers;
using KerasSharp.Metrics;
using KerasSharp.Models;
using KerasSharp.Optimizers;
using KerasSharp.Regularizers;
using Xunit;
using static KerasSharp.Tests.Losses.Numerics;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Metrics;

/// <summary>
/// What fit and evaluate log as "loss" and "accuracy". Keras's train_step calls
/// <c>_loss_tracker.update_state(loss, sample_weight=batch_size)</c>, so the epoch loss is the batch-size-weighted
/// running mean, i.e. the per-sample mean over the epoch, not the mean of the batch means; regularization penalties
/// are part of the logged loss. With learning rate 0 the weights stay put and every number can be computed
/// independently here: a 4 → 3 softmax Dense with fixed weights on 70 samples, batches of 32, 32 and 6.
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class EpochLossTests
{
    const int N = 70, Features = 4, Classes = 3, Batch = 32;

    static readonly double[,] Kernel = { { 1.2, -0.7, 0.3 }, { -0.4, 0.9, -1.1 }, { 0.5, 0.2, -0.6 }, { -0.8, 0.4, 1.0 } };
    static readonly double[] Bias = { 0.1, -0.2, 0.05 };

    /// <summary>Deterministic features (float32-representable), labels and the model's softmax outputs, in double.</summary>
    sealed class Data
    {
        public readonly double[,] X = new double[N, Features];
        public readonly int[] Y = new int[N];
        public readonly double[][] Probabilities = new double[N][];

        public Data()
        {
            for (int i = 0; i < N; i++)
                for (int j = 0; j < Features; j++)
                    X[i, j] = F(1.5 * Math.Sin(0.37 * i + 1.3 * j) + 0.1 * j);
            for (int i = 0; i < N; i++)
            {
                var z = new double[Classes];
                for (int c = 0; c < Classes; c++)
                {
                    z[c] = F(Bias[c]);
                    for (int j = 0; j < Features; j++) z[c] += X[i, j] * F(Kernel[j, c]);
                }
                double m = z.Max();
                var e = z.Select(v => Math.Exp(v - m)).ToArray();
                Probabilities[i] = e.Select(v => v / e.Sum()).ToArray();
                var order = Enumerable.Range(0, Classes).OrderByDescending(c => Probabilities[i][c]).ToArray();
                // the last 6 samples (the third batch) get the least likely class: a large loss and accuracy 0 there;
                // elsewhere every fourth sample gets the second most likely class
                Y[i] = i >= 64 ? order[^1] : i % 4 == 0 ? order[1] : order[0];
            }
        }

        /// <summary>Keras's sparse categorical cross-entropy per sample: -log(clip(p_y, 1e-7, 1 - 1e-7)).</summary>
        public double Loss(int i) => -Math.Log(Math.Clamp(Probabilities[i][Y[i]], 1e-7, 1 - 1e-7));

        public double Correct(int i) => Probabilities[i].ToList().IndexOf(Probabilities[i].Max()) == Y[i] ? 1 : 0;

        public static double SampleMean(Func<int, double> f) => Enumerable.Range(0, N).Average(f);

        public static double MeanOfBatchMeans(Func<int, double> f) =>
            Enumerable.Range(0, (N + Batch - 1) / Batch).Average(b => Enumerable.Range(b * Batch, Math.Min(Batch, N - b * Batch)).Average(f));
    }

    static Sequential Build(Data data, Regularizer? kernel = null, Regularizer? activity = null, string loss = "sparse_categorical_crossentropy")
    {
        var dense = keras.layers.Dense(Classes, activation: "softmax", kernel_regularizer: kernel, activity_regularizer: activity);
        var model = new Sequential(new Layer[] { keras.layers.Input(shape: new[] { Features }), dense });
        model.compile(new SGD(learning_rate: 0.0), loss, metrics: new Metric[] { "accuracy" });
        var k = new float[Features, Classes];
        for (int j = 0; j < Features; j++)
            for (int c = 0; c < Classes; c++) k[j, c] = (float)Kernel[j, c];
        dense.set_weights(new List<Tensor> { tensor(k), tensor(Bias.Select(v => (float)v).ToArray()) });
        return model;
    }

    [Fact]
    public void Fit_EpochLossAndAccuracyAreSampleWeightedMeans()
    {
        var data = new Data();
        double loss = Data.SampleMean(data.Loss), batchMeans = Data.MeanOfBatchMeans(data.Loss);
        double accuracy = Data.SampleMean(data.Correct), batchAccuracies = Data.MeanOfBatchMeans(data.Correct);
        // the two candidate definitions are far apart on this data, so the test tells them apart
        Assert.True(Math.Abs(loss - batchMeans) > 0.2, $"per-sample mean {loss} vs mean of batch means {batchMeans}");
        Assert.True(Math.Abs(accuracy - batchAccuracies) > 0.1, $"accuracy {accuracy} vs {batchAccuracies}");

        var model = Build(data);
        var history = model.fit(data.X, data.Y, batch_size: Batch, epochs: 1, shuffle: false, verbose: 0);
        Close(loss, history.history["loss"][0]);
        Close(accuracy, history.history["accuracy"][0]);
        // the weights did not move (learning rate 0)
        Close(Kernel[0, 0], Scalar(model.layers[0].get_weights()[0][0, 0]));
    }

    [Fact]
    public void Fit_ShuffledEpochsLogTheSameSampleMean()
    {
        var data = new Data();
        keras.utils.set_random_seed(7);
        var history = Build(data).fit(data.X, data.Y, batch_size: Batch, epochs: 2, verbose: 0);
        Assert.Equal(2, history.history["loss"].Count);
        foreach (var value in history.history["loss"]) Close(Data.SampleMean(data.Loss), value);
        foreach (var value in history.history["accuracy"]) Close(Data.SampleMean(data.Correct), value);
    }

    [Fact]
    public void Fit_WithSampleWeights_SumsWeightedLossesOverTheSampleCount()
    {
        // each batch: sum(v·w) / batch size; weighted by the batch size over the epoch → sum(v·w) / N
        var data = new Data();
        var w = Enumerable.Range(0, N).Select(i => 0.25 * (i % 5)).ToArray();
        var history = Build(data).fit(data.X, data.Y, batch_size: Batch, shuffle: false, sample_weight: w, verbose: 0);
        Close(Enumerable.Range(0, N).Sum(i => data.Loss(i) * w[i]) / N, history.history["loss"][0]);
    }

    [Fact]
    public void Evaluate_ReturnsSortedKeysAndTheSampleMeans()
    {
        var data = new Data();
        var model = Build(data);
        foreach (int? batch in new int?[] { null, 7, 70 })
        {
            var logs = model.evaluate(data.X, data.Y, batch_size: batch, verbose: 0);
            Assert.Equal(new[] { "accuracy", "loss" }, logs.Keys);
            Close(Data.SampleMean(data.Loss), logs["loss"]);
            Close(Data.SampleMean(data.Correct), logs["accuracy"]);
        }
    }

    [Fact]
    public void KernelRegularizer_PenaltyIsAddedToTheLoggedLoss()
    {
        // L2(0.01): 0.01 · sum(k²) added to every batch's loss, so to the epoch mean
        var data = new Data();
        double penalty = 0;
        foreach (var k in Kernel) penalty += 0.01 * F(k) * F(k);
        Assert.True(penalty > 0.05);
        var model = Build(data, kernel: new L2(0.01));
        var history = model.fit(data.X, data.Y, batch_size: Batch, shuffle: false, verbose: 0);
        Close(Data.SampleMean(data.Loss) + penalty, history.history["loss"][0]);
        Close(Data.SampleMean(data.Correct), history.history["accuracy"][0]);
        Close(Data.SampleMean(data.Loss) + penalty, model.evaluate(data.X, data.Y, verbose: 0)["loss"]);
    }

    [Fact]
    public void ActivityRegularizer_PenaltyIsNormalisedByTheBatchSize()
    {
        // Keras 3 (layer.py, since 3.14): the activity loss of a batch is l2 · sum(output²) / batch size. Weighted by the
        // batch size over the epoch that is l2 · sum over all samples of sum(output²) / N.
        var data = new Data();
        double penalty = 0.01 * data.Probabilities.Sum(p => p.Sum(v => v * v)) / N;
        var model = Build(data, activity: new L2(0.01));
        var history = model.fit(data.X, data.Y, batch_size: Batch, shuffle: false, verbose: 0);
        Close(Data.SampleMean(data.Loss) + penalty, history.history["loss"][0]);
        // evaluate includes it too: Keras records activity losses on every call, and test_step's compute_loss adds them
        Close(Data.SampleMean(data.Loss) + penalty, model.evaluate(data.X, data.Y, verbose: 0)["loss"]);
    }
}
