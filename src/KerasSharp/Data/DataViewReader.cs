using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace KerasSharp.Data;

/// <summary>
/// Reads the numeric columns of any ML.NET <see cref="IDataView"/> (a Microsoft.Data.Analysis DataFrame, a TextLoader
/// view, ...) into a row-major float matrix: each scalar numeric or boolean column becomes one feature, each numeric
/// vector column as many features as it has slots. Missing values become NaN (and are then refused by <c>fit</c>).
/// </summary>
internal static class DataViewReader
{
    internal sealed record Table(float[] Values, long Rows, int Columns, string[] Names, bool AllIntegers);

    internal static Table Read(IDataView view, string what)
    {
        ArgumentNullException.ThrowIfNull(view);
        RefuseIntegerNulls(view, what);
        var columns = new List<(DataViewSchema.Column column, int width)>();
        foreach (var c in view.Schema)
        {
            if (c.IsHidden) continue;
            var type = c.Type;
            if (type is VectorDataViewType vt && vt.IsKnownSize && IsNumeric(vt.ItemType)) columns.Add((c, vt.Size));
            else if (IsNumeric(type) || type is BooleanDataViewType) columns.Add((c, 1));
        }
        if (columns.Count == 0)
            throw new ArgumentException(
                $"{what}: the data view has no numeric columns (columns: {string.Join(", ", view.Schema.Where(c => !c.IsHidden).Select(c => $"{c.Name}: {c.Type}"))}).",
                what);
        int width = columns.Sum(c => c.width);
        var values = new List<float>();
        long rows = 0;
        bool allIntegers = columns.All(c => IsInteger(c.column.Type is VectorDataViewType v ? v.ItemType : c.column.Type));
        using (var cursor = view.GetRowCursor(columns.Select(c => c.column)))
        {
            var getters = columns.Select(c => MakeGetter(cursor, c.column)).ToArray();
            var row = new float[width];
            while (cursor.MoveNext())
            {
                int offset = 0;
                foreach (var g in getters) offset += g(row, offset);
                values.AddRange(row);
                rows++;
            }
        }
        return new Table(values.ToArray(), rows, width, columns.Select(c => c.column.Name).ToArray(), allIntegers);
    }

    /// <summary>
    /// A Microsoft.Data.Analysis DataFrame reports a missing value in an integer or boolean column as 0 through
    /// IDataView (which has no missing integers): refuse it, as NaN is refused for floating-point columns. Read through
    /// reflection, so the library does not depend on Microsoft.Data.Analysis.
    /// </summary>
    static void RefuseIntegerNulls(IDataView view, string what)
    {
        if (view.GetType().FullName != "Microsoft.Data.Analysis.DataFrame") return;
        if (view.GetType().GetProperty("Columns")?.GetValue(view) is not System.Collections.IEnumerable columns) return;
        foreach (var column in columns)
        {
            var type = column.GetType();
            var dataType = type.GetProperty("DataType")?.GetValue(column) as Type;
            if (dataType is null || dataType == typeof(float) || dataType == typeof(double) || dataType == typeof(string)) continue;
            if (type.GetProperty("NullCount")?.GetValue(column) is long nulls && nulls > 0)
                throw new ArgumentException(
                    $"{what}: column '{type.GetProperty("Name")?.GetValue(column)}' ({dataType.Name}) has {nulls} missing value(s), which an IDataView would read as 0. Fill or drop them first (missing values are refused, as NaN is in floating-point columns).",
                    what);
        }
    }

    static bool IsNumeric(DataViewType t) => t is NumberDataViewType;

    static bool IsInteger(DataViewType t) =>
        t is BooleanDataViewType || (t is NumberDataViewType n && n.RawType != typeof(float) && n.RawType != typeof(double));

    // Each getter writes its column's values at `offset` and returns how many it wrote.
    static Func<float[], int, int> MakeGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        bool vector = column.Type is VectorDataViewType;
        var item = column.Type is VectorDataViewType vt ? vt.ItemType : column.Type;
        return item.RawType switch
        {
            var r when r == typeof(float) => Getter<float>(cursor, column, vector, v => v),
            var r when r == typeof(double) => Getter<double>(cursor, column, vector, v => (float)v),
            var r when r == typeof(int) => Getter<int>(cursor, column, vector, v => v),
            var r when r == typeof(long) => Getter<long>(cursor, column, vector, v => v),
            var r when r == typeof(short) => Getter<short>(cursor, column, vector, v => v),
            var r when r == typeof(byte) => Getter<byte>(cursor, column, vector, v => v),
            var r when r == typeof(uint) => Getter<uint>(cursor, column, vector, v => v),
            var r when r == typeof(ulong) => Getter<ulong>(cursor, column, vector, v => v),
            var r when r == typeof(ushort) => Getter<ushort>(cursor, column, vector, v => v),
            var r when r == typeof(sbyte) => Getter<sbyte>(cursor, column, vector, v => v),
            var r when r == typeof(bool) && !vector => Getter<bool>(cursor, column, vector, v => v ? 1f : 0f),
            _ => throw new ArgumentException($"Column '{column.Name}' has unsupported type {column.Type}."),
        };
    }

    static Func<float[], int, int> Getter<T>(DataViewRowCursor cursor, DataViewSchema.Column column, bool vector, Func<T, float> convert) =>
        vector ? VectorGetter(cursor, column, convert) : ScalarGetter(cursor, column, convert);

    static Func<float[], int, int> ScalarGetter<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, float> convert)
    {
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        return (row, offset) =>
        {
            getter(ref value);
            row[offset] = convert(value);
            return 1;
        };
    }

    static Func<float[], int, int> VectorGetter<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, float> convert)
    {
        var getter = cursor.GetGetter<VBuffer<T>>(column);
        VBuffer<T> buffer = default;
        int size = ((VectorDataViewType)column.Type).Size;
        return (row, offset) =>
        {
            getter(ref buffer);
            Array.Clear(row, offset, size);
            foreach (var (index, v) in buffer.Items()) row[offset + index] = convert(v);
            return size;
        };
    }
}
