using System;
using System.Linq;
using KerasSharp.Metrics;
using Xunit;
using static KerasSharp.Tests.Losses.Numerics;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Metrics;

/// <summary>
/// "accuracy"/"acc" resolution from shapes (compile_utils.py, is_binary_or_sparse_categorical) and the accuracy
/// functions of keras/src/metrics/accuracy_metrics.py, accumulated as sample-wise running means.
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class AccuracyTests
{
    static readonly double[,] Three = { { 0.7, 0.2, 0.1 }, { 0.1, 0.1, 0.8 }, { 0.3, 0.5, 0.2 }, { 0.2, 0.5, 0.3 } };
    // argmax per row: 0, 2, 1, 1

    static Metric Resolved(Metric m) => Assert.IsType<AutoAccuracy>(m).resolved!;

    [Fact]
    public void Accuracy_IntegerLabelsOfLowerRank_IsSparse()
    {
        var m = Metric.get("accuracy");
        m.update_state(L(0, 2, 0, 1), T(Three));   // 3 of 4 right
        Assert.IsType<SparseCategoricalAccuracy>(Resolved(m));
        Assert.Equal("accuracy", m.name);
        Assert.Equal("accuracy", Resolved(m).name);
        Close(0.75, m.result());
    }

    [Fact]
    public void Accuracy_LabelsOfShapeNBy1WithSeveralClasses_IsSparse()
    {
        var m = Metric.get("acc");
        m.update_state(L(0, 2, 0, 1).reshape(-1, 1), T(Three));
        Assert.IsType<SparseCategoricalAccuracy>(Resolved(m));
        Assert.Equal("acc", m.name);
        Close(0.75, m.result());
    }

    [Fact]
    public void Accuracy_OneHotLabels_IsCategorical()
    {
        var m = Metric.get("accuracy");
        m.update_state(T(new double[,] { { 1, 0, 0 }, { 0, 0, 1 }, { 1, 0, 0 }, { 0, 1, 0 } }), T(Three));
        Assert.IsType<CategoricalAccuracy>(Resolved(m));
        Close(0.75, m.result());
    }

    [Fact]
    public void Accuracy_OneOutput_IsBinary()
    {
        // y_pred (N, 1): binary, whatever y_true's shape; y_pred > 0.5 → (1, 0, 1, 0) vs labels (1, 0, 0, 0): 3 of 4
        var m = Metric.get("accuracy");
        m.update_state(L(1, 0, 0, 0), Col(0.9, 0.2, 0.6, 0.5));
        Assert.IsType<BinaryAccuracy>(Resolved(m));
        Close(0.75, m.result());
        var n = Metric.get("acc");
        n.update_state(Col(1, 0, 0, 0), Col(0.9, 0.2, 0.6, 0.5));
        Assert.IsType<BinaryAccuracy>(Resolved(n));
        Assert.Equal("acc", n.name);
        Close(0.75, n.result());
    }

    [Theory]
    [InlineData("ACC")]
    [InlineData("Accuracy")]
    public void Accuracy_NameMatchingIsCaseInsensitiveAndTheNameIsKept(string identifier)
    {
        // Keras tests str(identifier).lower() in ["accuracy", "acc"]
        var m = Metric.get(identifier);
        m.update_state(L(0, 2, 0, 1), T(Three));
        Assert.IsType<SparseCategoricalAccuracy>(Resolved(m));
        Assert.Equal(identifier, m.name);
    }

    [Fact]
    public void BinaryAccuracy_ThresholdIsStrict()
    {
        // 0.5 is not > 0.5: predicted 0, so labels 0 are right (with >= they would all be wrong)
        var m = new BinaryAccuracy();
        m.update_state(T(0, 0, 1), T(0.5, 0.5, 0.5000001));
        Close(1.0, m.result());
        var custom = new BinaryAccuracy(threshold: 0.7);
        custom.update_state(T(0, 1, 0, 1), T(0.7, 0.71, 0.69, 0.3));
        Close(0.5 + 0.25, custom.result());   // right, right, right, wrong
    }

    [Fact]
    public void SparseCategoricalAccuracy_OneHotLabels_AreRefusedByFitWithBothShapes()
    {
        // 3 samples of 3 classes: argmax(y_pred) of shape (3,) would broadcast against one-hot (3, 3) labels silently.
        var model = new KerasSharp.Models.Sequential([KerasSharp.keras.layers.InputLayer(shape: [2]), KerasSharp.keras.layers.Dense(3, activation: "softmax")]);
        model.compile(loss: "categorical_crossentropy", optimizer: "sgd", metrics: [new SparseCategoricalAccuracy()]);
        var before = model.get_weights().Select(w => w.clone()).ToList();
        var onehot = eye(3);
        var e = Assert.Throws<ArgumentException>(() => model.fit(randn(3, 2), onehot, epochs: 1, verbose: 0));
        Assert.Contains("sparse categorical accuracy", e.Message);
        Assert.Contains("y_true.shape=(1, 3)", e.Message);
        Assert.Contains("y_pred.shape=(1, 3)", e.Message);
        foreach (var (w, b) in model.get_weights().Zip(before)) Assert.True(w.eq(b).all().item<bool>(), "the refused fit changed the weights");
        // Integer labels of shape (N,) or (N, 1) are accepted.
        var sparse = new KerasSharp.Models.Sequential([KerasSharp.keras.layers.InputLayer(shape: [2]), KerasSharp.keras.layers.Dense(3, activation: "softmax")]);
        sparse.compile(loss: "sparse_categorical_crossentropy", optimizer: "sgd", metrics: [new SparseCategoricalAccuracy()]);
        Assert.Single(sparse.fit(randn(3, 2), tensor(new long[] { 0, 2, 1 }), epochs: 1, verbose: 0).history["sparse_categorical_accuracy"]);
        Assert.Single(sparse.fit(randn(3, 2), tensor(new float[] { 0, 2, 1 }).reshape(3, 1), epochs: 1, verbose: 0).history["sparse_categorical_accuracy"]);
    }

    [Fact]
    public void CategoricalAndSparse_CompareArgmax()
    {
        var c = new CategoricalAccuracy();
        c.update_state(T(new double[,] { { 0, 1, 0 }, { 0, 0, 1 }, { 1, 0, 0 }, { 0, 1, 0 } }), T(Three));   // wrong, right, wrong, right
        Close(0.5, c.result());
        var s = new SparseCategoricalAccuracy();
        s.update_state(T(1.0, 2.0, 0.0, 1.0), T(Three));   // float labels
        Close(0.5, s.result());
    }

    [Fact]
    public void TopK_CountsTheLabelAmongTheKLargest()
    {
        // rows' order by value: (1, 2, 0), (0, 1, 2), (2, 1, 0)
        double[,] p = { { 0.1, 0.5, 0.4 }, { 0.6, 0.3, 0.1 }, { 0.2, 0.3, 0.5 } };
        long[] labels = { 2, 2, 0 };
        // k = 2: 2 ∈ {1, 2} yes; 2 ∈ {0, 1} no; 0 ∈ {2, 1} no → 1/3
        var sparse = new SparseTopKCategoricalAccuracy(k: 2);
        sparse.update_state(L(labels), T(p));
        Close(1.0 / 3, sparse.result());
        var sparseCol = new SparseTopKCategoricalAccuracy(k: 2);
        sparseCol.update_state(L(labels).reshape(-1, 1), T(p));
        Close(1.0 / 3, sparseCol.result());
        var oneHot = new TopKCategoricalAccuracy(k: 2);
        oneHot.update_state(T(new double[,] { { 0, 0, 1 }, { 0, 0, 1 }, { 1, 0, 0 } }), T(p));
        Close(1.0 / 3, oneHot.result());
        // k = 3 ≥ classes: every label is in
        var all = new SparseTopKCategoricalAccuracy(k: 3);
        all.update_state(L(labels), T(p));
        Close(1.0, all.result());
        // default k = 5 with 3 classes
        var dflt = new TopKCategoricalAccuracy();
        Assert.Equal(5, dflt.k);
        dflt.update_state(T(new double[,] { { 0, 0, 1 }, { 0, 0, 1 }, { 1, 0, 0 } }), T(p));
        Close(1.0, dflt.result());
    }

    [Fact]
    public void TopK_TiesWithTheKthValueCount()
    {
        // Keras's in_top_k (torch backend): target value >= the k-th largest value. With (0.5, 0.5, 0) and k = 1 both
        // class 0 and class 1 are "in the top 1".
        double[,] p = { { 0.5, 0.5, 0.0 }, { 0.5, 0.5, 0.0 }, { 0.2, 0.2, 0.2 } };
        var m = new SparseTopKCategoricalAccuracy(k: 1);
        m.update_state(L(0, 1, 2), T(p));
        Close(1.0, m.result());
        var c = new TopKCategoricalAccuracy(k: 1);
        c.update_state(T(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }), T(p));
        Close(1.0, c.result());
    }

    [Fact]
    public void RunningMean_IsSampleWiseAcrossBatchesOfDifferentSizes()
    {
        // batch 1: 2 samples, 1 right; batch 2: 5 samples, 5 right → 6/7 = 0.857, not (0.5 + 1) / 2 = 0.75
        var m = new BinaryAccuracy();
        m.update_state(T(1, 0), T(0.9, 0.8));
        Close(0.5, m.result());
        m.update_state(T(1, 1, 0, 0, 1), T(0.6, 0.7, 0.1, 0.2, 0.99));
        Close(6.0 / 7, m.result());
        // a third batch of one wrong sample: 6/8
        m.update_state(T(1), T(0.1));
        Close(0.75, m.result());
    }

    [Fact]
    public void SampleWeights_WeightTheMean()
    {
        // right (w 1), wrong (w 3), right (w 0.5), wrong (w 0) → (1 + 0.5) / (1 + 3 + 0.5 + 0) = 0.3333
        var m = new BinaryAccuracy();
        m.update_state(T(1, 1, 0, 0), T(0.9, 0.1, 0.2, 0.8), T(1, 3, 0.5, 0));
        Close(1.5 / 4.5, m.result());
        // a later batch without weights counts each sample as 1: (1.5 + 2) / (4.5 + 2)
        m.update_state(T(1, 0), T(0.9, 0.1));
        Close(3.5 / 6.5, m.result());
    }

    [Fact]
    public void ResetState_StartsOver()
    {
        var m = Metric.get("accuracy");
        Close(0.0, m.result());
        m.update_state(L(0, 2, 0, 1), T(Three));
        Close(0.75, m.result());
        m.reset_state();
        Close(0.0, m.result());
        m.update_state(L(0, 2), T(new double[,] { { 0.7, 0.2, 0.1 }, { 0.1, 0.1, 0.8 } }));
        Close(1.0, m.result());
    }
}
