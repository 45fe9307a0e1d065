using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Losses;
using KerasSharp.Metrics;

namespace KerasSharp.Models;

/// <summary>
/// The <c>loss</c> of <c>compile</c> for a model with several outputs (Keras: <c>loss=</c> as one loss, a list, or a
/// dict keyed by output name). Converts implicitly from a loss (or its name), an array or list of losses in output
/// order, or a dictionary keyed by output name; a null entry means "no loss for that output", as in Keras.
/// </summary>
public sealed class OutputLosses
{
    internal Loss? single { get; private init; }
    internal string? single_name { get; private init; }
    internal IReadOnlyList<Loss?>? list { get; private init; }
    internal IReadOnlyDictionary<string, Loss?>? dict { get; private init; }

    /// <summary>One loss for every output.</summary>
    public static implicit operator OutputLosses(Loss loss) => new() { single = loss ?? throw new ArgumentNullException(nameof(loss)) };

    /// <summary>One loss for every output, by Keras name (a new loss object per output).</summary>
    public static implicit operator OutputLosses(string loss) => new() { single_name = loss ?? throw new ArgumentNullException(nameof(loss)) };

    /// <summary>One loss per output, in output order.</summary>
    public static implicit operator OutputLosses(Loss?[] losses) => new() { list = losses ?? throw new ArgumentNullException(nameof(losses)) };

    /// <summary>One loss per output, in output order.</summary>
    public static implicit operator OutputLosses(List<Loss> losses) => new() { list = losses ?? throw new ArgumentNullException(nameof(losses)) };

    /// <summary>One loss per output by Keras name, in output order.</summary>
    public static implicit operator OutputLosses(string?[] losses) =>
        new() { list = (losses ?? throw new ArgumentNullException(nameof(losses))).Select(n => n is null ? null : Loss.get(n)).ToList() };

    /// <summary>Losses keyed by output name.</summary>
    public static implicit operator OutputLosses(Dictionary<string, Loss> losses) => new() { dict = (losses ?? throw new ArgumentNullException(nameof(losses))).ToDictionary(p => p.Key, p => (Loss?)p.Value) };

    /// <summary>Losses keyed by output name, by Keras name.</summary>
    public static implicit operator OutputLosses(Dictionary<string, string> losses) =>
        new() { dict = (losses ?? throw new ArgumentNullException(nameof(losses))).ToDictionary(p => p.Key, p => p.Value is null ? null : Loss.get(p.Value)) };

    /// <summary>Keras's repr of the argument, for error messages.</summary>
    public override string ToString() =>
        single is not null ? single.name
        : single_name is not null ? $"'{single_name}'"
        : list is not null ? "[" + string.Join(", ", list.Select(l => l?.name ?? "None")) + "]"
        : "{" + string.Join(", ", dict!.Select(p => $"'{p.Key}': {p.Value?.name ?? "None"}")) + "}";
}

/// <summary>
/// The <c>metrics</c> of <c>compile</c> for a model with several outputs (Keras: a list with one entry per output,
/// each a metric or a list of metrics, or a dict keyed by output name). Converts implicitly from arrays, lists and
/// dictionaries of metrics (or their names); logged as <c>&lt;output&gt;_&lt;metric&gt;</c>.
/// </summary>
public sealed class OutputMetrics
{
    internal IReadOnlyList<IReadOnlyList<Metric>?>? list { get; private init; }
    internal IReadOnlyDictionary<string, IReadOnlyList<Metric>?>? dict { get; private init; }

    static IReadOnlyList<Metric>? One(Metric? m) => m is null ? null : new[] { m };

    static IReadOnlyList<Metric>? Names(IEnumerable<string>? names) => names?.Select(n => (Metric)n).ToList();

    /// <summary>One metric per output, in output order.</summary>
    public static implicit operator OutputMetrics(Metric?[] metrics) => new() { list = Check(metrics).Select(One).ToList() };

    /// <summary>One metric per output by name, in output order.</summary>
    public static implicit operator OutputMetrics(string?[] metrics) => new() { list = Check(metrics).Select(n => n is null ? null : One(n)).ToList() };

    /// <summary>A list of metrics per output, in output order.</summary>
    public static implicit operator OutputMetrics(Metric[]?[] metrics) => new() { list = Check(metrics).ToList<IReadOnlyList<Metric>?>() };

    /// <summary>A list of metric names per output, in output order.</summary>
    public static implicit operator OutputMetrics(string[]?[] metrics) => new() { list = Check(metrics).Select(Names).ToList() };

    /// <summary>A list of metrics per output, in output order.</summary>
    public static implicit operator OutputMetrics(List<List<Metric>> metrics) => new() { list = Check(metrics).ToList<IReadOnlyList<Metric>?>() };

    /// <summary>One metric per output name.</summary>
    public static implicit operator OutputMetrics(Dictionary<string, Metric> metrics) => new() { dict = Check(metrics).ToDictionary(p => p.Key, p => One(p.Value)) };

    /// <summary>One metric name per output name.</summary>
    public static implicit operator OutputMetrics(Dictionary<string, string> metrics) =>
        new() { dict = Check(metrics).ToDictionary(p => p.Key, p => p.Value is null ? null : One(p.Value)) };

    /// <summary>A list of metrics per output name.</summary>
    public static implicit operator OutputMetrics(Dictionary<string, Metric[]> metrics) => new() { dict = Check(metrics).ToDictionary(p => p.Key, p => (IReadOnlyList<Metric>?)p.Value) };

    /// <summary>A list of metric names per output name.</summary>
    public static implicit operator OutputMetrics(Dictionary<string, string[]> metrics) => new() { dict = Check(metrics).ToDictionary(p => p.Key, p => Names(p.Value)) };

    /// <summary>A list of metrics per output name.</summary>
    public static implicit operator OutputMetrics(Dictionary<string, List<Metric>> metrics) => new() { dict = Check(metrics).ToDictionary(p => p.Key, p => (IReadOnlyList<Metric>?)p.Value) };

    /// <summary>A flat list from the single-output overload of compile: one entry per output (Keras's rule for a list).</summary>
    internal static OutputMetrics FromFlat(IEnumerable<Metric> metrics) => new() { list = metrics.Select(One).ToList() };

    static T Check<T>(T value) where T : class => value ?? throw new ArgumentNullException("metrics");
}

/// <summary>
/// The <c>loss_weights</c> of <c>compile</c> for a model with several outputs (Keras: a list in output order or a dict
/// keyed by output name): the total loss is the weighted sum of the outputs' losses.
/// </summary>
public sealed class OutputWeights
{
    internal IReadOnlyList<double>? list { get; private init; }
    internal IReadOnlyDictionary<string, double>? dict { get; private init; }

    /// <summary>One weight per output, in output order.</summary>
    public static implicit operator OutputWeights(double[] weights) => new() { list = weights ?? throw new ArgumentNullException(nameof(weights)) };

    /// <summary>One weight per output, in output order.</summary>
    public static implicit operator OutputWeights(List<double> weights) => new() { list = weights ?? throw new ArgumentNullException(nameof(weights)) };

    /// <summary>Weights keyed by output name.</summary>
    public static implicit operator OutputWeights(Dictionary<string, double> weights) => new() { dict = weights ?? throw new ArgumentNullException(nameof(weights)) };

    internal static OutputWeights FromFlat(IEnumerable<double> weights) => new() { list = weights.ToList() };
}
