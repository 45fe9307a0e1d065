using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Losses;

/// <summary>
/// keras.utils.to_categorical (keras/src/utils/numerical_utils.py): array input gives float64 (np.zeros), tensor input
/// float32 (backend one_hot); a trailing dimension of 1 is dropped; num_classes defaults to max + 1 (also when 0).
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class ToCategoricalTests
{
    /// <summary>The expected one-hot rows written out by hand.</summary>
    static double[] OneHot(int classes, params int[] labels)
    {
        var result = new double[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++) result[i * classes + labels[i]] = 1.0;
        return result;
    }

    static void AssertOneHot(Tensor actual, ScalarType dtype, long[] shape, double[] expected)
    {
        Assert.Equal(dtype, actual.dtype);
        Assert.Equal(shape, actual.shape);
        Assert.Equal(expected, actual.to_type(ScalarType.Float64).reshape(-1).data<double>().ToArray());
    }

    [Fact]
    public void IntArray_InfersClassesAndGivesFloat64()
    {
        // [0, 2, 1] → 3 classes: [[1,0,0],[0,0,1],[0,1,0]]
        AssertOneHot(keras.utils.to_categorical(new[] { 0, 2, 1 }), ScalarType.Float64, new long[] { 3, 3 },
            new double[] { 1, 0, 0, 0, 0, 1, 0, 1, 0 });
    }

    [Fact]
    public void LongArray_WithNumClasses()
    {
        AssertOneHot(keras.utils.to_categorical(new long[] { 3, 0 }, num_classes: 5), ScalarType.Float64, new long[] { 2, 5 }, OneHot(5, 3, 0));
        // num_classes = 0 means "infer", as Keras's `if not num_classes`
        AssertOneHot(keras.utils.to_categorical(new long[] { 3, 0 }, num_classes: 0), ScalarType.Float64, new long[] { 2, 4 }, OneHot(4, 3, 0));
    }

    [Fact]
    public void Tensor_GivesFloat32()
    {
        AssertOneHot(keras.utils.to_categorical(tensor(new long[] { 1, 0, 2, 1 })), ScalarType.Float32, new long[] { 4, 3 }, OneHot(3, 1, 0, 2, 1));
        AssertOneHot(keras.utils.to_categorical(tensor(new[] { 1, 0 }), num_classes: 3), ScalarType.Float32, new long[] { 2, 3 }, OneHot(3, 1, 0));
    }

    [Fact]
    public void ColumnInput_DropsTheTrailingOne()
    {
        // (N, 1) → (N, C), not (N, 1, C)
        AssertOneHot(keras.utils.to_categorical(tensor(new long[] { 2, 0, 1 }).reshape(3, 1)), ScalarType.Float32, new long[] { 3, 3 }, OneHot(3, 2, 0, 1));
        AssertOneHot(keras.utils.to_categorical(new int[,] { { 1 }, { 0 } }), ScalarType.Float64, new long[] { 2, 2 }, OneHot(2, 1, 0));
        // a (2, 2) label matrix keeps its shape: (2, 2, C)
        AssertOneHot(keras.utils.to_categorical(new int[,] { { 1, 0 }, { 2, 1 } }), ScalarType.Float64, new long[] { 2, 2, 3 }, OneHot(3, 1, 0, 2, 1));
    }

    [Fact]
    public void Sequence_OfIntegerValuedDoubles()
    {
        var labels = new List<double> { 0, 1, 2, 1 };
        AssertOneHot(keras.utils.to_categorical(labels), ScalarType.Float64, new long[] { 4, 3 }, OneHot(3, 0, 1, 2, 1));
        AssertOneHot(keras.utils.to_categorical(new double[] { 1, 0 }), ScalarType.Float64, new long[] { 2, 2 }, OneHot(2, 1, 0));
    }

    [Fact]
    public void NegativeLabel_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => keras.utils.to_categorical(new[] { 0, -1, 2 }));
        Assert.Contains("-1", e.Message);
        Assert.Contains("non-negative", e.Message);
        Assert.Throws<ArgumentException>(() => keras.utils.to_categorical(tensor(new long[] { -3 })));
    }

    [Fact]
    public void LabelAtOrAboveNumClasses_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => keras.utils.to_categorical(new[] { 0, 3, 1 }, num_classes: 3));
        Assert.Contains("label 3", e.Message);
        Assert.Contains("num_classes=3", e.Message);
        Assert.Throws<ArgumentException>(() => keras.utils.to_categorical(tensor(new long[] { 5 }), num_classes: 2));
    }

    [Fact]
    public void FractionalLabel_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => keras.utils.to_categorical(new List<double> { 0, 1.5, 2 }));
        Assert.Contains("fractional", e.Message);
        Assert.Contains("1.5", e.Message);
        e = Assert.Throws<ArgumentException>(() => keras.utils.to_categorical(tensor(new[] { 0.25f })));
        Assert.Contains("0.25", e.Message);
    }

    [Fact]
    public void NegativeNumClasses_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => keras.utils.to_categorical(new[] { 0, 1 }, num_classes: -2));
        Assert.Contains("num_classes=-2", e.Message);
    }
}
