using System;
using System.Linq;
using KerasSharp.Backend;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// In-memory data (Keras: <c>ArrayDataAdapter</c>): inputs (one tensor per model input), targets and weights, moved to
/// the model's device once; each pass draws a permutation on the device when shuffling, and each batch is an
/// <c>index_select</c> (or a slice) of it, so batching never waits for the device. The last, smaller batch is kept.
/// </summary>
internal sealed class TensorDataAdapter : DataAdapter
{
    internal TensorDataAdapter(Tensor[] x, Tensor? y, Tensor? weights, int batch_size, bool shuffle, Device device)
    {
        inputs = x.Select(t => DeviceConfig.Same(t.device, device) ? t : t.to(device)).ToArray();
        this.y = y is null || DeviceConfig.Same(y.device, device) ? y : y.to(device);
        this.weights = weights is null || DeviceConfig.Same(weights.device, device) ? weights : weights.to(device);
        this.batch_size = batch_size;
        this.shuffle = shuffle;
        _device = device;
    }

    /// <summary>In-memory data for a model with several outputs: one target tensor per output (<see cref="y"/> is null).</summary>
    internal TensorDataAdapter(Tensor[] x, Tensor[] targets, Tensor? weights, int batch_size, bool shuffle, Device device)
        : this(x, (Tensor?)null, weights, batch_size, shuffle, device)
    {
        this.targets = targets.Select(t => DeviceConfig.Same(t.device, device) ? t : t.to(device)).ToArray();
    }

    readonly Device _device;
    Tensor? _order;
    long _position;

    internal Tensor[] inputs { get; }
    internal Tensor? y { get; }

    /// <summary>The targets of a model with several outputs, one per output, else null.</summary>
    internal Tensor[]? targets { get; }
    internal Tensor? weights { get; private set; }

    /// <summary>Replaces the per-sample weights (class_weight, computed after the split).</summary>
    internal void use_weights(Tensor w) => weights = w;
    internal int batch_size { get; }
    internal bool shuffle { get; }
    internal long count => inputs[0].shape[0];

    internal override int? num_batches => (int)((count + batch_size - 1) / batch_size);

    /// <summary>Rows [start, start + length) (validation_split), batched as <paramref name="batchSize"/>.</summary>
    internal TensorDataAdapter Slice(long start, long length, int batchSize, bool shuffleRows) => targets is not null
        ? new(inputs.Select(t => t.narrow(0, start, length)).ToArray(), targets.Select(t => t.narrow(0, start, length)).ToArray(), weights?.narrow(0, start, length), batchSize, shuffleRows, _device)
        : new(inputs.Select(t => t.narrow(0, start, length)).ToArray(), y?.narrow(0, start, length), weights?.narrow(0, start, length), batchSize, shuffleRows, _device);

    internal override void begin_pass()
    {
        _position = 0;
        _order = shuffle ? randperm(count, device: _device) : null;
    }

    internal override DataBatch? next()
    {
        if (_position >= count) return null;
        long size = Math.Min(batch_size, count - _position);
        var batch = Batch(_order, _position, size);
        _position += size;
        return batch;
    }

    DataBatch Batch(Tensor? order, long start, long size)
    {
        if (targets is not null) return SeveralTargetsBatch(order, start, size);
        if (order is null)
            return new DataBatch(inputs.Select(t => t.narrow(0, start, size)).ToArray(), y?.narrow(0, start, size), weights?.narrow(0, start, size));
        var idx = order.narrow(0, start, size);
        return new DataBatch(inputs.Select(t => t.index_select(0, idx)).ToArray(), y?.index_select(0, idx), weights?.index_select(0, idx));
    }

    DataBatch SeveralTargetsBatch(Tensor? order, long start, long size)
    {
        if (order is null)
            return new DataBatch(inputs.Select(t => t.narrow(0, start, size)).ToArray(), targets!.Select(t => t.narrow(0, start, size)).ToArray(), weights?.narrow(0, start, size));
        var idx = order.narrow(0, start, size);
        return new DataBatch(inputs.Select(t => t.index_select(0, idx)).ToArray(), targets!.Select(t => t.index_select(0, idx)).ToArray(), weights?.index_select(0, idx));
    }

    internal override DataBatch first_batch() => Batch(null, 0, Math.Min(batch_size, count));

    /// <summary>Converts and checks in-memory data: one sample count, a sample dimension, finite values.</summary>
    internal static (Tensor[] x, Tensor? y, Tensor? weights) Prepare(object? x, object? y, object? sampleWeight, string method, bool needTargets)
    {
        if (x is null) throw new ArgumentNullException(nameof(x), $"{method}: `x` is null; expected {TensorConversion.Accepted}.");
        if (y is null && needTargets) throw new ArgumentNullException(nameof(y), $"{method}: `y` is null; expected {TensorConversion.Accepted}.");
        var X = TensorConversion.Inputs(x, "x");
        var Y = y is null ? null : TensorConversion.Targets(y, "y");
        foreach (var (t, i) in X.Select((t, i) => (t, i)))
        {
            string name = X.Length == 1 ? "x" : $"x[{i}]";
            if (t.device_type == DeviceType.META)
                throw new ArgumentException($"{method}: `{name}` is on the meta device, which holds shapes but no values; create the data on the CPU or a GPU.", nameof(x));
            if (t.dim() == 0)
                throw new ArgumentException($"{method}: `{name}` needs a sample dimension. Received: {name}.shape={ShapeUtils.Format(t)}; for one sample, give shape (1, ...).", nameof(x));
            if (t.shape[0] != X[0].shape[0])
                throw new ArgumentException($"{method}: all inputs must have the same number of samples. Received: x[0] has {X[0].shape[0]}, {name} has {t.shape[0]}.", nameof(x));
        }
        if (Y is not null)
        {
            if (Y.device_type == DeviceType.META)
                throw new ArgumentException($"{method}: `y` is on the meta device, which holds shapes but no values; create the data on the CPU or a GPU.", nameof(y));
            if (Y.dim() == 0)
                throw new ArgumentException($"{method}: `x` and `y` need a sample dimension. Received: x.shape={ShapeUtils.Format(X[0])}, y.shape={ShapeUtils.Format(Y)}.", nameof(y));
            if (X[0].shape[0] != Y.shape[0])
                throw new ArgumentException(
                    $"{method}: `x` and `y` must have the same number of samples. Received: x has {X[0].shape[0]} samples (shape {ShapeUtils.Format(X[0])}), y has {Y.shape[0]} (shape {ShapeUtils.Format(Y)}).", nameof(y));
        }
        if (X[0].shape[0] == 0 && needTargets) throw new ArgumentException($"{method}: `x` holds no samples.", nameof(x));
        foreach (var (t, i) in X.Select((t, i) => (t, i))) CheckFinite(t, X.Length == 1 ? "x" : $"x[{i}]");
        if (Y is not null && Y.is_floating_point()) CheckFinite(Y, "y");
        Tensor? W = null;
        if (sampleWeight is not null)
        {
            W = TensorConversion.Weights(sampleWeight, "sample_weight");
            if (W.shape[0] != X[0].shape[0])
                throw new ArgumentException($"{method}: `sample_weight` has {W.shape[0]} values for {X[0].shape[0]} samples; expected one weight per sample.", "sample_weight");
            CheckFinite(W, "sample_weight");
        }
        // Data that requires grad (a leaf a user also trains) must not collect gradients from fit: train on a detached alias.
        X = X.Select(t => t.requires_grad ? t.detach() : t).ToArray();
        return (X, Y?.requires_grad == true ? Y.detach() : Y, W?.requires_grad == true ? W.detach() : W);
    }

    /// <summary>
    /// <see cref="Prepare"/> for a model with several outputs: <paramref name="targets"/> holds one converted target per
    /// output, named as <paramref name="names"/> in errors; each must have the inputs' sample count and finite values.
    /// </summary>
    internal static (Tensor[] x, Tensor[] targets, Tensor? weights) PrepareSeveral(object? x, Tensor[] targets, string[] names, object? sampleWeight, string method)
    {
        var (X, first, W) = Prepare(x, targets[0], sampleWeight, method, needTargets: true);
        var result = new Tensor[targets.Length];
        result[0] = first!;
        for (int i = 0; i < targets.Length; i++)
        {
            var t = targets[i];
            string name = $"y['{names[i]}']";
            if (t.device_type == DeviceType.META)
                throw new ArgumentException($"{method}: `{name}` is on the meta device, which holds shapes but no values; create the data on the CPU or a GPU.", "y");
            if (t.dim() == 0)
                throw new ArgumentException($"{method}: `{name}` needs a sample dimension. Received: {name}.shape={ShapeUtils.Format(t)}.", "y");
            if (t.shape[0] != X[0].shape[0])
                throw new ArgumentException(
                    $"{method}: every target must have as many samples as `x`. Received: x has {X[0].shape[0]} samples, {name} has {t.shape[0]} (shape {ShapeUtils.Format(t)}).", "y");
            if (i == 0) continue;
            if (t.is_floating_point()) CheckFinite(t, name);
            result[i] = t.requires_grad ? t.detach() : t;
        }
        return (X, result, W);
    }

    /// <summary>Refuses NaN and infinity, naming the first bad index.</summary>
    internal static void CheckFinite(Tensor t, string argument)
    {
        if (!t.is_floating_point() || t.numel() == 0) return;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
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
}
