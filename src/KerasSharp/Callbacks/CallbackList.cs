using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Models;

namespace KerasSharp.Callbacks;

/// <summary>
/// Dispatches hooks to the user's callbacks, then History and the progress bar, as Keras's <c>CallbackList</c> does.
/// Batch logs are produced lazily: only a callback that overrides a batch hook, or a progress bar about to draw, makes
/// <c>fit</c> read values from the device.
/// </summary>
internal sealed class CallbackList
{
    readonly List<Callback> _callbacks;
    readonly ProgbarLogger? _progbar;
    readonly List<Callback> _batchListeners;
    readonly List<Callback> _testBatchListeners;

    internal CallbackList(IEnumerable<Callback>? callbacks, Model model, History? history, ProgbarLogger? progbar, Dictionary<string, object?> @params)
    {
        _callbacks = (callbacks ?? Enumerable.Empty<Callback>()).ToList();
        if (_callbacks.Any(c => c is null)) throw new ArgumentException("callbacks contains a null entry.", nameof(callbacks));
        if (history is not null && !_callbacks.OfType<History>().Any()) _callbacks.Add(history);
        _progbar = progbar;
        if (progbar is not null) _callbacks.Add(progbar);
        foreach (var c in _callbacks)
        {
            c.bind(model, @params);
        }
        _batchListeners = _callbacks.Where(OverridesBatchHooks).ToList();
        _testBatchListeners = _batchListeners.Where(OverridesTestBatchHooks).ToList();
    }

    // Validation inside fit runs the test hooks: only a callback that handles test batches makes it read their logs.
    static bool OverridesTestBatchHooks(Callback c)
    {
        if (c.uses_test_batch_hooks is { } declared) return declared;
        var type = c.GetType();
        return new[] { nameof(Callback.on_test_batch_begin), nameof(Callback.on_test_batch_end) }
            .Any(n => type.GetMethod(n)!.DeclaringType != typeof(Callback));
    }

    static bool OverridesBatchHooks(Callback c)
    {
        if (c is ProgbarLogger) return false;
        if (c.uses_batch_hooks is { } declared) return declared;
        var type = c.GetType();
        return new[] { nameof(Callback.on_train_batch_begin), nameof(Callback.on_train_batch_end), nameof(Callback.on_test_batch_begin), nameof(Callback.on_test_batch_end) }
            .Any(n => type.GetMethod(n)!.DeclaringType != typeof(Callback));
    }

    internal bool wants_batch_logs => _batchListeners.Count > 0;

    internal void on_train_begin() { foreach (var c in _callbacks) c.on_train_begin(null); }
    internal void on_train_end(Dictionary<string, double>? logs) { foreach (var c in _callbacks) c.on_train_end(logs); }
    internal void on_fit_exit() { foreach (var c in _callbacks) c.on_fit_exit(); }
    internal void on_epoch_begin(int epoch) { foreach (var c in _callbacks) c.on_epoch_begin(epoch, null); }
    internal void on_epoch_end(int epoch, Dictionary<string, double> logs) { foreach (var c in _callbacks) c.on_epoch_end(epoch, logs); }
    internal void on_test_begin() { foreach (var c in _callbacks) c.on_test_begin(null); }
    internal void on_test_end(Dictionary<string, double> logs) { foreach (var c in _callbacks) c.on_test_end(logs); }
    internal void on_predict_begin() { foreach (var c in _callbacks) c.on_predict_begin(null); }
    internal void on_predict_end() { foreach (var c in _callbacks) c.on_predict_end(null); }

    internal void on_train_batch_begin(int batch)
    {
        foreach (var c in _batchListeners) c.on_train_batch_begin(batch, null);
    }

    internal void on_train_batch_end(int batch, Func<Dictionary<string, double>> logs)
    {
        Dictionary<string, double>? read = null;
        foreach (var c in _batchListeners) c.on_train_batch_end(batch, read ??= logs());
        _progbar?.on_batch_end(batch, () => read ??= logs());
    }

    internal void on_test_batch_begin(int batch)
    {
        foreach (var c in _testBatchListeners) c.on_test_batch_begin(batch, null);
    }

    internal void on_test_batch_end(int batch, Func<Dictionary<string, double>> logs)
    {
        Dictionary<string, double>? read = null;
        foreach (var c in _testBatchListeners) c.on_test_batch_end(batch, read ??= logs());
        if (_progbar is { called_in_fit: false }) _progbar.on_batch_end(batch, () => read ??= logs());
    }

    internal void on_predict_batch_begin(int batch)
    {
        foreach (var c in _callbacks) if (c is not History) c.on_predict_batch_begin(batch, null);
    }

    internal void on_predict_batch_end(int batch)
    {
        foreach (var c in _callbacks) if (c is not History) c.on_predict_batch_end(batch, null);
        _progbar?.on_batch_end(batch, () => new Dictionary<string, double>());
    }
}
