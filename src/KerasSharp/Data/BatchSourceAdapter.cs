using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using KerasSharp.Backend;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// A user batch source (Keras: <c>PyDatasetAdapter</c> and <c>GeneratorDataAdapter</c>): a <see cref="PyDataset"/>
/// (batch count and indexer) or any enumerable of <c>(Tensor x, Tensor y)</c> or <see cref="DataBatch"/>. Each batch
/// is converted as in-memory data is (float32 features, int64 integer labels), checked for NaN and infinity while
/// still on the host, and moved to the model's device. With a background worker (a PyDataset's <c>workers</c> ≥ 1, and
/// always for an enumerable) the next batches are produced on another thread into a bounded queue
/// (<c>max_queue_size</c>), in order, so building a batch on the host overlaps the step on the device.
/// </summary>
internal sealed class BatchSourceAdapter : DataAdapter
{
    readonly PyDataset? _dataset;
    readonly IEnumerable<DataBatch>? _enumerable;
    readonly Device _device;
    readonly string _method;
    readonly bool _background;
    readonly int _queueSize;

    internal BatchSourceAdapter(object source, Device device, string method)
    {
        _device = device;
        _method = method;
        switch (source)
        {
            case PyDataset d:
                _dataset = d;
                _background = d.workers >= 1;
                _queueSize = d.max_queue_size;
                if (d.num_batches < 0) throw new ArgumentException($"{method}: the PyDataset reports {d.num_batches} batches; expected a non-negative count.", "x");
                break;
            case IEnumerable<DataBatch> e:
                _enumerable = e;
                _background = true;
                _queueSize = 10;
                break;
            case IEnumerable<(Tensor x, Tensor y)> pairs:
                _enumerable = pairs.Select(p => new DataBatch(p.x, p.y));
                _background = true;
                _queueSize = 10;
                break;
            default:
                throw new ArgumentException($"{method}: unsupported batch source {source.GetType().Name}.", "x");
        }
    }

    internal override int? num_batches => _dataset?.num_batches;

    // The pass in progress: a producer thread filling the queue, or an enumerator read on the training thread.
    BlockingCollection<DataBatch>? _queue;
    Thread? _producer;
    CancellationTokenSource? _cancel;
    Exception? _failure;
    int _index;
    DataBatch? _first;

    internal override DataBatch first_batch()
    {
        if (_first is not null) return _first;
        if (_dataset is not null)
        {
            if (_dataset.num_batches == 0) throw new ArgumentException($"{_method}: the PyDataset has no batches (num_batches = 0).", "x");
            return _first = Own(Fetch(0, 0));
        }
        using var e = _enumerable!.GetEnumerator();
        if (!e.MoveNext()) throw new ArgumentException($"{_method}: the batch enumerable yields no batches.", "x");
        return _first = Own(e.Current ?? throw new ArgumentException($"{_method}: the batch enumerable yielded null.", "x"));
    }

    DataBatch Fetch(int index, int _) =>
        _dataset![index] ?? throw new InvalidOperationException($"{_method}: the PyDataset returned null for batch {index}; expected a (x, y) batch.");

    /// <summary>
    /// A batch of tensors this adapter owns: converted, checked and moved to the device as aliases detached from every
    /// dispose scope, so the source's own tensors are never freed and the user's temporaries can be.
    /// </summary>
    DataBatch Own(DataBatch b)
    {
        using var scope = NewDisposeScope();
        Tensor Move(Tensor t, bool target, string name)
        {
            var c = target ? TensorConversion.Targets(t, name) : TensorConversion.Features(t, name);
            if (c.device_type == DeviceType.CPU) TensorDataAdapter.CheckFinite(c, name);
            return (DeviceConfig.Same(c.device, _device) ? c : c.to(_device)).alias().DetachFromDisposeScope();
        }
        var inputs = b.inputs.Select((t, i) => Move(t, false, b.inputs.Length == 1 ? "x" : $"x[{i}]")).ToArray();
        if (inputs.Any(t => t.dim() == 0) || (b.several_targets is { } all ? all.Any(t => t.dim() == 0) : b.y is { } yy && yy.dim() == 0))
        {
            foreach (var t in inputs) t.Dispose();
            throw new ArgumentException($"{_method}: a batch needs a sample dimension; received x.shape={ShapeUtils.Format(b.inputs[0])}{string.Concat(b.targets.Select(t => ", y.shape=" + ShapeUtils.Format(t)))}.", "x");
        }
        var w = b.sample_weight is null ? null : Move(b.sample_weight, false, "sample_weight");
        if (b.several_targets is { } several)
            return new DataBatch(inputs, several.Select((t, i) => Move(t, true, $"y[{i}]")).ToArray(), w) { owned = true };
        var y = b.y is null ? null : Move(b.y, true, "y");
        return new DataBatch(inputs, y, w) { owned = true };
    }

    internal override void begin_pass()
    {
        _index = 0;
        _failure = null;
        if (!_background)
            return;
        _queue = new BlockingCollection<DataBatch>(_queueSize);
        _cancel = new CancellationTokenSource();
        var queue = _queue;
        var token = _cancel.Token;
        _producer = new Thread(() => Produce(queue, token)) { IsBackground = true, Name = "KerasSharp batch producer" };
        _producer.Start();
    }

    void Produce(BlockingCollection<DataBatch> queue, CancellationToken token)
    {
        try
        {
            foreach (var batch in Source(token))
            {
                try
                {
                    queue.Add(batch, token);
                }
                catch (OperationCanceledException)
                {
                    Free(batch);
                    return;
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e)
        {
            _failure = e;
        }
        finally
        {
            queue.CompleteAdding();
        }
    }

    IEnumerable<DataBatch> Source(CancellationToken token)
    {
        if (_dataset is not null)
        {
            int n = _dataset.num_batches;
            for (int i = 0; i < n && !token.IsCancellationRequested; i++) yield return Own(Fetch(i, 0));
            yield break;
        }
        foreach (var b in _enumerable!)
        {
            if (token.IsCancellationRequested) yield break;
            yield return Own(b ?? throw new InvalidOperationException($"{_method}: the batch enumerable yielded null."));
        }
    }

    internal override DataBatch? next()
    {
        DataBatch? batch;
        if (_background)
        {
            batch = _queue!.TryTake(out var b, Timeout.Infinite) ? b : null;
            if (batch is null && _failure is { } e)
                throw new InvalidOperationException($"{_method}: building a batch failed: {e.Message}", e);
        }
        else
        {
            if (_dataset is null) throw new InvalidOperationException("Synchronous reading needs a PyDataset.");
            batch = _index < _dataset.num_batches ? Own(Fetch(_index, 0)) : null;
        }
        _index++;
        return batch;
    }

    static void Free(DataBatch b)
    {
        foreach (var t in b.tensors) t.Dispose();
    }

    internal override void end_pass()
    {
        StopProducer();
        _dataset?.on_epoch_end();
    }

    void StopProducer()
    {
        if (_queue is null) return;
        _cancel!.Cancel();
        // Drain what was built but not consumed, so the producer is not blocked and nothing leaks.
        while (!_queue.IsCompleted)
        {
            if (_queue.TryTake(out var b, 50)) Free(b);
        }
        while (_queue.TryTake(out var rest)) Free(rest);
        _producer!.Join();
        _queue.Dispose();
        _cancel.Dispose();
        _queue = null;
        _producer = null;
        _cancel = null;
    }

    public override void Dispose()
    {
        StopProducer();
        if (_first is not null) Free(_first);
        _first = null;
        base.Dispose();
    }
}
