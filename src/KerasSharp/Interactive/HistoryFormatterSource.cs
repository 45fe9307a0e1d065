using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using KerasSharp.Callbacks;

namespace KerasSharp.Interactive;

/// <summary>
/// In a notebook, a <c>History</c> displays as its loss and metric curves (KerasSharp.Plotting's <c>h.plot()</c>,
/// as PNG) when KerasSharp.Plotting is loaded, and otherwise as a line of its last epoch's values.
/// </summary>
internal sealed class HistoryFormatterSource
{
    /// <summary>The formatters, found by .NET Interactive's convention.</summary>
    public static IEnumerable<object> CreateTypeFormatters()
    {
        yield return MimeFormatter.Png(typeof(History), o => Curves((History)o));
        yield return new MimeFormatter("text/plain", typeof(History), o => LastEpoch((History)o));
    }

    /// <summary>
    /// KerasSharp.Plotting's figure of the history, found at run time: the plotting package references this one, so
    /// this one cannot reference it back.
    /// </summary>
    static byte[]? Curves(History history)
    {
        if (history.history.Count == 0) return null;
        Assembly? plotting;
        try
        {
            plotting = Assembly.Load("KerasSharp.Plotting"); // the notebook's reference, loaded on first use
        }
        catch (Exception e) when (e is System.IO.IOException or BadImageFormatException)
        {
            return null;
        }
        var plot = plotting.GetType("KerasSharp.Plotting.HistoryPlot")
            ?.GetMethod("plot", BindingFlags.Public | BindingFlags.Static, [typeof(History), typeof(string), typeof(IReadOnlyList<string>),
                typeof(string), typeof(double), typeof(double)]);
        var figure = plot?.Invoke(null, [history, null, null, null, 12.0, 4.0]);
        return figure?.GetType().GetMethod("ToPng", Type.EmptyTypes)?.Invoke(figure, null) as byte[];
    }

    static string LastEpoch(History history) => history.epoch.Count == 0
        ? "History (no epochs)"
        : $"History ({history.epoch.Count} epochs): "
          + string.Join(", ", history.history.Select(kv => $"{kv.Key}: {kv.Value[^1].ToString("G6", CultureInfo.InvariantCulture)}"));
}
