using System;

namespace KerasSharp.Callbacks;

/// <summary>
/// A <c>save_freq</c> of "epoch" or a positive batch count, and Keras's batch counter for it
/// (<c>_should_save_on_batch</c> in model_checkpoint.py and backup_and_restore.py).
/// </summary>
internal sealed class SaveFrequency
{
    internal SaveFrequency(object? save_freq, string owner)
    {
        switch (save_freq)
        {
            case "epoch": break;
            case int n when n > 0: batches = n; break;
            case long n when n > 0 && n <= int.MaxValue: batches = (int)n; break;
            default:
                throw new ArgumentException(
                    $"{owner}: unrecognized save_freq: {save_freq ?? "null"}. Expected save_freq are 'epoch' or a positive integer number of batches.", nameof(save_freq));
        }
    }

    /// <summary>The batch count, or null for "epoch".</summary>
    internal int? batches { get; }
    internal bool per_epoch => batches is null;

    int _sinceLastSave, _lastBatchSeen;

    /// <summary>Counts a finished batch; true when a save is due.</summary>
    internal bool should_save_on_batch(int batch)
    {
        if (batches is not { } every) return false;
        _sinceLastSave += batch <= _lastBatchSeen ? batch + 1 : batch - _lastBatchSeen;
        _lastBatchSeen = batch;
        if (_sinceLastSave < every) return false;
        _sinceLastSave = 0;
        return true;
    }

    internal int last_batch_seen { get => _lastBatchSeen; set => _lastBatchSeen = value; }

    internal object value => batches is { } b ? b : "epoch";
}
