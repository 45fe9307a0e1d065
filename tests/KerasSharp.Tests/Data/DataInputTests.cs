using KerasSharp.Models;
using Microsoft.Data.Analysis;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.optimizers;
using static KerasSharp.keras.utils;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Data;

/// <summary>What fit/evaluate/predict accept: tensors, .NET arrays, and ML.NET data views such as a DataFrame.</summary>
public sealed class DataInputTests : TorchTest
{
    static readonly double[,] X2 = { { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 } };
    static readonly float[] Y1 = { 1, 0, 1, 0 };

    static Sequential Linear()
    {
        var model = Sequential([InputLayer(shape: [2]), Dense(1)]);
        model.set_weights([tensor(new float[,] { { 0.5f }, { -0.25f } }), tensor(new float[] { 0.1f })]);
        model.compile(loss: "mse", optimizer: SGD(learning_rate: 0.0));
        return model;
    }

    static float[] Expected => new[] { 0.1f, 0.6f, 1.1f, 1.6f }; // 0.5·a - 0.25·b + 0.1 for rows (1,2), (3,4), (5,6), (7,8)

    [Fact]
    public void ArraysMatricesAndTensors_GiveTheSamePredictions()
    {
        var model = Linear();
        var fromDouble = model.predict(X2, verbose: 0).reshape(-1).data<float>().ToArray();
        var fromFloat = model.predict(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 } }, verbose: 0).reshape(-1).data<float>().ToArray();
        var fromJagged = model.predict(new[] { new double[] { 1, 2 }, new double[] { 3, 4 }, new double[] { 5, 6 }, new double[] { 7, 8 } }, verbose: 0).reshape(-1).data<float>().ToArray();
        var fromTensor = model.predict(tensor(X2), verbose: 0).reshape(-1).data<float>().ToArray();
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(Expected[i], fromDouble[i], 5);
            Assert.Equal(fromDouble[i], fromFloat[i]);
            Assert.Equal(fromDouble[i], fromJagged[i]);
            Assert.Equal(fromDouble[i], fromTensor[i]);
        }
    }

    [Fact]
    public void DataFrame_NumericColumnsBecomeFeatures_InColumnOrder()
    {
        var df = new DataFrame(
            new PrimitiveDataFrameColumn<double>("a", new double[] { 1, 3, 5, 7 }),
            new StringDataFrameColumn("note", new[] { "w", "x", "y", "z" }),
            new PrimitiveDataFrameColumn<int>("b", new[] { 2, 4, 6, 8 }));
        var model = Linear();
        var p = model.predict(df, verbose: 0).reshape(-1).data<float>().ToArray();
        for (int i = 0; i < 4; i++) Assert.Equal(Expected[i], p[i], 5);
        // Targets from a DataFrame column; mse at lr 0 equals the hand-computed mean.
        var target = new DataFrame(new PrimitiveDataFrameColumn<float>("y", Y1));
        var h = model.fit(df, target, batch_size: 4, verbose: 0);
        var expectedLoss = Expected.Select((e, i) => (e - Y1[i]) * (e - Y1[i])).Average();
        Assert.Equal(expectedLoss, h.history["loss"][0], 5);
    }

    [Fact]
    public void IntegerLabels_FromArraysAndDataFrameColumns_StaySparseLabels()
    {
        var model = Sequential([InputLayer(shape: [2]), Dense(3, activation: "softmax")]);
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        var a = model.evaluate(X2, new[] { 0, 1, 2, 1 }, verbose: 0);
        var b = model.evaluate(X2, new long[] { 0, 1, 2, 1 }, verbose: 0);
        var column = new PrimitiveDataFrameColumn<long>("target", new long[] { 0, 1, 2, 1 });
        var c = model.evaluate(X2, column, verbose: 0);
        Assert.Equal(a["loss"], b["loss"]);
        Assert.Equal(a["loss"], c["loss"]);
        Assert.Equal(a["accuracy"], c["accuracy"]);
    }

    [Fact]
    public void ToCategorical_OfADataFrameColumn_IsTheCoursesOneHot()
    {
        var column = new PrimitiveDataFrameColumn<long>("target", new long[] { 0, 2, 1 });
        var y = to_categorical(column);
        Assert.Equal(new long[] { 3, 3 }, y.shape);
        Assert.Equal(new double[] { 1, 0, 0, 0, 0, 1, 0, 1, 0 }, y.data<double>().ToArray());
    }

    [Fact]
    public void DataFrame_WithMissingValues_IsRefused()
    {
        var df = new DataFrame(
            new PrimitiveDataFrameColumn<double>("a", new double?[] { 1, null, 5, 7 }),
            new PrimitiveDataFrameColumn<double>("b", new double[] { 2, 4, 6, 8 }));
        var e = Assert.Throws<ArgumentException>(() => Linear().fit(df, Y1, verbose: 0));
        Assert.Contains("NaN", e.Message);
    }

    [Fact]
    public void DataFrame_WithoutNumericColumns_IsRefused()
    {
        var df = new DataFrame(new StringDataFrameColumn("s", new[] { "a", "b" }));
        var e = Assert.Throws<ArgumentException>(() => Linear().predict(df, verbose: 0));
        Assert.Contains("no numeric columns", e.Message);
    }
}
