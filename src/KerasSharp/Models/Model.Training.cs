using System;
using System.Collections.Generic;
using System.Linq;
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
    /// rows, <c>[floor(N·(1 - s)), N)</c>, taken before shuffling (<paramref name="validation_data"/> overrides it);
    /// the epoch's "loss" and metrics are sample-weighted running means over the epoch, validation runs after the epoch
    /// in inference mode and its keys get "val_". <paramref name="x"/> and <paramref name="y"/> may be TorchSharp
    /// tensors, float[,]/double[,] matrices, int[]/long[] labels, vectors, or any ML.NET <c>IDataView</c> such as a
    /// DataFrame (its numeric columns become features). The data is copied to the model's device once; a step neither
    /// waits for the device nor allocates beyond its own temporaries, which are freed at the end of the step. The
    /// parameters are trained as views of one flat buffer (one optimizer update per step, not one per weight), and a
    /// Sequential ending in Dense(softmax) with categorical or sparse categorical crossentropy computes its loss from the
    /// logits, with Keras's values and gradients to float precision (see SoftmaxCrossentropyHead).
    /// Inputs holding NaN or infinity are refused with an <see cref="ArgumentException"/>.
    /// </remarks>
    public History fit(object? x = null, object? y = null, int? batch_size = null, int epochs = 1, int? verbose = null,
        IEnumerable<Callback>? callbacks = null, double validation_split = 0.0, (object x, object y)? validation_data = null,
        bool shuffle = true, IReadOnlyDictionary<int, double>? class_weight = null, object? sample_weight = null,
        int initial_epoch = 0, int validation_freq = 1, int? validation_batch_size = null)
    {
        var c = RequireCompiled("fit");
        int batch = CheckBatchSize(batch_size, nameof(batch_size));
        int verb = CheckVerbose(verbose);
        if (epochs < 0) throw new ArgumentException($"`epochs` must be a non-negative integer. Received: epochs={epochs}", nameof(epochs));
        if (initial_epoch < 0) throw new ArgumentException($"`initial_epoch` must be a non-negative integer. Received: initial_epoch={initial_epoch}", nameof(initial_epoch));
        if (!(validation_split >= 0 && validation_split < 1))
            throw new ArgumentException($"`validation_split` must be in [0, 1). Received: validation_split={validation_split}", nameof(validation_split));
        if (validation_freq < 1) throw new ArgumentException($"`validation_freq` must be a positive integer. Received: validation_freq={validation_freq}", nameof(validation_freq));
        int valBatch = validation_batch_size is null ? batch : CheckBatchSize(validation_batch_size, nameof(validation_batch_size));
        if (class_weight is not null && sample_weight is not null)
            throw new ArgumentException("You cannot pass both `class_weight` and `sample_weight` at the same time.", nameof(class_weight));

        var device = target_device();
        using var fitScope = NewDisposeScope();
        var data = Prepare(x, y, sample_weight, "fit");
        if (class_weight is not null) data = data with { weights = ClassWeights(data.y, class_weight) };

        Batches train = data, validation = default;
        bool validate = false;
        if (validation_data is { } vd)
        {
            validation = Prepare(vd.x, vd.y, null, "fit (validation_data)");
            validate = true;
        }
        else if (validation_split > 0)
        {
            long n = data.count;
            long splitAt = (long)Math.Floor(n * (1.0 - validation_split));
            if (splitAt == 0 || splitAt == n)
                throw new ArgumentException(
                    $"validation_split={validation_split} leaves {(splitAt == 0 ? "no training" : "no validation")} samples out of {n}: "
                    + $"the training part is [0, {splitAt}) and the validation part [{splitAt}, {n}). Use a split that keeps both non-empty.",
                    nameof(validation_split));
            train = data.Slice(0, splitAt);
            validation = data.Slice(splitAt, n - splitAt);
            validate = true;
        }

        // Everything that can refuse the call runs before any state changes.
        EnsureBuiltFor(train.x, Math.Min(batch, train.count));
        place_on(device);
        train = train.To(device);
        if (validate) validation = validation.To(device);
        CheckTargets(c, train, "y");
        if (validate) CheckTargets(c, validation, "validation y");

        var arena = arena_for_training();
        var parameters = trainable_weights.Select(v => v.value).ToList();
        var regularized = regularized_weights();
        var head = SoftmaxCrossentropyHead.TryCreate(this, c.loss, train.y);
        int steps = (int)((train.count + batch - 1) / batch);
        var hist = new History();
        var @params = new Dictionary<string, object?> { ["verbose"] = verbose is null ? "auto" : verb, ["epochs"] = epochs, ["steps"] = steps };
        var list = new CallbackList(callbacks, this, hist, verb == 0 ? null : new ProgbarLogger(verb), @params);
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
            ResetMetrics(c);
            list.on_epoch_begin(epoch);
            train_mode(true);
            var order = shuffle ? randperm(train.count, device: device) : null;
            for (int step = 0; step < steps; step++)
            {
                if (list.wants_batch_logs) list.on_train_batch_begin(step);
                using (var stepScope = NewDisposeScope())
                {
                    long start = (long)step * batch, size = Math.Min(batch, train.count - start);
                    var (xb, yb, wb) = train.Batch(order, start, size);
                    clear_activity_losses();
                    Tensor yPred, total;
                    if (head is not null)
                    {
                        // Dense(softmax) + crossentropy from the logits; yPred holds the logits then (see SoftmaxCrossentropyHead).
                        (var loss, yPred) = head.forward(xb, yb, wb, true);
                        total = TotalLoss(c, loss, regularized);
                    }
                    else
                    {
                        yPred = invoke(xb, true);
                        total = TotalLoss(c, c.loss.compute_unchecked(yb, yPred, wb), regularized);
                    }
                    if (arena is not null)
                    {
                        arena.zero_grad();
                        total.backward();
                        c.optimizer.step(arena);
                    }
                    else if (parameters.Count > 0)
                    {
                        foreach (var p in parameters) p.grad?.zero_();
                        total.backward();
                        c.optimizer.apply(parameters.Select(p => p.grad ?? zeros_like(p)).ToList(), parameters);
                    }
                    using (no_grad())
                    {
                        c.loss_tracker.update_weighted(total, size);
                        if (c.metrics.Count > 0)
                        {
                            var predicted = head is null ? yPred.detach() : SoftmaxCrossentropyHead.probabilities(yPred);
                            foreach (var m in c.metrics) m.update_state(yb, predicted);
                        }
                    }
                }
                list.on_train_batch_end(step, () => ReadLogs(c));
                if (stop_training) break;
            }
            clear_activity_losses();
            epochLogs = ReadLogs(c);
            train_mode(false);
            if (validate && (epoch + 1) % validation_freq == 0)
            {
                var valLogs = Evaluate(c, validation, valBatch, null);
                foreach (var (k, v) in valLogs) epochLogs["val_" + k] = v;
            }
            list.on_epoch_end(epoch, epochLogs);
            if (stop_training) break;
        }
        list.on_train_end(epochLogs);
        return hist;
    }

    /// <summary>
    /// Scores the model (Keras: <c>model.evaluate(..., return_dict=True)</c>): the loss and compiled metrics over the
    /// data, in inference mode without gradients, batch size 32 by default, keys sorted as Keras sorts them.
    /// </summary>
    public Dictionary<string, double> evaluate(object? x = null, object? y = null, int? batch_size = null, int? verbose = null,
        object? sample_weight = null, IEnumerable<Callback>? callbacks = null)
    {
        var c = RequireCompiled("evaluate");
        int batch = CheckBatchSize(batch_size, nameof(batch_size));
        int verb = CheckVerbose(verbose);
        var device = target_device();
        using var scope = NewDisposeScope();
        var data = Prepare(x, y, sample_weight, "evaluate");
        EnsureBuiltFor(data.x, Math.Min(batch, data.count));
        place_on(device);
        data = data.To(device);
        CheckTargets(c, data, "y");
        int steps = (int)((data.count + batch - 1) / batch);
        var @params = new Dictionary<string, object?> { ["verbose"] = verbose is null ? "auto" : verb, ["epochs"] = 1, ["steps"] = steps };
        var list = new CallbackList(callbacks, this, null, verb == 0 ? null : new ProgbarLogger(verb), @params);
        train_mode(false);
        list.on_test_begin();
        var logs = Evaluate(c, data, batch, list);
        list.on_test_end(logs);
        return logs;
    }

    /// <summary>
    /// Runs the model on inputs (Keras: <c>model.predict</c>) in inference mode without gradients, batch size 32 by
    /// default, and returns the outputs as one float32 tensor on the CPU (Keras returns a NumPy array).
    /// </summary>
    public Tensor predict(object x, int? batch_size = null, int? verbose = null, IEnumerable<Callback>? callbacks = null)
    {
        int batch = CheckBatchSize(batch_size, nameof(batch_size));
        int verb = CheckVerbose(verbose);
        var device = target_device();
        Tensor result;
        using (var scope = NewDisposeScope())
        {
            var X = TensorConversion.Features(x, nameof(x));
            CheckFinite(X, "x");
            EnsureBuiltFor(X, Math.Min(batch, X.shape[0]));
            place_on(device);
            X = X.to(device);
            long n = X.shape[0];
            int steps = (int)((n + batch - 1) / batch);
            var @params = new Dictionary<string, object?> { ["verbose"] = verbose is null ? "auto" : verb, ["epochs"] = 1, ["steps"] = steps };
            var list = new CallbackList(callbacks, this, null, verb == 0 ? null : new ProgbarLogger(verb), @params);
            train_mode(false);
            list.on_predict_begin();
            var outputs = new List<Tensor>();
            using (no_grad())
            {
                for (int step = 0; step < steps; step++)
                {
                    list.on_predict_batch_begin(step);
                    long start = (long)step * batch, size = Math.Min(batch, n - start);
                    outputs.Add(invoke(X.narrow(0, start, size), false));
                    list.on_predict_batch_end(step);
                }
            }
            clear_activity_losses();
            list.on_predict_end();
            result = (outputs.Count == 0 ? zeros(0) : cat(outputs, 0)).to(ScalarType.Float32, CPU).DetachFromDisposeScope();
        }
        return result;
    }

    // ---- Steps ---------------------------------------------------------------------------------------------------

    /// <summary>Trainable weights with a regularizer: Keras penalises only those (Layer._get_regularization_losses).</summary>
    List<Variable> regularized_weights() => trainable_weights.Where(v => v.regularizer is not null).ToList();

    /// <summary>The compiled loss times its weight, plus weight and activity penalties (what Keras trains on and logs as "loss").</summary>
    Tensor TotalLoss(CompiledState c, Tensor compiledLoss, List<Variable> regularized)
    {
        var total = compiledLoss;
        if (c.loss_weight != 1.0) total = total.mul(c.loss_weight);
        foreach (var v in regularized) total = total.add(v.regularizer!.call(v.value));
        foreach (var a in activity_losses) total = total.add(a);
        return total;
    }

    Dictionary<string, double> Evaluate(CompiledState c, Batches data, int batch, CallbackList? list)
    {
        ResetMetrics(c);
        var regularized = regularized_weights();
        int steps = (int)((data.count + batch - 1) / batch);
        using (no_grad())
        {
            for (int step = 0; step < steps; step++)
            {
                list?.on_test_batch_begin(step);
                using (var stepScope = NewDisposeScope())
                {
                    long start = (long)step * batch, size = Math.Min(batch, data.count - start);
                    var (xb, yb, wb) = data.Batch(null, start, size);
                    clear_activity_losses();
                    var yPred = invoke(xb, false);
                    c.loss_tracker.update_weighted(TotalLoss(c, c.loss.compute_unchecked(yb, yPred, wb), regularized), size);
                    foreach (var m in c.metrics) m.update_state(yb, yPred);
                }
                list?.on_test_batch_end(step, () => ReadLogs(c));
            }
        }
        clear_activity_losses();
        return ReadLogs(c);
    }

    static void ResetMetrics(CompiledState c)
    {
        c.loss_tracker.reset_state();
        foreach (var m in c.metrics) m.reset_state();
    }

    /// <summary>The current loss and metric values, read from the device in one transfer, keys sorted (Keras's pythonify_logs).</summary>
    static Dictionary<string, double> ReadLogs(CompiledState c)
    {
        using var scope = NewDisposeScope();
        var names = new List<string> { "loss" };
        var values = new List<Tensor> { c.loss_tracker.result() };
        foreach (var m in c.metrics)
        {
            names.Add(m.name);
            values.Add(m.result());
        }
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

    // ---- Data ----------------------------------------------------------------------------------------------------

    /// <summary>Features, targets and optional per-sample weights, sliced into batches on one device.</summary>
    internal readonly record struct Batches(Tensor x, Tensor y, Tensor? weights)
    {
        internal long count => x.shape[0];

        internal Batches Slice(long start, long length) =>
            new(x.narrow(0, start, length), y.narrow(0, start, length), weights?.narrow(0, start, length));

        internal Batches To(Device device) => new(x.to(device), y.to(device), weights?.to(device));

        internal (Tensor x, Tensor y, Tensor? w) Batch(Tensor? order, long start, long size)
        {
            if (order is null) return (x.narrow(0, start, size), y.narrow(0, start, size), weights?.narrow(0, start, size));
            var idx = order.narrow(0, start, size);
            return (x.index_select(0, idx), y.index_select(0, idx), weights?.index_select(0, idx));
        }
    }

    Batches Prepare(object? x, object? y, object? sampleWeight, string method)
    {
        if (x is null) throw new ArgumentNullException(nameof(x), $"{method}: `x` is null; expected {TensorConversion.Accepted}.");
        if (y is null) throw new ArgumentNullException(nameof(y), $"{method}: `y` is null; expected {TensorConversion.Accepted}.");
        var X = TensorConversion.Features(x, "x");
        var Y = TensorConversion.Targets(y, "y");
        if (X.dim() == 0 || Y.dim() == 0)
            throw new ArgumentException($"{method}: `x` and `y` need a sample dimension. Received: x.shape={ShapeUtils.Format(X)}, y.shape={ShapeUtils.Format(Y)}.", X.dim() == 0 ? "x" : "y");
        if (X.shape[0] != Y.shape[0])
            throw new ArgumentException(
                $"{method}: `x` and `y` must have the same number of samples. Received: x has {X.shape[0]} samples (shape {ShapeUtils.Format(X)}), y has {Y.shape[0]} (shape {ShapeUtils.Format(Y)}).", "y");
        if (X.shape[0] == 0) throw new ArgumentException($"{method}: `x` holds no samples.", "x");
        CheckFinite(X, "x");
        if (Y.is_floating_point()) CheckFinite(Y, "y");
        Tensor? W = null;
        if (sampleWeight is not null)
        {
            W = TensorConversion.Weights(sampleWeight, "sample_weight");
            if (W.shape[0] != X.shape[0])
                throw new ArgumentException($"{method}: `sample_weight` has {W.shape[0]} values for {X.shape[0]} samples; expected one weight per sample.", "sample_weight");
            CheckFinite(W, "sample_weight");
        }
        return new Batches(X, Y, W);
    }

    static void CheckFinite(Tensor t, string argument)
    {
        if (!t.is_floating_point() || t.numel() == 0) return;
        using var scope = NewDisposeScope();
        // One reduction first: a NaN or infinity anywhere makes the sum non-finite, so a finite sum proves the data
        // finite. isfinite(t).all() makes several passes and a full-size temporary (about 20 times slower: 70 ms per
        // fit call on MNIST-sized data); a non-finite sum (bad data, or an overflow of large values) takes the exact path.
        if (float.IsFinite(t.sum().to_type(ScalarType.Float32).item<float>())) return;
        var finite = isfinite(t);
        if (finite.all().item<bool>()) return;
        long bad = finite.logical_not().sum().item<long>();
        var first = finite.logical_not().nonzero()[0].data<long>().ToArray();
        throw new ArgumentException(
            $"`{argument}` contains {bad} NaN or infinite value(s), the first at index [{string.Join(", ", first)}]. KerasSharp refuses non-finite inputs rather than training on them; clean or impute the data first.",
            argument);
    }

    static Tensor ClassWeights(Tensor y, IReadOnlyDictionary<int, double> classWeight)
    {
        using var scope = NewDisposeScope();
        var labels = (y.dim() > 1 && y.shape[^1] > 1 ? y.argmax(-1) : y.reshape(y.shape[0], -1)[.., 0]).to_type(ScalarType.Int64);
        long max = labels.max().item<long>();
        var table = new float[max + 1];
        for (int k = 0; k <= max; k++)
        {
            if (!classWeight.TryGetValue(k, out var w))
            {
                if (!labels.eq(k).any().item<bool>()) continue;
                throw new ArgumentException($"`class_weight` has no weight for class {k}, which occurs in `y`. Expected a weight for every class.", "class_weight");
            }
            if (!double.IsFinite(w) || w < 0) throw new ArgumentException($"`class_weight[{k}]` is {w}; expected a non-negative finite number.", "class_weight");
            table[k] = (float)w;
        }
        if (labels.min().item<long>() < 0) throw new ArgumentException("`class_weight` needs non-negative integer labels.", "class_weight");
        return tensor(table).index_select(0, labels).MoveToOuterDisposeScope();
    }

    /// <summary>Builds an unbuilt model from the data's shape (batch dimension = the first batch's size, as Keras does).</summary>
    void EnsureBuiltFor(Tensor X, long firstBatch)
    {
        if (!built)
        {
            var shape = X.shape.Select(d => (long?)d).ToArray();
            shape[0] = firstBatch;
            build_model(shape);
        }
        CheckInput(X);
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
    void CheckTargets(CompiledState c, Batches data, string argument)
    {
        using var scope = NewDisposeScope();
        Tensor yPred;
        using (no_grad())
        {
            yPred = invoke(data.x.narrow(0, 0, 1), false);
            clear_activity_losses();
        }
        var y1 = data.y.narrow(0, 0, 1);
        try
        {
            c.loss.validate(y1, yPred, inspectValues: false);
            c.loss.validate_labels(data.y, yPred.shape[^1]);
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
