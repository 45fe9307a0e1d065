using System;
using System.Linq;
using KerasSharp.Losses;
using Xunit;
using static KerasSharp.Tests.Losses.KerasFormulas;
using static KerasSharp.Tests.Losses.Numerics;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Losses;

/// <summary>
/// Binary, categorical and sparse categorical cross-entropy against Keras's torch-backend formulas: clipping to
/// [1e-7, 1 - 1e-7] (as float32), renormalisation p / sum(p), logits, label smoothing, label shapes and ignore_class.
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class CrossentropyLossTests
{
    // -log(1e-7) as float32 = 16.118095639, the largest per-class cross-entropy Keras can report.
    const double MaxCrossentropy = 16.118095639272223;

    static readonly double[,] OneHot = { { 0, 1, 0 }, { 1, 0, 0 }, { 0, 0, 1 }, { 0, 1, 0 } };
    static readonly double[,] Probabilities = { { 0.2, 0.6, 0.2 }, { 0.0, 0.5, 0.5 }, { 1, 1, 2 }, { 0, 1, 0 } };

    [Fact]
    public void Categorical_RenormalisesAndClips()
    {
        // row 0: -log 0.6 = 0.5108256
        // row 1: the true class has p = 0 → clip to 1e-7 → -log(1e-7) = 16.1180956 (not infinity)
        // row 2: (1, 1, 2) is renormalised to (0.25, 0.25, 0.5) → -log 0.5 = 0.6931472 (unnormalised it would be ~0)
        // row 3: p = 1 is clipped to 1 - 1e-7 (float32 0.99999988) → 1.19e-7
        var expected = PerRow(Rows(OneHot), Rows(Probabilities), (t, p) => CategoricalCrossentropy(t, p));
        Close(new[] { -Math.Log(0.6), MaxCrossentropy, Math.Log(2), 1.1920929e-7 }, T(expected), rel: 1e-6);
        var loss = new KerasSharp.Losses.CategoricalCrossentropy();
        Close(expected, loss.call(T(OneHot), T(Probabilities)));
        Close(expected.Average(), loss.compute(T(OneHot), T(Probabilities)));
    }

    [Fact]
    public void Categorical_LabelSmoothingSpreadsOverTheClasses()
    {
        // s = 0.3, 3 classes: y = t·0.7 + 0.1. row 1: -(0.8·log 1e-7 + 0.1·log 0.5 + 0.1·log 0.5) = 12.8944765 + 0.1386294 = 13.0331059
        var expected = PerRow(Rows(OneHot), Rows(Probabilities), (t, p) => CategoricalCrossentropy(t, p, 0.3));
        Close(0.8 * MaxCrossentropy + 0.2 * Math.Log(2), expected[1], rel: 1e-7);
        var loss = new KerasSharp.Losses.CategoricalCrossentropy(label_smoothing: 0.3);
        Close(expected, loss.call(T(OneHot), T(Probabilities)));
        Close(expected.Average(), loss.compute(T(OneHot), T(Probabilities)));
    }

    [Fact]
    public void Categorical_FromLogits()
    {
        // row 0: z = (2, 1, 0.1), class 1: -(1 - log(e² + e¹ + e^0.1)) = 1.4170300
        double[,] z = { { 2, 1, 0.1 }, { -1, 3, 0.5 }, { 0, 0, 0 }, { 10, -10, 0 } };
        var expected = PerRow(Rows(OneHot), Rows(z), (t, p) => CategoricalCrossentropyFromLogits(t, p));
        Close(Math.Log(Math.Exp(2) + Math.Exp(1) + Math.Exp(0.1)) - 1, expected[0], rel: 1e-6);
        Close(expected, new KerasSharp.Losses.CategoricalCrossentropy(from_logits: true).call(T(OneHot), T(z)));
        var smoothed = PerRow(Rows(OneHot), Rows(z), (t, p) => CategoricalCrossentropyFromLogits(t, p, 0.1));
        Close(smoothed, new KerasSharp.Losses.CategoricalCrossentropy(from_logits: true, label_smoothing: 0.1).call(T(OneHot), T(z)));
    }

    [Fact]
    public void Binary_ClipsAndAveragesOverTheLastAxis()
    {
        // row 0: (-log 0.9 - log 0.8 - log(0.99999988)) / 3 = (0.1053605 + 0.2231436 + 1.2e-7) / 3 = 0.1095014
        // row 1: y = 0 with p = 1: p is clipped to float32(1 - 1e-7) = 0.99999988, so -log(1 - p) = -log(1.1920929e-7)
        //        = 15.9423852 (not 16.118: 1 - 1e-7 is not representable in float32, in Keras either)
        //        → (-log 0.4 + 15.9423852 + 1e-7) / 3 = 5.6195587
        double[,] t = { { 0, 1, 1 }, { 1, 0, 0 } };
        double[,] p = { { 0.1, 0.8, 1.0 }, { 0.4, 1.0, 0.0 } };
        var expected = PerRow(Rows(t), Rows(p), (a, b) => BinaryCrossentropy(a, b));
        Close((-Math.Log(0.9) - Math.Log(0.8) + 1.1920929e-7) / 3, expected[0], rel: 1e-6);
        Close((-Math.Log(0.4) + 15.942385152878742 + 1e-7) / 3, expected[1], rel: 1e-6);
        var loss = new KerasSharp.Losses.BinaryCrossentropy();
        Close(expected, loss.call(T(t), T(p)));
        Close(expected.Average(), loss.compute(T(t), T(p)));
    }

    [Fact]
    public void Binary_LabelSmoothingAndLogits()
    {
        double[,] t = { { 0, 1, 1 }, { 1, 0, 0 } };
        double[,] p = { { 0.1, 0.8, 1.0 }, { 0.4, 1.0, 0.0 } };
        double[,] z = { { -2, 0.5, 3 }, { 1, -1, 0 } };
        // s = 0.2: y = t·0.8 + 0.1
        Close(PerRow(Rows(t), Rows(p), (a, b) => BinaryCrossentropy(a, b, 0.2)),
            new KerasSharp.Losses.BinaryCrossentropy(label_smoothing: 0.2).call(T(t), T(p)));
        // logits: row 0: (softplus(-2) + softplus(0.5) - 0.5 + softplus(3) - 3) / 3
        var fromLogits = PerRow(Rows(t), Rows(z), (a, b) => BinaryCrossentropyFromLogits(a, b));
        double Softplus(double x) => Math.Log(1 + Math.Exp(x));
        Close((Softplus(-2) + Softplus(0.5) - 0.5 + Softplus(3) - 3) / 3, fromLogits[0], rel: 1e-7);
        Close(fromLogits, new KerasSharp.Losses.BinaryCrossentropy(from_logits: true).call(T(t), T(z)));
        Close(PerRow(Rows(t), Rows(z), (a, b) => BinaryCrossentropyFromLogits(a, b, 0.2)),
            new KerasSharp.Losses.BinaryCrossentropy(from_logits: true, label_smoothing: 0.2).call(T(t), T(z)));
    }

    [Fact]
    public void Binary_LabelsOfShapeN_AgainstPredictionsOfShapeNBy1()
    {
        // squeeze_or_expand_to_same_rank: y_true (3) becomes (3, 1), one value per sample: -log 0.8, -log 0.7, -log 0.9.
        // Broadcasting (3) against (3, 1) instead would give a (3, 3) matrix and mix the samples.
        var values = new KerasSharp.Losses.BinaryCrossentropy().call(T(0, 1, 1), Col(0.2, 0.7, 0.9));
        Close(new[] { -Math.Log(0.8), -Math.Log(0.7), -Math.Log(0.9) }, values);
        Close((-Math.Log(0.8) - Math.Log(0.7) - Math.Log(0.9)) / 3, new KerasSharp.Losses.BinaryCrossentropy().compute(L(0, 1, 1), Col(0.2, 0.7, 0.9)));
    }

    static readonly double[,] SparseProbabilities = { { 0.1, 0.6, 0.3 }, { 0.5, 0.0, 0.5 }, { 0.2, 0.2, 0.6 }, { 1, 1, 2 } };
    static readonly long[] SparseLabels = { 1, 1, 0, 2 };

    static double[] SparseExpected() =>
        SparseLabels.Select((label, i) => SparseCategoricalCrossentropy(label, Rows(SparseProbabilities)[i])).ToArray();

    [Fact]
    public void Sparse_ClipsAndRenormalises()
    {
        // -log 0.6, -log(1e-7) = 16.1180956, -log 0.2, (1, 1, 2) → 2/4 → -log 0.5
        var expected = SparseExpected();
        Close(new[] { -Math.Log(0.6), MaxCrossentropy, -Math.Log(0.2), Math.Log(2) }, T(expected), rel: 1e-6);
        var loss = new KerasSharp.Losses.SparseCategoricalCrossentropy();
        Close(expected, loss.call(L(SparseLabels), T(SparseProbabilities)));
        Close(expected.Average(), loss.compute(L(SparseLabels), T(SparseProbabilities)));
    }

    public static TheoryData<string> LabelForms => new() { "int64 (N)", "int64 (N,1)", "int32 (N)", "float32 (N)", "float32 (N,1)", "float64 (N)" };

    static Tensor Labels(string form) => form switch
    {
        "int64 (N)" => L(SparseLabels),
        "int64 (N,1)" => L(SparseLabels).reshape(-1, 1),
        "int32 (N)" => tensor(SparseLabels.Select(v => (int)v).ToArray()),
        "float32 (N)" => T(SparseLabels.Select(v => (double)v).ToArray()),
        "float32 (N,1)" => Col(SparseLabels.Select(v => (double)v).ToArray()),
        "float64 (N)" => tensor(SparseLabels.Select(v => (double)v).ToArray()),
        _ => throw new ArgumentException(form),
    };

    [Theory]
    [MemberData(nameof(LabelForms))]
    public void Sparse_AcceptsLabelShapesAndIntegerValuedFloats(string form)
    {
        var loss = new KerasSharp.Losses.SparseCategoricalCrossentropy();
        Close(SparseExpected(), loss.call(Labels(form), T(SparseProbabilities)));
        Close(SparseExpected().Average(), loss.compute(Labels(form), T(SparseProbabilities)));
    }

    [Fact]
    public void Sparse_FromLogitsAgreesWithCategoricalOnOneHot()
    {
        double[,] z = { { 2, 1, 0.1 }, { -1, 3, 0.5 }, { 0, 0, 0 }, { 10, -10, 0 } };
        var expected = SparseLabels.Select((label, i) => SparseCategoricalCrossentropyFromLogits(label, Rows(z)[i])).ToArray();
        Close(Math.Log(3), expected[2], rel: 1e-7);   // equal logits: -log(1/3)
        Close(expected, new KerasSharp.Losses.SparseCategoricalCrossentropy(from_logits: true).call(L(SparseLabels), T(z)));
        double[,] oneHot = { { 0, 1, 0 }, { 0, 1, 0 }, { 1, 0, 0 }, { 0, 0, 1 } };
        Close(expected, new KerasSharp.Losses.CategoricalCrossentropy(from_logits: true).call(T(oneHot), T(z)));
    }

    [Fact]
    public void Sparse_IgnoreClass_ZeroesIgnoredSamplesAndAveragesOverTheOthers()
    {
        // Keras sets a mask on the per-sample values, so "sum_over_batch_size" divides by the number of valid samples
        // (loss.py apply_mask: weight total/valid on valid entries): labels (1, -1, 0, 2) with ignore_class = -1
        // → values (-log 0.6, 0, -log 0.2, log 2), loss (-log 0.6 - log 0.2 + log 2) / 3, not / 4.
        var labels = L(1, -1, 0, 2);
        var all = SparseExpected();
        var expected = new[] { all[0], 0.0, all[2], all[3] };
        var loss = new KerasSharp.Losses.SparseCategoricalCrossentropy(ignore_class: -1);
        Close(expected, loss.call(labels, T(SparseProbabilities)));
        Close(expected.Sum() / 3, loss.compute(labels, T(SparseProbabilities)));
        Close(expected.Sum(), new KerasSharp.Losses.SparseCategoricalCrossentropy(ignore_class: -1, reduction: "sum").compute(labels, T(SparseProbabilities)));
        Close(expected, new KerasSharp.Losses.SparseCategoricalCrossentropy(ignore_class: -1, reduction: "none").compute(labels, T(SparseProbabilities)));
        // with sample weights w: sum(v·w over valid) / valid count
        var w = new[] { 2.0, 5.0, 0.5, 1.0 };
        Close((2 * all[0] + 0.5 * all[2] + all[3]) / 3, loss.compute(labels, T(SparseProbabilities), T(w)));
        // mean_with_sample_weight: sum(v·w over valid) / sum(w over valid)
        Close((2 * all[0] + 0.5 * all[2] + all[3]) / 3.5,
            new KerasSharp.Losses.SparseCategoricalCrossentropy(ignore_class: -1, reduction: "mean_with_sample_weight").compute(labels, T(SparseProbabilities), T(w)));
        // an ignored class inside the valid range, labels shaped (N, 1)
        var ignore2 = new KerasSharp.Losses.SparseCategoricalCrossentropy(ignore_class: 2);
        Close((all[0] + all[1] + all[2]) / 3, ignore2.compute(L(SparseLabels).reshape(-1, 1), T(SparseProbabilities)));
        // every sample ignored: 0, not NaN (divide_no_nan)
        Close(0.0, loss.compute(L(-1, -1, -1, -1), T(SparseProbabilities)));
    }
}
