using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// Turns what <c>fit</c>, <c>evaluate</c> and <c>predict</c> accept into tensors: TorchSharp tensors, float[,] and
/// double[,] matrices, jagged arrays, float[] / double[] vectors, int[] / long[] labels, any <see cref="IDataView"/>
/// (numeric columns become features), or any sequence of numbers (e.g. a DataFrame column). Features become float32;
/// integer labels stay int64 (what sparse losses and accuracies want).
/// </summary>
internal static class TensorConversion
{
    internal const string Accepted =
        "a TorchSharp Tensor (or Tensor[] for several inputs), arrays of any rank (float[,], double[,], float[,,,], ...), float[][], double[][], float[], double[], int[], long[], an IDataView (e.g. a DataFrame) or a sequence of numbers";

    /// <summary>Features: float32, at least 1-D.</summary>
    internal static Tensor Features(object? x, string argument)
    {
        var t = ToTensor(x, argument, keepIntegers: false);
        return t;
    }

    /// <summary>
    /// The model's inputs: one tensor, or one per input when <paramref name="x"/> is a <c>Tensor[]</c> (or a list of
    /// tensors) for a model with several inputs.
    /// </summary>
    internal static Tensor[] Inputs(object? x, string argument) => x switch
    {
        Tensor[] many => many.Length == 0
            ? throw new ArgumentException($"`{argument}` is an empty Tensor[]; expected one tensor per model input.", argument)
            : many.Select((t, i) => Features(t ?? throw new ArgumentNullException(argument, $"`{argument}[{i}]` is null."), $"{argument}[{i}]")).ToArray(),
        IReadOnlyList<Tensor> list => Inputs(list.ToArray(), argument),
        _ => new[] { Features(x, argument) },
    };

    /// <summary>Targets: float32, or int64 for integer labels.</summary>
    internal static Tensor Targets(object? y, string argument) => ToTensor(y, argument, keepIntegers: true);

    /// <summary>Per-sample weights: float32 1-D, or 2-D (samples, timesteps) per-step weights (Keras's temporal weights, e.g. for a masked sequence output).</summary>
    internal static Tensor Weights(object? w, string argument)
    {
        var t = ToTensor(w, argument, keepIntegers: false);
        if (t.dim() is not (1 or 2))
            throw new ArgumentException($"`{argument}` must be one weight per sample (1-D) or one per sample and step (2-D, samples x timesteps); received shape {ShapeUtils.Format(t)}.", argument);
        return t;
    }

    static Tensor ToTensor(object? value, string argument, bool keepIntegers)
    {
        switch (value)
        {
            case null:
                throw new ArgumentNullException(argument, $"`{argument}` is null; expected {Accepted}.");
            case Tensor t:
                if (t.is_floating_point()) return t.dtype == ScalarType.Float32 ? t.alias() : t.to_type(ScalarType.Float32);
                if (t.dtype == ScalarType.Bool || !t.is_integral())
                {
                    if (t.dtype == ScalarType.Bool) return t.to_type(keepIntegers ? ScalarType.Int64 : ScalarType.Float32);
                    throw new ArgumentException($"`{argument}` has dtype {t.dtype}; expected a real-valued tensor.", argument);
                }
                return t.to_type(keepIntegers ? ScalarType.Int64 : ScalarType.Float32);
            case float[,] f2: return tensor(f2);
            case double[,] d2: return tensor(d2).to_type(ScalarType.Float32);
            case int[,] i2: return keepIntegers ? tensor(i2).to_type(ScalarType.Int64) : tensor(i2).to_type(ScalarType.Float32);
            case long[,] l2: return keepIntegers ? tensor(l2) : tensor(l2).to_type(ScalarType.Float32);
            case float[] f1: return tensor(f1);
            case double[] d1: return tensor(d1).to_type(ScalarType.Float32);
            case int[] i1: return keepIntegers ? tensor(i1).to_type(ScalarType.Int64) : tensor(i1).to_type(ScalarType.Float32);
            case long[] l1: return keepIntegers ? tensor(l1) : tensor(l1).to_type(ScalarType.Float32);
            case Array array when array.Rank > 2 || array.GetType().GetElementType() == typeof(byte) || array.GetType().GetElementType() == typeof(short):
                return Dense(array, argument, keepIntegers);
            case float[][] fj: return Jagged(fj.Select(r => r?.Select(v => (double)v).ToArray()).ToArray(), argument);
            case double[][] dj: return Jagged(dj, argument);
            case IDataView view:
                {
                    var table = DataViewReader.Read(view, argument);
                    var t = tensor(table.Values, new[] { table.Rows, (long)table.Columns });
                    if (table.Columns == 1 && keepIntegers) t = t.squeeze(1);
                    return keepIntegers && table.AllIntegers ? t.to_type(ScalarType.Int64) : t;
                }
            case string:
                throw new ArgumentException($"`{argument}` is a string; expected {Accepted}.", argument);
            case IEnumerable sequence:
                return Sequence(sequence, argument, keepIntegers);
            default:
                throw new ArgumentException($"`{argument}` has unsupported type {value.GetType().Name}; expected {Accepted}.", argument);
        }
    }

    /// <summary>A rectangular array of any rank (images (N, H, W, C), sequences (N, T, F)) of a numeric element type.</summary>
    static Tensor Dense(Array array, string argument, bool keepIntegers)
    {
        var shape = Enumerable.Range(0, array.Rank).Select(d => (long)array.GetLength(d)).ToArray();
        var element = array.GetType().GetElementType()!;
        switch (Type.GetTypeCode(element))
        {
            case TypeCode.Single: { var f = new float[array.Length]; Buffer.BlockCopy(array, 0, f, 0, f.Length * 4); return tensor(f, shape); }
            case TypeCode.Double: { var d = new double[array.Length]; Buffer.BlockCopy(array, 0, d, 0, d.Length * 8); return tensor(d, shape).to_type(ScalarType.Float32); }
            case TypeCode.Int32: { var i = new int[array.Length]; Buffer.BlockCopy(array, 0, i, 0, i.Length * 4); return tensor(i, shape).to_type(keepIntegers ? ScalarType.Int64 : ScalarType.Float32); }
            case TypeCode.Int64: { var l = new long[array.Length]; Buffer.BlockCopy(array, 0, l, 0, l.Length * 8); return tensor(l, shape).to_type(keepIntegers ? ScalarType.Int64 : ScalarType.Float32); }
            case TypeCode.Int16: { var h = new short[array.Length]; Buffer.BlockCopy(array, 0, h, 0, h.Length * 2); return tensor(h, shape).to_type(keepIntegers ? ScalarType.Int64 : ScalarType.Float32); }
            case TypeCode.Byte: { var b = new byte[array.Length]; Buffer.BlockCopy(array, 0, b, 0, b.Length); return tensor(b, shape).to_type(keepIntegers ? ScalarType.Int64 : ScalarType.Float32); }
            default:
                throw new ArgumentException($"`{argument}` is an array of {element.Name}; expected float, double, int, long, short or byte elements.", argument);
        }
    }

    static Tensor Jagged(double[]?[] rows, string argument)
    {
        if (rows.Length == 0) return zeros(0, 0);
        int width = rows[0]?.Length ?? throw new ArgumentException($"`{argument}` row 0 is null.", argument);
        var data = new float[rows.Length * width];
        for (int i = 0; i < rows.Length; i++)
        {
            var r = rows[i] ?? throw new ArgumentException($"`{argument}` row {i} is null.", argument);
            if (r.Length != width)
                throw new ArgumentException($"`{argument}` is ragged: row {i} has {r.Length} values but row 0 has {width}; expected a rectangular array.", argument);
            for (int j = 0; j < width; j++) data[i * width + j] = (float)r[j];
        }
        return tensor(data, new long[] { rows.Length, width });
    }

    static Tensor Sequence(IEnumerable sequence, string argument, bool keepIntegers)
    {
        var values = new List<double>();
        bool integers = true;
        int index = 0;
        foreach (var item in sequence)
        {
            double v = item switch
            {
                null => double.NaN,
                double d => d,
                float f => f,
                int i => i,
                long l => l,
                short s => s,
                byte b => b,
                uint u => u,
                ulong ul => ul,
                ushort us => us,
                sbyte sb => sb,
                bool bo => bo ? 1 : 0,
                decimal m => (double)m,
                _ => throw new ArgumentException($"`{argument}` element {index} is a {item.GetType().Name}; expected numbers.", argument),
            };
            if (item is float or double or decimal or null) integers = false;
            values.Add(v);
            index++;
        }
        var t = tensor(values.ToArray());
        return keepIntegers && integers ? t.to_type(ScalarType.Int64) : t.to_type(ScalarType.Float32);
    }
}
