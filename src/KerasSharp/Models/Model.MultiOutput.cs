using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using KerasSharp.Data;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;
using static TorchSharp.torch;

namespace KerasSharp.Models;

public abstract partial class Model
{
    /// <summary>
    /// Configures training of a model with several outputs (Keras: <c>compile(loss=..., metrics=..., loss_weights=...)</c>
    /// with lists or dicts): <paramref name="loss"/> is one loss for every output, a list in output order, or a
    /// dictionary keyed by output name (<see cref="Functional.output_names"/>, or the keys of a dictionary of outputs),
    /// a null entry meaning no loss for that output; <paramref name="metrics"/> a list with one entry (a metric or a
    /// list) per output or a dictionary by output name; <paramref name="loss_weights"/> a list or a dictionary. The total
    /// loss "loss" is the weighted sum of the outputs' losses plus the penalties; History and evaluate also report each
    /// output's unweighted loss as <c>&lt;output&gt;_loss</c> (when more than one output has a loss) and its metrics as
    /// <c>&lt;output&gt;_&lt;metric&gt;</c>, as Keras 3 names them. On a model with one output, the list or dictionary
    /// must have one entry and this is the single-output compile. <paramref name="auto_scale_loss"/> as in the single-output compile.
    /// </summary>
    /// <exception cref="ArgumentException">A list's length differs from the number of outputs, a dictionary names an unknown (or, for the loss, misses an) output, or a metric object is given twice.</exception>
    public void compile(Optimizer? optimizer, OutputLosses loss, OutputMetrics? metrics = null, OutputWeights? loss_weights = null, bool auto_scale_loss = true)
    {
        RefuseCompileDuringRun();
        if (loss is null)
            throw new ArgumentException("compile() needs a `loss`, e.g. loss: \"categorical_crossentropy\". Expected a Keras loss name or a Loss object.", nameof(loss));
        var names = output_data_names();
        if (output_count <= 1)
        {
            CompileSingle(optimizer, loss, metrics, loss_weights, names, auto_scale_loss);
            return;
        }
        var outputs = CompiledOutputs.Build(names, loss, metrics, loss_weights);
        _compiled = new CompiledState
        {
            optimizer = LossScaleOptimizer.wrap_for(this, optimizer ?? new RMSprop(), auto_scale_loss),
            loss = outputs.first_loss,
            loss_weight = 1.0,
            metrics = outputs.all_metrics(),
            outputs = outputs,
        };
        _arena?.Dispose();
        _arena = null;
    }

    /// <summary>The list/dictionary forms for a model with one output: one entry, handed to the single-output compile.</summary>
    void CompileSingle(Optimizer? optimizer, OutputLosses loss, OutputMetrics? metrics, OutputWeights? weights, IReadOnlyList<string> names, bool autoScaleLoss)
    {
        string expected = $"model '{name}' has one output ({string.Join(", ", names)})";
        Loss? single = loss.single ?? (loss.single_name is { } n ? Loss.get(n) : null);
        if (loss.list is { } list)
            single = list.Count == 1 ? list[0] : throw new ArgumentException($"`loss` holds {list.Count} losses but {expected}; pass one loss.", nameof(loss));
        if (loss.dict is { } dict)
            single = dict.Count == 1 && dict.ContainsKey(names[0]) ? dict[names[0]]
                : throw new ArgumentException($"The `loss` dictionary must have the one key '{names[0]}': {expected}. Received keys: {string.Join(", ", dict.Keys.Select(k => $"'{k}'"))}.", nameof(loss));
        if (metrics?.dict is { } md && md.Keys.FirstOrDefault(k => k != names[0]) is { } unknown)
            throw new ArgumentException($"In the dict argument `metrics`, key '{unknown}' does not correspond to any model output: {expected}.", nameof(metrics));
        // Keras (CompileMetrics, one output): every metric given applies to the one output.
        var flat = metrics is null ? null
            : (metrics.list ?? metrics.dict!.Values.ToList()).SelectMany(m => m ?? Array.Empty<Metric>()).ToList();
        List<double>? w = null;
        if (weights?.list is { } wl) w = wl.ToList();
        if (weights?.dict is { } wd)
            w = wd.Count == 1 && wd.ContainsKey(names[0]) ? new List<double> { wd[names[0]] }
                : throw new ArgumentException($"The `loss_weights` dictionary must have the one key '{names[0]}': {expected}.", "loss_weights");
        compile(optimizer, single, flat, w, autoScaleLoss);
    }

    /// <summary>The number of outputs: a functional model's, else one.</summary>
    internal int output_count => this is Functional f ? f.outputs.Count : 1;

    /// <summary>The names that key targets and compile dictionaries: a functional model's output keys or output layer names.</summary>
    IReadOnlyList<string> output_data_names() => this is Functional f
        ? f.output_keys ?? f.output_names
        : new[] { layers.Count > 0 ? layers[^1].name : "output" };

    /// <summary>Runs the model and returns every output (one for a model that is not functional).</summary>
    internal Tensor[] call_outputs(Tensor[] inputs, bool training) =>
        this is Functional f ? f.call_tensors(inputs, training) : new[] { call_inputs(inputs, training) };

    /// <summary>
    /// Puts <paramref name="x"/> and <paramref name="y"/> in the model's order (<see cref="StructuredData"/>): dictionaries
    /// keyed by input or output name, lists of one array per input or output, checked against the model.
    /// </summary>
    (object? x, object? y) StandardizeData(object? x, object? y, object? sampleWeight, string method, string yArgument = "y")
    {
        if (this is Functional f) x = StructuredData.Inputs(x, f.input_keys ?? f.input_names, name, method);
        else if (x is IDictionary)
            throw new ArgumentException($"{method}: only a functional model (keras.Model(inputs, outputs)) takes `x` as a dictionary keyed by input name; model '{name}' is a {class_name}.", nameof(x));
        if (y is IDictionary && this is not Functional)
            throw new ArgumentException($"{method}: only a functional model takes `{yArgument}` as a dictionary keyed by output name; model '{name}' is a {class_name}.", yArgument);
        y = StructuredData.Targets(y, output_data_names(), name, method, yArgument);
        StructuredData.CheckSharedWeights(sampleWeight, output_count, method);
        return (x, y);
    }

    /// <summary><see cref="StandardizeData"/> for an (x, y) or (x, y, sample_weight) <c>validation_data</c> tuple.</summary>
    object? StandardizeValidation(object? validationData)
    {
        if (validationData is not ITuple { Length: 2 or 3 } t || DataAdapter.IsBatchSource(validationData)) return validationData;
        var sw = t.Length == 3 ? t[2] : null;
        var (vx, vy) = StandardizeData(t[0], t[1], sw, "fit (validation_data)", "validation_data y");
        return t.Length == 3 ? (vx, vy, sw) : (vx, vy);
    }

    /// <summary>Checks the targets of the data against the compiled losses and metrics, before anything changes.</summary>
    void CheckData(CompiledState c, DataAdapter data, DataBatch first, string argument)
    {
        if (c.outputs is null)
        {
            CheckTargets(c, first.inputs, data is TensorDataAdapter ta ? ta.y! : first.y!, argument);
            return;
        }
        var y = data is TensorDataAdapter { targets: { } t } ? t : first.several_targets
            ?? throw new ArgumentException($"`{argument}` must hold one target per output of model '{name}' ({string.Join(", ", output_data_names())}); the batch has {first.targets.Count}.", argument);
        if (y.Length != c.outputs.heads.Length)
            throw new ArgumentException($"`{argument}` holds {y.Length} targets but model '{name}' has {c.outputs.heads.Length} outputs.", argument);
        using var scope = NewDisposeScope();
        Tensor[] predicted;
        using (no_grad())
        {
            predicted = call_outputs(first.inputs.Select(x => x.narrow(0, 0, 1)).ToArray(), false);
            clear_activity_losses();
        }
        c.outputs.validate(y, predicted, argument);
    }

    /// <summary>Keras refuses class_weight for several outputs (data_adapter_utils: only for a single output).</summary>
    void RefuseClassWeightForOutputs(object? classWeight)
    {
        if (classWeight is not null && output_count > 1)
            throw new ArgumentException($"`class_weight` is only supported for Models with a single output; model '{name}' has {output_count} outputs.", "class_weight");
    }

    static Tensor[] TargetsOf(DataBatch data, string step) => data.several_targets
        ?? throw new ArgumentException($"{step} of a model with several outputs needs one target per output (DataBatch.targets); the batch has {data.targets.Count}.", nameof(data));

    /// <summary>Keras's train_step for several outputs: forward, the weighted sum of the outputs' losses, backward, the optimizer, metrics.</summary>
    Dictionary<string, Tensor>? MultiOutputTrainStep(CompiledState c, DataBatch data, bool returnLogs)
    {
        var y = TargetsOf(data, "train_step");
        clear_activity_losses();
        var predicted = call_outputs(data.inputs, true);
        var loss = TotalLoss(c, c.outputs!.loss(y, predicted, data.sample_weight, data.size), regularized_weights());
        TrackAndApply(c, loss, data.size);
        c.outputs.update_metrics(y, predicted.Select(p => p.detach()).ToArray());
        return returnLogs ? get_metrics_result() : null;
    }

    /// <summary>Keras's test_step for several outputs.</summary>
    Dictionary<string, Tensor>? MultiOutputTestStep(CompiledState c, DataBatch data, bool returnLogs)
    {
        var y = TargetsOf(data, "test_step");
        clear_activity_losses();
        var predicted = call_outputs(data.inputs, false);
        var loss = TotalLoss(c, c.outputs!.loss(y, predicted, data.sample_weight, data.size), regularized_weights());
        c.loss_tracker.update_weighted(loss, data.size);
        c.outputs.update_metrics(y, predicted);
        return returnLogs ? get_metrics_result() : null;
    }

    /// <summary>
    /// Runs a model with several outputs on inputs (Keras: <c>model.predict</c>, which returns a list) and returns one
    /// float32 CPU tensor per output, in <see cref="Functional.outputs"/> order (for a dictionary of outputs, sorted by
    /// key as Keras flattens it), each with the samples first: <c>var outs = model.predict_outputs(x); var (reg, cls) = (outs[0], outs[1]);</c>.
    /// For a model with one output it returns that one array. Arguments as <see cref="predict"/>.
    /// </summary>
    public Tensor[] predict_outputs(object x, int? batch_size = null, int? verbose = null, int? steps = null, IEnumerable<Callbacks.Callback>? callbacks = null) =>
        PredictCore(x, batch_size, verbose, steps, callbacks, output_count);

    static void CollectOutputs(List<Tensor>[] collected, Tensor[] outputs)
    {
        for (int i = 0; i < outputs.Length; i++) collected[i].Add(outputs[i].detach().MoveToOuterDisposeScope());
    }

    /// <summary>predict refuses a model with several outputs, pointing at predict_outputs.</summary>
    void RefuseSeveralOutputs(string method)
    {
        if (output_count > 1)
            throw new InvalidOperationException(
                $"Model '{name}' has {output_count} outputs ({string.Join(", ", output_data_names())}): `{method}` returns one array. Use `predict_outputs`, which returns one array per output (Keras's list).");
    }
}
