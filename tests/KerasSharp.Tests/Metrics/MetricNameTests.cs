using System;
using System.Linq;
using KerasSharp.Layers;
using KerasSharp.Metrics;
using KerasSharp.Models;
using KerasSharp.Optimizers;
using Xunit;

namespace KerasSharp.Tests.Metrics;

/// <summary>
/// Metric identifiers (keras/src/metrics/__init__.py <c>get</c> plus compile's accuracy rule), the exact-string naming
/// of metrics given by name, and compile's _1, _2 suffixes for duplicate names (CompileMetrics.result).
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class MetricNameTests
{
    [Theory]
    [InlineData("mae", typeof(MeanAbsoluteError))]
    [InlineData("MAE", typeof(MeanAbsoluteError))]
    [InlineData("mean_absolute_error", typeof(MeanAbsoluteError))]
    [InlineData("MeanSquaredError", typeof(MeanSquaredError))]
    [InlineData("mse", typeof(MeanSquaredError))]
    [InlineData("binary_accuracy", typeof(BinaryAccuracy))]
    [InlineData("categorical_accuracy", typeof(CategoricalAccuracy))]
    [InlineData("sparse_categorical_accuracy", typeof(SparseCategoricalAccuracy))]
    [InlineData("top_k_categorical_accuracy", typeof(TopKCategoricalAccuracy))]
    [InlineData("AUC", typeof(AUC))]
    [InlineData("auc", typeof(AUC))]
    [InlineData("precision", typeof(Precision))]
    [InlineData("Recall", typeof(Recall))]
    [InlineData("bce", typeof(BinaryCrossentropy))]
    public void KnownNames_KeepTheGivenString(string identifier, Type type)
    {
        var m = Metric.get(identifier);
        Assert.IsType(type, m);
        Assert.Equal(identifier, m.name);
    }

    [Theory]
    [InlineData("ce")]
    [InlineData("crossentropy")]
    [InlineData("Mae")]
    [InlineData("accuracy_score")]
    [InlineData("f1")]
    public void UnknownNames_Throw(string identifier)
    {
        // "ce"/"crossentropy" are compile conveniences for losses only: as metrics Keras raises
        // "Could not interpret metric identifier: ce"
        var e = Assert.Throws<ArgumentException>(() => Metric.get(identifier));
        Assert.Contains($"'{identifier}'", e.Message);
        Assert.Contains("accuracy", e.Message);
        Assert.Throws<ArgumentException>(() => { Metric m = identifier; });
    }

    [Fact]
    public void Compile_DuplicateNamesGetSuffixes()
    {
        var model = new Sequential(new Layer[] { keras.layers.Input(shape: new[] { 2 }), keras.layers.Dense(3, activation: "softmax") });
        model.compile(new SGD(learning_rate: 0.0), "sparse_categorical_crossentropy",
            metrics: new Metric[] { "accuracy", "accuracy", "acc", "mae", "accuracy", "mae" });
        Assert.Equal(new[] { "accuracy", "accuracy_1", "acc", "mae", "accuracy_2", "mae_1" }, model.metrics.Select(m => m.name));
        var history = model.fit(new double[,] { { 1, 2 }, { 3, 4 }, { 0, 1 } }, new[] { 0, 2, 1 }, verbose: 0);
        Assert.Equal(new[] { "acc", "accuracy", "accuracy_1", "accuracy_2", "loss", "mae", "mae_1" }, history.history.Keys.OrderBy(k => k, StringComparer.Ordinal));
        // the three accuracies are the same metric on the same data
        Assert.Equal(history.history["accuracy"][0], history.history["accuracy_1"][0]);
        Assert.Equal(history.history["accuracy"][0], history.history["acc"][0]);
    }
}
