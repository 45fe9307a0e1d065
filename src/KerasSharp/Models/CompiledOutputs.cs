using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using static TorchSharp.torch;

namespace KerasSharp.Models;

/// <summary>
/// The compiled losses and metrics of a model with several outputs (Keras: <c>CompileLoss</c> and
/// <c>CompileMetrics</c> of keras/src/trainers/compile_utils.py). Each output has an optional loss, a weight and its
/// metrics. The total loss is the sum of <c>weight · loss</c> over the outputs that have a loss; when more than one
/// has, each output's unweighted loss is also tracked as a <c>Mean</c> named <c>&lt;output&gt;_loss</c>, weighted by
/// the batch size. Metrics are named <c>&lt;output&gt;_&lt;metric&gt;</c>, repeated names getting <c>_1</c>, <c>_2</c>...
/// </summary>
internal sealed class CompiledOutputs
{
    internal sealed class Head(string name)
    {
        internal string name { get; } = name;
        internal Loss? loss;
        internal double weight = 1.0;
        internal Mean? tracker;
        internal readonly List<Metric> metrics = new();
    }

    internal readonly Head[] heads;

    CompiledOutputs(Head[] heads) => this.heads = heads;

    /// <summary>The first output's loss that is not null (what <c>model.loss</c> reports).</summary>
    internal Loss first_loss => heads.First(h => h.loss is not null).loss!;

    /// <summary>The metrics fit resets and reports: every output's metrics, then the per-output loss trackers (Keras's order).</summary>
    internal List<Metric> all_metrics() =>
        heads.SelectMany(h => h.metrics).Concat(heads.Where(h => h.tracker is not null).Select(h => (Metric)h.tracker!)).ToList();

    /// <summary>Resolves the compile arguments against the output names; refuses every mismatch before anything is built.</summary>
    internal static CompiledOutputs Build(IReadOnlyList<string> names, OutputLosses loss, OutputMetrics? metrics, OutputWeights? weights)
    {
        var heads = names.Select(n => new Head(n)).ToArray();
        string outputs = $"{names.Count} outputs ({string.Join(", ", names)})";
        if (loss.list is { } list)
        {
            if (list.Count != names.Count)
                throw new ArgumentException(
                    $"For a model with multiple outputs, when providing the `loss` argument as a list, it should have as many entries as the model has outputs. Received: loss={loss} of length {list.Count} whereas the model has {outputs}.",
                    nameof(loss));
            for (int i = 0; i < list.Count; i++) heads[i].loss = list[i];
        }
        else if (loss.dict is { } dict)
        {
            RequireKeys(dict.Keys, names, "loss", requireAll: true);
            foreach (var h in heads) h.loss = dict[h.name];
        }
        else
        {
            // "crossentropy" resolves from each output's shapes, so each output gets its own.
            foreach (var h in heads) h.loss = loss.single is AutoCrossentropy auto ? Loss.get(auto.name) : loss.single ?? Loss.get(loss.single_name!);
        }
        if (heads.All(h => h.loss is null))
            throw new ArgumentException($"compile() needs a loss for at least one output; every entry of loss={loss} is null.", nameof(loss));

        if (weights?.list is { } wl)
        {
            if (wl.Count != names.Count)
                throw new ArgumentException($"`loss_weights` must hold one weight per output: the model has {outputs}, received {wl.Count} weights [{string.Join(", ", wl)}].", "loss_weights");
            for (int i = 0; i < wl.Count; i++) heads[i].weight = wl[i];
        }
        else if (weights?.dict is { } wd)
        {
            RequireKeys(wd.Keys, names, "loss_weights", requireAll: false);
            foreach (var h in heads) if (wd.TryGetValue(h.name, out var w)) h.weight = w;
        }
        foreach (var h in heads)
            if (!double.IsFinite(h.weight))
                throw new ArgumentException($"`loss_weights` must be finite; received {h.weight} for output '{h.name}'.", "loss_weights");

        var perOutput = new IReadOnlyList<Metric>?[names.Count];
        if (metrics?.list is { } ml)
        {
            if (ml.Count != names.Count)
                throw new ArgumentException(
                    $"For a model with multiple outputs, when providing the `metrics` argument as a list, it should have as many entries as the model has outputs. Received: metrics of length {ml.Count} whereas the model has {outputs}.",
                    nameof(metrics));
            for (int i = 0; i < ml.Count; i++) perOutput[i] = ml[i];
        }
        else if (metrics?.dict is { } md)
        {
            RequireKeys(md.Keys, names, "metrics", requireAll: false);
            for (int i = 0; i < names.Count; i++) perOutput[i] = md.TryGetValue(names[i], out var m) ? m : null;
        }
        var seenObjects = new Dictionary<Metric, string>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < names.Count; i++)
            foreach (var m in perOutput[i] ?? Array.Empty<Metric>())
            {
                if (m is null) throw new ArgumentException($"`metrics` for output '{names[i]}' contains a null entry.", nameof(metrics));
                if (!seenObjects.TryAdd(m, names[i]))
                    throw new ArgumentException(
                        $"The metric object '{m.name}' is given twice (for outputs '{seenObjects[m]}' and '{names[i]}'); each output needs its own metric object (a metric name makes a new one each time).",
                        nameof(metrics));
            }

        // Everything is checked: name the metrics and make the trackers (Keras: CompileMetrics.result, CompileLoss.build).
        var counters = new Dictionary<string, int>();
        for (int i = 0; i < names.Count; i++)
            foreach (var m in perOutput[i] ?? Array.Empty<Metric>())
            {
                var name = $"{names[i]}_{m.name}";
                if (counters.TryGetValue(name, out var n)) { counters[name] = n + 1; name = $"{name}_{n}"; }
                else counters[name] = 1;
                m.name = name;
                heads[i].metrics.Add(m);
            }
        if (heads.Count(h => h.loss is not null) > 1)
            foreach (var h in heads.Where(h => h.loss is not null)) h.tracker = new Mean($"{h.name}_loss");
        return new CompiledOutputs(heads);
    }

    static void RequireKeys(IEnumerable<string> keys, IReadOnlyList<string> names, string argument, bool requireAll)
    {
        var given = keys.ToList();
        var unknown = given.Where(k => !names.Contains(k)).ToList();
        var missing = requireAll ? names.Where(n => !given.Contains(n)).ToList() : new List<string>();
        if (unknown.Count == 0 && missing.Count == 0) return;
        var parts = new List<string>();
        if (unknown.Count > 0) parts.Add($"{string.Join(", ", unknown.Select(k => $"'{k}'"))} {(unknown.Count == 1 ? "does" : "do")} not correspond to any model output");
        if (missing.Count > 0) parts.Add($"{string.Join(", ", missing.Select(k => $"'{k}'"))} {(missing.Count == 1 ? "is" : "are")} missing (give null for no loss)");
        throw new ArgumentException(
            $"In the dict argument `{argument}`, {string.Join(" and ", parts)}. Expected keys [{string.Join(", ", names.Select(n => $"'{n}'"))}], found [{string.Join(", ", given.Select(k => $"'{k}'"))}].",
            argument);
    }

    /// <summary>
    /// The weighted sum of the outputs' losses (Keras: <c>CompileLoss.call</c>); updates each output's loss tracker with
    /// its unweighted loss, weighted by <paramref name="batch"/>.
    /// </summary>
    internal Tensor loss(Tensor[] y, Tensor[] yPred, Tensor? sampleWeight, long batch)
    {
        Tensor? total = null;
        for (int i = 0; i < heads.Length; i++)
        {
            var h = heads[i];
            if (h.loss is null) continue;
            var value = h.loss.compute_unchecked(y[i], yPred[i], sampleWeight);
            if (h.tracker is not null)
                using (no_grad()) h.tracker.update_weighted(value, batch);
            if (h.weight != 1.0) value = value.mul(h.weight);
            total = total is null ? value : total.add(value);
        }
        return total!;
    }

    /// <summary>Updates every output's metrics with its targets and predictions (Keras: unweighted metrics, no sample weight).</summary>
    internal void update_metrics(Tensor[] y, Tensor[] yPred)
    {
        using var _ = no_grad();
        for (int i = 0; i < heads.Length; i++)
        {
            if (heads[i].metrics.Count == 0) continue;
            var p = DTypePolicies.DTypePolicy.AsFloat32(yPred[i]);
            foreach (var m in heads[i].metrics) m.update_state(y[i], p);
        }
    }

    /// <summary>Checks each output's targets against its loss and metrics (one-sample predictions, the full targets for label ranges).</summary>
    internal void validate(Tensor[] y, Tensor[] yPred1, string argument)
    {
        for (int i = 0; i < heads.Length; i++)
        {
            var h = heads[i];
            var y1 = y[i].narrow(0, 0, 1);
            try
            {
                if (h.loss is not null)
                {
                    h.loss.validate(y1, yPred1[i], inspectValues: false);
                    h.loss.validate_labels(y[i], yPred1[i].shape[^1]);
                }
                foreach (var m in h.metrics) m.validate(y1, yPred1[i]);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException(
                    $"`{argument}` for output '{h.name}' does not fit the model's output of shape (None, {string.Join(", ", yPred1[i].shape.Skip(1))}): {e.Message}", argument, e);
            }
        }
    }
}
