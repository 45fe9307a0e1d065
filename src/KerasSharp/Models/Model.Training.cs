using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using KerasSharp.Callbacks;
using KerasSharp.Data;
using KerasSharp.Layers;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Models;

public abstract partial class Model
{
    /// <summary>
    /// Trains the model (Keras: <c>model.fit</c>) and returns its <see cref="History"/> (also kept as <see cref="history"/>).
    /// </summary>
    /// <remarks>
    /// As in Keras 3: <paramref name="batch_size"/> defaults to 32 and the last, smaller batch is kept; each epoch draws a
    /// new permutation when <paramref name="shuffle"/>; <paramref name="validation_split"/> keeps the last fraction of the
    /// rows, <c>[floor(N·(1 - s)), N)</c>, taken before shuffling (<paramref name="validation_data"/>, an (x, y) or
    /// (x, y, sample_weight) tuple or a batch source, overrides it); <paramref name="class_weight"/> weighs the training
    /// part only; the epoch's "loss" and metrics are sample-weighted running means over the epoch, validation runs after
    /// the epoch in inference mode and its keys get "val_". <paramref name="x"/> and <paramref name="y"/> may be
    /// TorchSharp tensors (<c>Tensor[]</c> for several inputs), arrays of any rank, int[]/long[] labels, any ML.NET
    /// <c>IDataView</c> such as a DataFrame; or <paramref name="x"/> is a batch source, a <see cref="PyDataset"/> or an
    /// enumerable of (x, y) batches, read with <paramref name="steps_per_epoch"/> batches per epoch when given (see
    /// <see cref="EpochIterator"/>). Each step is <see cref="train_step"/>; in-memory data is copied to the model's
    /// device once and batched there without waiting for the device. Inputs holding NaN or infinity are refused with an
    /// <see cref="ArgumentException"/>.
    /// </remarks>
    public History fit(object? x = null, object? y = null, int? batch_size = null, int epochs = 1, int? verbose = null,
        IEnumerable<Callback>? callbacks = null, double validation_split = 0.0, object? validation_data = null,
        bool shuffle = true, IReadOnlyDictionary<int, double>? class_weight = null, object? sample_weight = null,
        int initial_epoch = 0, int? steps_per_epoch = null, int? validation_steps = null, int validation_freq = 1, int? validation_batch_size = null)
    {
        using var run = EnterRun("fit");
        var c = RequireCompiled("fit");
        int batch = CheckBatchSize(batch_size, nameof(batch_size));
        int verb = CheckVerbose(verbose);
        if (epochs < 0) throw new ArgumentException($"`epochs` must be a non-negative integer. Received: epochs={epochs}", nameof(epochs));
        if (initial_epoch < 0) throw new ArgumentException($"`initial_epoch` must be a non-negative integer. Received: initial_epoch={initial_epoch}", nameof(initial_epoch));
        if (!(validation_split >= 0 && validation_split < 1))
            throw new ArgumentException($"`validation_split` must be in [0, 1). Received: validation_split={validation_split}", nameof(validation_split));
        if (validation_freq < 1) throw new ArgumentException($"`validation_freq` must be a positive integer. Received: validation_freq={validation_freq}", nameof(validation_freq));
        if (steps_per_epoch is <= 0) throw new ArgumentException($"`steps_per_epoch` must be a positive integer or null. Received: steps_per_epoch={steps_per_epoch}", nameof(steps_per_epoch));
        if (validation_steps is <= 0) throw new ArgumentException($"`validation_steps` must be a positive integer or null. Received: validation_steps={validation_steps}", nameof(validation_steps));
        int valBatch = validation_batch_size is null ? batch : CheckBatchSize(validation_batch_size, nameof(validation_batch_size));
        if (class_weight is not null && sample_weight is not null)
            throw new ArgumentException("You cannot pass both `class_weight` and `sample_weight` at the same time.", nameof(class_weight));
        if (class_weight is not null) ClassWeights.Check(class_weight);
        RefuseEmpty("fit");
        RefuseClassWeightForOutputs(class_weight);
        (x, y) = StandardizeData(x, y, sample_weight, "fit");
        validation_data = StandardizeValidation(validation_data);

        var device = target_device();
        using var fitScope = NewDisposeScope();
        DataAdapter? train = null, validation = null;
        CallbackList? list = null;
        try
        {
            bool source = DataAdapter.IsBatchSource(x);
            if (source && validation_split > 0)
                throw new ArgumentException("`validation_split` is only supported for in-memory data (tensors and arrays), not for a PyDataset or a batch enumerable; pass `validation_data` instead.", nameof(validation_split));
            train = DataAdapter.Create(x, y, sample_weight, batch, shuffle, device, "fit", needTargets: true);
            if (validation_data is not null)
                validation = ValidationAdapter(validation_data, valBatch, device);
            else if (validation_split > 0)
            {
                var all = (TensorDataAdapter)train;
                long n = all.count;
                long splitAt = (long)Math.Floor(n * (1.0 - validation_split));
                if (splitAt == 0 || splitAt == n)
                    throw new ArgumentException(
                        $"validation_split={validation_split} leaves {(splitAt == 0 ? "no training" : "no validation")} samples out of {n}: "
                        + $"the training part is [0, {splitAt}) and the validation part [{splitAt}, {n}). Use a split that keeps both non-empty.",
                        nameof(validation_split));
                validation = all.Slice(splitAt, n - splitAt, valBatch, false);
                train = all.Slice(0, splitAt, batch, shuffle);
            }
            // Keras splits first, then weighs the training part only.
            if (class_weight is not null && train is TensorDataAdapter t && t.y is { } ty)
                t.use_weights(ClassWeights.SampleWeights(ty, class_weight, checkLabels: true));

            // Everything that can refuse the call runs before any state changes.
            var first = train.first_batch();
            EnsureBuiltFor(first.inputs, first.size);
            place_on(device);
            CheckData(c, train, first, "y");
            if (validation is not null) CheckData(c, validation, validation.first_batch(), "validation y");
            _stepVariables = trainable_weights;
            _stepRegularized = RegularizedOf(_stepVariables);
            c.optimizer.check_variables_are_known(_stepVariables);

            arena_for_training();
            _head = c.outputs is null && IsDefault(nameof(train_step)) && IsDefault(nameof(compute_loss))
                ? SoftmaxCrossentropyHead.TryCreate(this, c.loss, (train as TensorDataAdapter)?.y)
                : null;
            bool fastLogs = IsDefault(nameof(train_step)) && IsDefault(nameof(compute_metrics)) && IsDefault("get_metrics");
            using var iterator = new EpochIterator(train, steps_per_epoch);
            train = null; // the iterator owns it now
            var hist = new History();
            var @params = new Dictionary<string, object?> { ["verbose"] = verbose is null ? "auto" : verb, ["epochs"] = epochs, ["steps"] = iterator.steps };
            list = new CallbackList(callbacks, this, hist, verb == 0 ? null : new ProgbarLogger(verb), @params);
            stop_training = false;
            history = hist;

            _initial_epoch = null;
            list.on_train_begin();
            // BackupAndRestore sets the epoch to resume from in on_train_begin (Keras: `self._initial_epoch or initial_epoch`).
            int firstEpoch = _initial_epoch is > 0 and int resumed ? resumed : initial_epoch;
            _initial_epoch = null;
            Dictionary<string, double>? epochLogs = null;
            for (int epoch = firstEpoch; epoch < epochs; epoch++)
            {
                using var epochScope = NewDisposeScope();
                reset_metrics();
                list.on_epoch_begin(epoch);
                train_mode(true);
                iterator.begin_epoch();
                var kept = new KeptLogs();
                for (int step = 0; ; step++)
                {
                    bool ran = false;
                    using (var stepScope = NewDisposeScope())
                    {
                        var data = iterator.next();
                        if (data is not null)
                        {
                            if (data.owned) stepScope.Attach(data.tensors);
                            if (class_weight is not null && data.y is { } by && data.owned)
                                data = new DataBatch(data.inputs, by, ClassWeights.SampleWeights(by, class_weight, checkLabels: false));
                            if (list.wants_batch_logs) list.on_train_batch_begin(step);
                            kept.Keep(fastLogs ? DefaultTrainStep(data, returnLogs: false) : train_step(data));
                            ran = true;
                        }
                    }
                    if (!ran) break;
                    list.on_train_batch_end(step, () => kept.Read() ?? ReadLogs(c));
                    if (stop_training) break;
                }
                iterator.end_epoch();
                clear_activity_losses();
                epochLogs = kept.Read() ?? ReadLogs(c);
                kept.Dispose();
                train_mode(false);
                if (validation is not null && (epoch + 1) % validation_freq == 0)
                {
                    // Keras runs validation as `evaluate(..., callbacks=callbacks)`: the test hooks fire (SwapEMAWeights
                    // validates with the averages, TensorBoard writes its evaluation_* scalars); the bar stays silent.
                    list.on_test_begin();
                    var valLogs = RunTest(c, validation, validation_steps, list, keepAdapter: true);
                    list.on_test_end(valLogs);
                    foreach (var (k, v) in valLogs) epochLogs["val_" + k] = v;
                }
                list.on_epoch_end(epoch, epochLogs);
                if (stop_training) break;
            }
            if (epochs > 0) c.optimizer.finalize_variable_values(trainable_weights);
            list.on_train_end(epochLogs);
            return hist;
        }
        finally
        {
            list?.on_fit_exit(); // background checkpoint writes complete before fit returns or throws
            train?.Dispose();
            validation?.Dispose();
            _stepVariables = null;
            _stepRegularized = null;
            _head = null;
        }
    }

    static DataAdapter ValidationAdapter(object validationData, int batch, Device device)
    {
        if (DataAdapter.IsBatchSource(validationData))
            return DataAdapter.Create(validationData, null, null, batch, false, device, "fit (validation_data)", needTargets: true);
        if (validationData is ITuple { Length: 2 or 3 } tuple)
            return DataAdapter.Create(tuple[0], tuple[1], tuple.Length == 3 ? tuple[2] : null, batch, false, device, "fit (validation_data)", needTargets: true);
        throw new ArgumentException(
            $"`validation_data` must be an (x, y) or (x, y, sample_weight) tuple, a PyDataset or a batch enumerable. Received: {validationData.GetType().Name}.",
            "validation_data");
    }

    /// <summary>
    /// Scores the model (Keras: <c>model.evaluate(..., return_dict=True)</c>): the loss and compiled metrics over the
    /// data, in inference mode without gradients, batch size 32 by default, keys sorted as Keras sorts them. Each step
    /// is <see cref="test_step"/>; <paramref name="x"/> may be a batch source, read for <paramref name="steps"/> batches
    /// when given.
    /// </summary>
    public Dictionary<string, double> evaluate(object? x = null, object? y = null, int? batch_size = null, int? verbose = null,
        object? sample_weight = null, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        using var run = EnterRun("evaluate");
        var c = RequireCompiled("evaluate");
        int batch = CheckBatchSize(batch_size, nameof(batch_size));
        int verb = CheckVerbose(verbose);
        if (steps is <= 0) throw new ArgumentException($"`steps` must be a positive integer or null. Received: steps={steps}", nameof(steps));
        RefuseEmpty("evaluate");
        (x, y) = StandardizeData(x, y, sample_weight, "evaluate");
        var device = target_device();
        using var scope = NewDisposeScope();
        using var data = DataAdapter.Create(x, y, sample_weight, batch, false, device, "evaluate", needTargets: true);
        var first = data.first_batch();
        EnsureBuiltFor(first.inputs, first.size);
        place_on(device);
        CheckData(c, data, first, "y");
        var @params = new Dictionary<string, object?> { ["verbose"] = verbose is null ? "auto" : verb, ["epochs"] = 1, ["steps"] = steps ?? data.num_batches };
        var list = new CallbackList(callbacks, this, null, verb == 0 ? null : new ProgbarLogger(verb), @params);
        train_mode(false);
        list.on_test_begin();
        var logs = RunTest(c, data, steps, list, keepAdapter: true);
        list.on_test_end(logs);
        return logs;
    }

    /// <summary>
    /// Runs the model on inputs (Keras: <c>model.predict</c>) in inference mode without gradients, batch size 32 by
    /// default, and returns the outputs as one float32 tensor on the CPU (Keras returns a NumPy array); 0 rows give an
    /// empty (0, ...) result. Each step is <see cref="predict_step"/>; <paramref name="x"/> may be a batch source.
    /// </summary>
    public Tensor predict(object x, int? batch_size = null, int? verbose = null, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        RefuseSeveralOutputs("predict");
        return PredictCore(x, batch_size, verbose, steps, callbacks, 1)[0];
    }

    /// <summary>predict's loop: <paramref name="count"/> is 1 (predict_step's one output) or the number of outputs.</summary>
    Tensor[] PredictCore(object x, int? batch_size, int? verbose, int? steps, IEnumerable<Callback>? callbacks, int count)
    {
        using var run = EnterRun("predict");
        int batch = CheckBatchSize(batch_size, nameof(batch_size));
        int verb = CheckVerbose(verbose);
        if (steps is <= 0) throw new ArgumentException($"`steps` must be a positive integer or null. Received: steps={steps}", nameof(steps));
        RefuseEmpty("predict");
        x = StandardizeData(x, null, null, "predict").x!;
        var device = target_device();
        Tensor[] result;
        using (var scope = NewDisposeScope())
        {
            using var data = DataAdapter.Create(x, null, null, batch, false, device, "predict", needTargets: false);
            var first = data is TensorDataAdapter { count: 0 } empty ? new DataBatch(empty.inputs) : data.first_batch();
            EnsureBuiltFor(first.inputs, first.size == 0 ? null : first.size);
            place_on(device);
            using var iterator = new EpochIterator(data, steps);
            var @params = new Dictionary<string, object?> { ["verbose"] = verbose is null ? "auto" : verb, ["epochs"] = 1, ["steps"] = iterator.steps };
            var list = new CallbackList(callbacks, this, null, verb == 0 ? null : new ProgbarLogger(verb), @params);
            train_mode(false);
            list.on_predict_begin();
            var outputs = Enumerable.Range(0, count).Select(_ => new List<Tensor>()).ToArray();
            iterator.begin_epoch();
            using (no_grad())
            {
                for (int step = 0; ; step++)
                {
                    using (var stepScope = NewDisposeScope())
                    {
                        var b = iterator.next();
                        if (b is null) break;
                        if (b.owned) stepScope.Attach(b.tensors);
                        list.on_predict_batch_begin(step);
                        if (count == 1) outputs[0].Add(predict_step(b).detach().MoveToOuterDisposeScope());
                        else CollectOutputs(outputs, call_outputs(b.inputs, false));
                    }
                    list.on_predict_batch_end(step);
                }
                // No rows: the model's output for an empty batch has the (0, ...) shape Keras returns.
                if (outputs[0].Count == 0)
                {
                    if (count == 1) outputs[0].Add(predict_step(first).narrow(0, 0, 0));
                    else CollectOutputs(outputs, call_outputs(first.inputs, false).Select(o => o.narrow(0, 0, 0)).ToArray());
                }
            }
            iterator.end_epoch();
            clear_activity_losses();
            list.on_predict_end();
            result = outputs.Select(o => cat(o, 0).to(ScalarType.Float32, CPU).DetachFromDisposeScope()).ToArray();
        }
        return result;
    }

    // ---- Keras's override points (keras/src/trainers/trainer.py, keras/src/backend/torch/trainer.py) ----------------

    /// <summary>
    /// One training step (Keras: <c>train_step(data)</c>), called by <c>fit</c> for each batch: the forward pass in
    /// training mode, <see cref="compute_loss"/>, the loss tracker, <see cref="zero_grad"/>, backward, the optimizer's
    /// <c>apply(gradients, trainable_weights)</c>, then <see cref="compute_metrics"/>, whose logs it returns (scalar
    /// tensors; <c>fit</c> reads them only when a callback or the progress bar needs them, and keeps the last step's as
    /// the epoch's logs). For a plain Sequential ending in <c>Dense(softmax)</c> with a crossentropy, the default step
    /// computes the loss from the logits (<see cref="SoftmaxCrossentropyHead"/>), with Keras's values and gradients to
    /// float precision. Override it for a custom training loop, as in Keras.
    /// </summary>
    public virtual Dictionary<string, Tensor> train_step(DataBatch data) => DefaultTrainStep(data, returnLogs: true)!;

    /// <summary>One evaluation step (Keras: <c>test_step(data)</c>): forward in inference mode, <see cref="compute_loss"/>, the loss tracker, <see cref="compute_metrics"/>.</summary>
    public virtual Dictionary<string, Tensor> test_step(DataBatch data) => DefaultTestStep(data, returnLogs: true)!;

    /// <summary>One prediction step (Keras: <c>predict_step(data)</c>): the model's output for <c>data.inputs</c> in inference mode.</summary>
    public virtual Tensor predict_step(DataBatch data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return call_inputs(data.inputs, false);
    }

    /// <summary>
    /// The total loss (Keras: <c>compute_loss(x, y, y_pred, sample_weight, training)</c>): the compiled loss times its
    /// weight, plus the weight penalties of trainable weights and the activity penalties of this call (Keras:
    /// <c>model.losses</c>). Override it to train on a loss of your own while keeping the default steps.
    /// </summary>
    public virtual Tensor compute_loss(Tensor[] x, Tensor? y, Tensor y_pred, Tensor? sample_weight, bool training = true)
    {
        var c = RequireCompiled("compute_loss");
        if (y is null) throw new ArgumentException("compute_loss needs targets `y`; the batch has none.", nameof(y));
        return TotalLoss(c, c.loss.compute_unchecked(y, y_pred, sample_weight), regularized_weights());
    }

    /// <summary>
    /// Updates the compiled metrics with a batch and returns every metric's current result (Keras:
    /// <c>compute_metrics(x, y, y_pred, sample_weight)</c>, then <see cref="get_metrics_result"/>).
    /// </summary>
    public virtual Dictionary<string, Tensor> compute_metrics(Tensor[] x, Tensor? y, Tensor y_pred, Tensor? sample_weight)
    {
        UpdateCompiledMetrics(y, y_pred);
        return get_metrics_result();
    }

    /// <summary>The loss tracker's and each metric's result, by name (Keras: <c>get_metrics_result()</c>).</summary>
    public Dictionary<string, Tensor> get_metrics_result()
    {
        var logs = new Dictionary<string, Tensor>();
        if (_compiled is { } c) logs["loss"] = c.loss_tracker.result();
        foreach (var m in metrics) logs[m.name] = m.result();
        return logs;
    }

    /// <summary>Resets the loss tracker and every metric in <see cref="metrics"/> (Keras: <c>reset_metrics()</c>; fit does it each epoch).</summary>
    public void reset_metrics()
    {
        _compiled?.loss_tracker.reset_state();
        foreach (var m in metrics) m.reset_state();
    }

    /// <summary>
    /// Zeros the trainable weights' gradients before a backward pass (Keras's torch trainer calls <c>zero_grad()</c>).
    /// Gradients that are views of the flat gradient buffer are zeroed in place (one operation for the whole model)
    /// and stay allocated; <paramref name="set_to_none"/> is honoured for the others.
    /// </summary>
    public override void zero_grad(bool set_to_none = true)
    {
        var variables = _stepVariables ?? trainable_weights;
        if (_arena is { } arena && arena.Matches(variables))
        {
            arena.zero_grad();
            return;
        }
        using var _ = no_grad();
        foreach (var v in variables)
        {
            var p = v.value;
            using var g = p.grad;
            if (g is null) continue;
            if (set_to_none && ParameterArena.Owning(p) is null) p.grad = null;
            else g.zero_();
        }
    }

    /// <summary>
    /// Runs the model on several inputs (Keras: <c>model([x1, x2], training)</c>). The default takes one input; a model
    /// with several inputs overrides it.
    /// </summary>
    public virtual Tensor call(Tensor[] inputs, bool training)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length != 1)
            throw new ArgumentException($"Model '{name}' takes one input; received {inputs.Length}. A model with several inputs overrides `call(Tensor[] inputs, bool training)`.", nameof(inputs));
        return invoke(inputs[0], training);
    }

    Tensor call_inputs(Tensor[] inputs, bool training) => inputs.Length == 1 ? invoke(inputs[0], training) : call(inputs, training);

    // ---- The default steps ---------------------------------------------------------------------------------------

    IReadOnlyList<Variable>? _stepVariables;
    // The regularized ones among them, found once per fit rather than once per step.
    List<Variable>? _stepRegularized;
    SoftmaxCrossentropyHead? _head;

    /// <summary>Keras's torch train_step; <paramref name="returnLogs"/> false when fit reads the metrics itself.</summary>
    Dictionary<string, Tensor>? DefaultTrainStep(DataBatch data, bool returnLogs)
    {
        ArgumentNullException.ThrowIfNull(data);
        var c = RequireCompiled("train_step");
        if (c.outputs is not null) return MultiOutputTrainStep(c, data, returnLogs);
        var (inputs, y, w) = (data.inputs, data.y, data.sample_weight);
        clear_activity_losses();
        Tensor yPred, loss;
        if (_head is not null && inputs.Length == 1 && y is not null)
        {
            // Dense(softmax) + crossentropy from the logits; yPred holds the logits then (see SoftmaxCrossentropyHead).
            (var compiled, yPred) = _head.forward(inputs[0], y, w, true);
            loss = TotalLoss(c, compiled, regularized_weights());
        }
        else
        {
            yPred = call_inputs(inputs, true);
            loss = compute_loss(inputs, y, yPred, w, true);
        }
        TrackAndApply(c, loss, data.size);
        // Under the head yPred holds the logits: metrics that read only the argmax take them as they are (softmax keeps
        // each row's argmax), which saves the softmax and its parallel region per step; the others get probabilities.
        bool logitsServe = _head is null || (!returnLogs && y is not null && MetricsReadArgmaxOnly(c, y, yPred));
        var predicted = logitsServe ? yPred.detach() : SoftmaxCrossentropyHead.probabilities(yPred);
        if (returnLogs) return compute_metrics(inputs, y, predicted, w);
        UpdateCompiledMetrics(y, predicted);
        return null;
    }

    /// <summary>Whether every compiled metric reads the predictions only through their argmax (see <see cref="Metric.argmax_only"/>).</summary>
    static bool MetricsReadArgmaxOnly(CompiledState c, Tensor y, Tensor logits)
    {
        foreach (var m in c.metrics)
            if (!m.argmax_only(y, logits)) return false;
        return true;
    }

    /// <summary>
    /// The default train steps' common tail: the loss tracker, <see cref="zero_grad"/>, backward of the (scaled) loss,
    /// the optimizer. The flat buffers' entry skips the per-variable checks after the first step of the fit (same step,
    /// same errors).
    /// </summary>
    void TrackAndApply(CompiledState c, Tensor loss, long size)
    {
        using (no_grad()) c.loss_tracker.update_weighted(loss, size);
        var variables = _stepVariables ?? trainable_weights;
        if (variables.Count == 0) return;
        zero_grad();
        c.optimizer.scale_loss(loss).backward();
        if (_arena is { } arena && arena.Matches(variables)) c.optimizer.apply_arena(arena, variables);
        else c.optimizer.apply(variables.Select(v => v.value.grad).ToList(), variables);
    }

    Dictionary<string, Tensor>? DefaultTestStep(DataBatch data, bool returnLogs)
    {
        ArgumentNullException.ThrowIfNull(data);
        var c = RequireCompiled("test_step");
        if (c.outputs is not null) return MultiOutputTestStep(c, data, returnLogs);
        clear_activity_losses();
        var yPred = call_inputs(data.inputs, false);
        var loss = compute_loss(data.inputs, data.y, yPred, data.sample_weight, false);
        c.loss_tracker.update_weighted(loss, data.size);
        if (returnLogs) return compute_metrics(data.inputs, data.y, yPred, data.sample_weight);
        UpdateCompiledMetrics(data.y, yPred);
        return null;
    }

    void UpdateCompiledMetrics(Tensor? y, Tensor yPred)
    {
        if (_compiled is not { } c || c.metrics.Count == 0) return;
        if (y is null) throw new ArgumentException("The compiled metrics need targets `y`; the batch has none.", nameof(y));
        using var _ = no_grad();
        yPred = DTypePolicies.DTypePolicy.AsFloat32(yPred);
        foreach (var m in c.metrics) m.update_state(y, yPred);
    }

    /// <summary>Whether <paramref name="method"/> is this class's own, not overridden by a subclass.</summary>
    bool IsDefault(string method) =>
        GetType().GetMethod(method, System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public)?.DeclaringType == typeof(Model);

    /// <summary>Runs the test steps over the data (validation inside fit, or evaluate) and returns the logs.</summary>
    Dictionary<string, double> RunTest(CompiledState c, DataAdapter data, int? steps, CallbackList? list, bool keepAdapter)
    {
        reset_metrics();
        bool fastLogs = IsDefault(nameof(test_step)) && IsDefault(nameof(compute_metrics)) && IsDefault("get_metrics");
        var iterator = new EpochIterator(data, steps);
        var kept = new KeptLogs();
        try
        {
            iterator.begin_epoch();
            using (no_grad())
            {
                for (int step = 0; ; step++)
                {
                    using (var stepScope = NewDisposeScope())
                    {
                        var b = iterator.next();
                        if (b is null) break;
                        if (b.owned) stepScope.Attach(b.tensors);
                        list?.on_test_batch_begin(step);
                        kept.Keep(fastLogs ? DefaultTestStep(b, returnLogs: false) : test_step(b));
                    }
                    list?.on_test_batch_end(step, () => kept.Read() ?? ReadLogs(c));
                }
            }
            iterator.end_epoch();
            clear_activity_losses();
            return kept.Read() ?? ReadLogs(c);
        }
        finally
        {
            kept.Dispose();
            if (!keepAdapter) iterator.Dispose();
        }
    }

    /// <summary>The last logs a custom step returned, kept past its step's dispose scope (aliases, freed on the next step).</summary>
    sealed class KeptLogs : IDisposable
    {
        Dictionary<string, Tensor>? _logs;

        internal void Keep(Dictionary<string, Tensor>? logs)
        {
            if (logs is null) return;
            var kept = new Dictionary<string, Tensor>();
            foreach (var (k, v) in logs)
            {
                if (v is null) throw new InvalidOperationException($"The step's logs hold a null value for '{k}'; expected a scalar tensor.");
                if (v.numel() != 1) throw new InvalidOperationException($"The step's logs hold '{k}' of shape {ShapeUtils.Format(v)}; expected a scalar tensor.");
                kept[k] = v.detach().reshape(Array.Empty<long>()).DetachFromDisposeScope();
            }
            Dispose();
            _logs = kept;
        }

        internal Dictionary<string, double>? Read() => _logs is null ? null : ReadLogs(_logs);

        public void Dispose()
        {
            if (_logs is not null) foreach (var t in _logs.Values) t.Dispose();
            _logs = null;
        }
    }

    // ---- Steps ---------------------------------------------------------------------------------------------------

    /// <summary>Trainable weights with a regularizer: Keras penalises only those (Layer._get_regularization_losses).</summary>
    List<Variable> regularized_weights() => _stepRegularized ?? RegularizedOf(trainable_weights);

    static List<Variable> RegularizedOf(IReadOnlyList<Variable> variables) => variables.Where(v => v.regularizer is not null).ToList();

    /// <summary>The compiled loss times its weight, plus weight and activity penalties (what Keras trains on and logs as "loss").</summary>
    Tensor TotalLoss(CompiledState c, Tensor compiledLoss, List<Variable> regularized)
    {
        var total = compiledLoss;
        if (c.loss_weight != 1.0) total = total.mul(c.loss_weight);
        foreach (var v in regularized) total = total.add(v.regularizer!.call(v.value));
        foreach (var a in activity_losses) total = total.add(a);
        return total;
    }

    /// <summary>The current loss and metric values, read from the device in one transfer, keys sorted (Keras's pythonify_logs).</summary>
    static Dictionary<string, double> ReadLogs(CompiledState c)
    {
        var logs = new Dictionary<string, Tensor>();
        using var scope = NewDisposeScope();
        logs["loss"] = c.loss_tracker.result();
        foreach (var m in c.metrics) logs[m.name] = m.result();
        return ReadLogs(logs);
    }

    /// <summary>Scalar tensors read from the device in one transfer, keys sorted.</summary>
    static Dictionary<string, double> ReadLogs(Dictionary<string, Tensor> logs)
    {
        if (logs.Count == 0) return new Dictionary<string, double>();
        using var scope = NewDisposeScope();
        var names = logs.Keys.ToList();
        var values = logs.Values.ToList();
        var device = values.FirstOrDefault(v => v.device_type != DeviceType.CPU)?.device ?? CPU;
        // Results are normally float32 scalars on the device already; converting only the others saves allocations each epoch.
        for (int i = 0; i < values.Count; i++)
            if (values[i].dtype != ScalarType.Float32 || values[i].dim() != 0 || !Backend.DeviceConfig.Same(values[i].device, device))
                values[i] = values[i].to(ScalarType.Float32, device).reshape(Array.Empty<long>());
        var stacked = stack(values);
        var host = (device.type == DeviceType.CPU ? stacked : stacked.cpu()).data<float>().ToArray();
        return names.Select((n, i) => (n, v: (double)host[i])).OrderBy(p => p.n, StringComparer.Ordinal).ToDictionary(p => p.n, p => p.v);
    }

    void train_mode(bool on)
    {
        if (on) train(); else eval();
    }

    // ---- Runs: one at a time per model -------------------------------------------------------------------------------

    readonly object _runLock = new();
    int _runThread;
    int _runDepth;
    string? _runName;

    /// <summary>
    /// Marks a fit/evaluate/predict in progress. A call from another thread while one runs is refused (the model's
    /// state is not thread-safe); the same thread may nest (a callback calling predict or evaluate, validation).
    /// </summary>
    IDisposable EnterRun(string method)
    {
        lock (_runLock)
        {
            int me = Environment.CurrentManagedThreadId;
            if (_runDepth > 0 && _runThread != me)
                throw new InvalidOperationException(
                    $"Model '{name}' is already running {_runName} on another thread; `{method}` cannot run on the same model at the same time. Wait for it to finish, or use a separate model per thread.");
            if (_runDepth == 0)
            {
                _runThread = me;
                _runName = method;
            }
            _runDepth++;
        }
        return new RunToken(this);
    }

    sealed class RunToken(Model model) : IDisposable
    {
        bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            lock (model._runLock)
                if (--model._runDepth == 0) model._runName = null;
        }
    }

    /// <summary>Refuses compile while fit/evaluate/predict runs (e.g. from a callback): it would replace the state the run is using.</summary>
    void RefuseCompileDuringRun()
    {
        lock (_runLock)
            if (_runDepth > 0)
                throw new InvalidOperationException(
                    $"compile() cannot be called while `{_runName}` is running on model '{name}' (for example from a callback): it would replace the optimizer, loss and metrics in use. Call compile() before fit or after it returns.");
    }

    /// <summary>Keras refuses to run a Sequential without layers.</summary>
    void RefuseEmpty(string method)
    {
        if (this is Sequential && layers.Count == 0)
            throw new InvalidOperationException($"Sequential model '{name}' has no layers: `{method}` needs at least one layer. Call `model.add(layer)` first.");
    }

    // ---- Data ----------------------------------------------------------------------------------------------------

    /// <summary>Builds an unbuilt model from the data's shape (batch dimension = the first batch's size, as Keras does).</summary>
    void EnsureBuiltFor(Tensor[] X, long? firstBatch)
    {
        if (X.Length != 1) return; // a model with several inputs builds itself in call
        if (!built)
        {
            var shape = X[0].shape.Select(d => (long?)d).ToArray();
            shape[0] = firstBatch;
            build_model(shape);
        }
        CheckInput(X[0]);
    }

    /// <summary>Builds the model for an input shape; Sequential chains its layers.</summary>
    internal virtual void build_model(long?[] input_shape) => ensure_built(input_shape);

    /// <summary>Checks the data's feature shape against the model's input shape.</summary>
    void CheckInput(Tensor X)
    {
        var expected = input_shape;
        if (expected is null) return;
        bool ok = X.dim() == expected.Length;
        for (int i = 1; ok && i < expected.Length; i++)
            if (expected[i] is { } d && X.shape[i] != d) ok = false;
        if (!ok)
            throw new ArgumentException(
                $"Input of model '{name}' is incompatible: expected shape {ShapeUtils.Format(expected.Select((d, i) => i == 0 ? null : d).ToArray())}, found shape {ShapeUtils.Format(X)}.",
                "x");
    }

    /// <summary>Checks labels against the model's output with a one-sample forward pass (no state changes).</summary>
    void CheckTargets(CompiledState c, Tensor[] x, Tensor? y, string argument)
    {
        if (y is null) throw new ArgumentException($"`{argument}` is missing: training and evaluation need targets.", argument);
        using var scope = NewDisposeScope();
        Tensor yPred;
        using (no_grad())
        {
            yPred = call_inputs(x.Select(t => t.narrow(0, 0, 1)).ToArray(), false);
            clear_activity_losses();
        }
        var y1 = y.narrow(0, 0, 1);
        try
        {
            c.loss.validate(y1, yPred, inspectValues: false);
            c.loss.validate_labels(y, yPred.shape[^1]);
            foreach (var m in c.metrics) m.validate(y1, yPred);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"`{argument}` does not fit the model's output of shape (None, {string.Join(", ", yPred.shape.Skip(1))}): {e.Message}", argument, e);
        }
    }

    static int CheckBatchSize(int? batchSize, string argument)
    {
        if (batchSize is null) return 32;
        if (batchSize <= 0) throw new ArgumentException($"`{argument}` must be a positive integer. Received: {argument}={batchSize}", argument);
        return batchSize.Value;
    }

    static int CheckVerbose(int? verbose)
    {
        if (verbose is null) return 1;
        if (verbose is < 0 or > 2) throw new ArgumentException($"`verbose` must be 0, 1 or 2 (or null for \"auto\"). Received: verbose={verbose}", nameof(verbose));
        return verbose.Value;
    }
}
