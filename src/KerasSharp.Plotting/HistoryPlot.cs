using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using KerasSharp.Callbacks;
using KerasSharp.Models;

namespace KerasSharp.Plotting;

/// <summary>
/// Figures of training histories: <c>h.plot("loss.png")</c> for one run, or several runs side by side in one call,
/// the way the course draws loss and accuracy per epoch (one panel per metric, one line per run, epochs from 1).
/// </summary>
public static class HistoryPlot
{
    /// <summary>Plots one history: a panel per metric (loss first), validation curves dashed; saved as PNG when <paramref name="path"/> is given.</summary>
    public static Figure plot(this History history, string? path = null, IReadOnlyList<string>? metrics = null, string? label = null,
        double width = 12, double height = 4) =>
        plot(new[] { (label ?? "", history) }, path, metrics, width, height);

    /// <summary>
    /// Plots several labelled histories in one figure, e.g.
    /// <c>HistoryPlot.plot([("Without data standardization", h), ("With data standardization", h_standardized)], "iris.png")</c>:
    /// a panel per metric, a line per history, the legend in the first panel, x = epochs 1..n.
    /// </summary>
    public static Figure plot(this IEnumerable<(string label, History history)> histories, string? path = null,
        IReadOnlyList<string>? metrics = null, double width = 12, double height = 4)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var runs = histories.ToList();
        if (runs.Count == 0) throw new ArgumentException("Give at least one history to plot.", nameof(histories));
        if (runs.Any(r => r.history is null)) throw new ArgumentException("A history to plot is null.", nameof(histories));
        var keys = metrics ?? DefaultMetrics(runs.Select(r => r.history));
        foreach (var key in keys)
            if (runs.All(r => !r.history.history.ContainsKey(key)))
                throw new ArgumentException(
                    $"No history has the metric '{key}'. Available: {string.Join(", ", runs.SelectMany(r => r.history.history.Keys).Distinct())}.", nameof(metrics));

        var figure = new Figure(width, height);
        for (int k = 0; k < keys.Count; k++)
        {
            var panel = figure.Subplot(1, keys.Count, k + 1);
            foreach (var (label, history) in runs)
            {
                foreach (var (name, dashed) in new[] { (keys[k], false), ("val_" + keys[k], true) })
                {
                    if (!history.history.TryGetValue(name, out var values)) continue;
                    var epochs = history.epoch.Count == values.Count
                        ? history.epoch.Select(e => (double)(e + 1)).ToList()
                        : Enumerable.Range(1, values.Count).Select(e => (double)e).ToList();
                    var text = string.IsNullOrEmpty(label) ? name : dashed ? $"{label} (validation)" : label;
                    panel.Plot(epochs, values, dashed ? "--" : "", label: text);
                }
            }
            panel.XLabel = "Epochs";
            panel.YLabel = Title(keys[k]);
            panel.Legend = k == 0 && (runs.Count > 1 || runs.Any(r => r.history.history.ContainsKey("val_" + keys[k])));
        }
        if (path is not null) figure.SavePng(path);
        return figure;
    }

    static List<string> DefaultMetrics(IEnumerable<History> histories)
    {
        // Training keys in the histories' own (sorted) order, "loss" first as the course draws it.
        return histories.SelectMany(h => h.history.Keys).Where(k => !k.StartsWith("val_", StringComparison.Ordinal)).Distinct()
            .OrderBy(k => k == "loss" ? 0 : 1).ToList();
    }

    static string Title(string key) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(key.Replace('_', ' '));
}
