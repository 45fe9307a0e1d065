using System;
using System.Collections.Generic;

namespace KerasSharp.Callbacks;

/// <summary>
/// Stops training when the monitored quantity has stopped improving (Keras: <c>keras.callbacks.EarlyStopping</c>,
/// keras/src/callbacks/early_stopping.py), with Keras's exact counter: from <paramref name="start_from_epoch"/> on, each
/// epoch end increments <see cref="wait"/>; an improvement on <see cref="MonitorCallback.best"/> resets it (only if it
/// also beats <paramref name="baseline"/>; the baseline is not the initial best, as in Keras, so the best epoch is
/// restored even when no epoch beat it); once <c>wait &gt;= patience</c> (and epoch &gt; 0) training stops and
/// <see cref="stopped_epoch"/> is that epoch. With <paramref name="restore_best_weights"/> the weights of the best
/// epoch (or of the first monitored epoch, if none improved) are put back at the end of training, stopped or not.
/// With verbose &gt; 0 it prints "Epoch N: early stopping" and "Restoring model weights from the end of the best
/// epoch: N." as Keras does. A missing monitor key warns with the available keys and the epoch is skipped.
/// </summary>
public class EarlyStopping(string monitor = "val_loss", double min_delta = 0, int patience = 0, int verbose = 0, string mode = "auto",
    double? baseline = null, bool restore_best_weights = false, int start_from_epoch = 0) : MonitorCallback(monitor, mode, null, min_delta), IDisposable
{
    /// <summary>Epochs without improvement before stopping.</summary>
    public int patience { get; } = patience >= 0 ? patience : throw new ArgumentException($"`patience` must be >= 0. Received: patience={patience}", nameof(patience));
    /// <summary>0 silent, 1 prints when it acts.</summary>
    public int verbose { get; } = verbose;
    /// <summary>The value to beat, or null.</summary>
    public double? baseline { get; } = baseline;
    /// <summary>Whether the best epoch's weights are restored at the end.</summary>
    public bool restore_best_weights { get; } = restore_best_weights;
    /// <summary>Epochs of warm-up before monitoring starts.</summary>
    public int start_from_epoch { get; } = start_from_epoch;
    /// <summary>Epochs counted since the last improvement.</summary>
    public int wait { get; private set; }
    /// <summary>The 0-based epoch at which training was stopped, 0 if it was not.</summary>
    public int stopped_epoch { get; private set; }
    /// <summary>The 0-based epoch of the best value.</summary>
    public int best_epoch { get; private set; }

    WeightSnapshot? _bestWeights;

    /// <summary>Frees the best weights kept for <c>restore_best_weights</c>.</summary>
    public void Dispose()
    {
        _bestWeights?.Dispose();
        _bestWeights = null;
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public override void on_train_begin(Dictionary<string, double>? logs = null)
    {
        wait = 0;
        stopped_epoch = 0;
        _bestWeights?.Dispose();
        _bestWeights = null;
        best_epoch = 0;
        base.on_train_begin(logs);
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        set_monitor_op();
        var current = get_monitor_value(logs);
        if (current is not { } value || epoch < start_from_epoch) return;
        if (restore_best_weights && _bestWeights is null)
        {
            _bestWeights = new WeightSnapshot(model!);
            best_epoch = epoch;
        }
        wait++;
        if (is_improvement(value, best))
        {
            best = value;
            best_epoch = epoch;
            if (restore_best_weights)
            {
                _bestWeights?.Dispose();
                _bestWeights = new WeightSnapshot(model!);
            }
            if (baseline is null || is_improvement(value, baseline)) wait = 0;
            return;
        }
        if (wait >= patience && epoch > 0)
        {
            stopped_epoch = epoch;
            model!.stop_training = true;
        }
    }

    /// <inheritdoc />
    public override void on_train_end(Dictionary<string, double>? logs = null)
    {
        if (stopped_epoch > 0 && verbose > 0) print_msg($"Epoch {stopped_epoch + 1}: early stopping");
        if (restore_best_weights && _bestWeights is not null)
        {
            if (verbose > 0) print_msg($"Restoring model weights from the end of the best epoch: {best_epoch + 1}.");
            _bestWeights.restore(model!);
            _bestWeights.Dispose();
            _bestWeights = null;
        }
    }

    /// <summary>The monitored value, or null with Keras's warning naming the available keys.</summary>
    protected double? get_monitor_value(Dictionary<string, double>? logs)
    {
        if (logs is not null && logs.TryGetValue(monitor, out var v)) return v;
        Saving.WeightsFile.Warn($"Early stopping conditioned on metric `{monitor}` which is not available. Available metrics are: {available(logs)}");
        return null;
    }
}
