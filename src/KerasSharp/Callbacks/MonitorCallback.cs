using System;
using System.Collections.Generic;
using System.Linq;

namespace KerasSharp.Callbacks;

/// <summary>
/// The base of callbacks that watch one logged quantity (Keras: <c>keras/src/callbacks/monitor_callback.py</c>):
/// EarlyStopping, ModelCheckpoint, ReduceLROnPlateau. In "auto" mode a "loss"/"val_loss" monitor is minimized and a
/// compiled metric follows its <c>direction</c>; any other name cannot be decided and is refused, as Keras refuses it.
/// An improvement is <c>current - min_delta &lt; best</c> (min) or <c>current - min_delta &gt; best</c> (max); the first
/// value always improves on an unset best, NaN never improves.
/// </summary>
public abstract class MonitorCallback : Callback
{
    /// <summary>Sets the monitor, the mode ("auto", "min" or "max"; another mode warns and falls back to "auto"), the
    /// initial best (<paramref name="baseline"/>) and the minimum change.</summary>
    protected MonitorCallback(string monitor = "val_loss", string mode = "auto", double? baseline = null, double min_delta = 0)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        if (double.IsNaN(min_delta)) throw new ArgumentException("`min_delta` must be a number. Received: min_delta=NaN", nameof(min_delta));
        if (mode is not ("auto" or "min" or "max"))
        {
            Saving.WeightsFile.Warn($"{GetType().Name} mode '{mode}' is unknown, fallback to auto mode.");
            mode = "auto";
        }
        this.monitor = monitor;
        this.mode = mode;
        best = baseline;
        this.min_delta = Math.Abs(min_delta);
    }

    /// <summary>The quantity watched, a key of the epoch logs ("val_loss").</summary>
    public string monitor { get; }
    /// <summary>"auto", "min" or "max".</summary>
    public string mode { get; }
    /// <summary>The best value so far (the baseline or threshold at first; null before the first value). Kept across fits, as in Keras.</summary>
    public double? best { get; protected set; }
    /// <summary>The minimum change that counts as an improvement (negative once minimizing, as Keras stores it).</summary>
    public double min_delta { get; private set; }

    bool? _less;

    /// <summary>Whether smaller is better (decided at the first epoch end, or when <c>fit</c> starts with a compiled model).</summary>
    internal bool lower_is_better => _less ?? throw new InvalidOperationException("The monitor direction is not decided yet.");

    /// <summary>Decides the direction once (Keras: <c>_set_monitor_op</c>), refusing an "auto" monitor it cannot decide.</summary>
    internal void set_monitor_op()
    {
        if (_less is not null) return;
        bool? less = mode switch { "min" => true, "max" => false, _ => null };
        if (less is null)
        {
            var name = monitor.StartsWith("val_", StringComparison.Ordinal) ? monitor["val_".Length..] : monitor;
            if (name == "loss") less = true;
            var metric = model?.metrics.LastOrDefault(m => m.name == name);
            if (metric is not null) less = metric.direction != "up";
            if (less is null)
                throw new ArgumentException(
                    $"{GetType().Name} callback received monitor={monitor}, but Keras isn't able to automatically determine whether that metric should be maximized or minimized. "
                    + "Pass `mode='max'` in order to monitor based on the highest metric value, or pass `mode='min'` in order to use the lowest value.",
                    nameof(monitor));
        }
        _less = less;
        if (less.Value) min_delta *= -1;
    }

    /// <summary>Whether <paramref name="current"/> improves on <paramref name="reference"/> (Keras: <c>_is_improvement</c>).</summary>
    protected bool is_improvement(double current, double? reference)
    {
        if (reference is not { } r) return true;
        set_monitor_op();
        return _less!.Value ? current - min_delta < r : current - min_delta > r;
    }

    /// <summary>Decides the direction before training when the model is compiled, so that an undecidable monitor refuses
    /// <c>fit</c> before any step (Keras refuses at the first epoch end).</summary>
    public override void on_train_begin(Dictionary<string, double>? logs = null)
    {
        if (model is { compiled: true }) set_monitor_op();
    }

    /// <summary>Keras's "Available metrics are: a,b,c" list.</summary>
    internal static string available(Dictionary<string, double>? logs) => string.Join(",", (logs ?? new()).Keys);

    /// <summary>Keras's <c>io_utils.print_msg</c>: one line to standard output.</summary>
    internal static void print_msg(string message) => Console.Out.WriteLine(message);
}
