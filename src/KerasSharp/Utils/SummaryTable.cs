// TEMPORARY STUB: replaced by the real implementation from the `format` branch.
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace KerasSharp.Utils;

internal sealed record SummaryRow(string Name, string OutputShape, long? Params, bool? Trainable = null);
internal sealed record SummaryTotals(long TrainableCount, long TrainableBytes, long NonTrainableCount, long NonTrainableBytes, long? OptimizerCount, long OptimizerBytes);

internal static class SummaryTable
{
    internal static string Render(string modelName, IReadOnlyList<SummaryRow> rows, SummaryTotals totals, int lineLength, bool showTrainable = false)
    {
        var sb = new StringBuilder();
        sb.Append($"Model: \"{modelName}\"\n");
        foreach (var r in rows) sb.Append($"{r.Name} {r.OutputShape} {(r.Params is null ? "0 (unbuilt)" : FormatCount(r.Params.Value))}\n");
        long total = totals.TrainableCount + totals.NonTrainableCount + (totals.OptimizerCount ?? 0);
        sb.Append($" Total params: {FormatCount(total)} ({FormatBytes(totals.TrainableBytes + totals.NonTrainableBytes + totals.OptimizerBytes)})\n");
        sb.Append($" Trainable params: {FormatCount(totals.TrainableCount)} ({FormatBytes(totals.TrainableBytes)})\n");
        sb.Append($" Non-trainable params: {FormatCount(totals.NonTrainableCount)} ({FormatBytes(totals.NonTrainableBytes)})\n");
        if (totals.OptimizerCount is { } o) sb.Append($" Optimizer params: {FormatCount(o)} ({FormatBytes(totals.OptimizerBytes)})\n");
        return sb.ToString();
    }

    internal static int DefaultLineLength() => 76;
    internal static string FormatBytes(long bytes) => $"{bytes} B";
    internal static string FormatShape(IReadOnlyList<long?>? shape) => shape is null ? "?" : "(" + string.Join(", ", shape.Select(d => d?.ToString() ?? "None")) + ")";
    internal static string FormatCount(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
