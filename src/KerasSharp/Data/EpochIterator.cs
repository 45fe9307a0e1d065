using System;

namespace KerasSharp.Data;

/// <summary>
/// Serves an adapter's batches epoch by epoch (Keras: keras/src/trainers/epoch_iterator.py): without
/// <c>steps_per_epoch</c> an epoch is one pass over the data; with it, an epoch is that many batches and passes
/// continue across epochs, a new pass (a new permutation) starting when one runs out, as Keras's iterator does.
/// </summary>
internal sealed class EpochIterator : IDisposable
{
    readonly DataAdapter _adapter;
    readonly int? _stepsPerEpoch;
    bool _inPass;
    bool _passHadBatch;

    internal EpochIterator(DataAdapter adapter, int? steps_per_epoch)
    {
        if (steps_per_epoch is <= 0)
            throw new ArgumentException($"`steps_per_epoch` must be a positive integer or null. Received: steps_per_epoch={steps_per_epoch}", nameof(steps_per_epoch));
        _adapter = adapter;
        _stepsPerEpoch = steps_per_epoch;
    }

    internal DataAdapter adapter => _adapter;

    /// <summary>Steps in an epoch, or null when unknown until the data runs out.</summary>
    internal int? steps => _stepsPerEpoch ?? _adapter.num_batches;

    int _taken;

    /// <summary>Starts an epoch (call in the epoch's dispose scope).</summary>
    internal void begin_epoch()
    {
        _taken = 0;
        if (!_inPass) StartPass();
    }

    void StartPass()
    {
        _adapter.begin_pass();
        _inPass = true;
        _passHadBatch = false;
    }

    /// <summary>The next batch of the epoch, or null when the epoch is over (call inside the step's dispose scope).</summary>
    internal DataBatch? next()
    {
        if (_stepsPerEpoch is { } limit && _taken >= limit) return null;
        var batch = _adapter.next();
        if (batch is null)
        {
            EndPass();
            if (_stepsPerEpoch is null) return null;
            if (!_passHadBatch)
                throw new InvalidOperationException("The data produced no batches: a pass over it is empty, so `steps_per_epoch` cannot be served.");
            StartPass();
            batch = _adapter.next();
            if (batch is null) throw new InvalidOperationException("The data produced no batches on a new pass.");
        }
        _passHadBatch = true;
        _taken++;
        return batch;
    }

    /// <summary>Ends an epoch: without steps_per_epoch the pass ends with it.</summary>
    internal void end_epoch()
    {
        if (_stepsPerEpoch is null && _inPass) EndPass();
    }

    void EndPass()
    {
        if (!_inPass) return;
        _inPass = false;
        _adapter.end_pass();
    }

    public void Dispose()
    {
        if (_inPass)
        {
            _inPass = false;
            try { _adapter.end_pass(); } catch (Exception) { /* already failing or stopping */ }
        }
        _adapter.Dispose();
    }
}
