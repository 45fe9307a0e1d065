using System;
using System.Collections.Generic;
using KerasSharp.Optimizers;

namespace KerasSharp.Callbacks;

/// <summary>
/// Sets the learning rate at the start of each epoch from a function of the 0-based epoch and the current rate (Keras:
/// <c>keras.callbacks.LearningRateScheduler</c>); each epoch's logs get "learning_rate". The current rate passed in is
/// the float32 value Keras's optimizer variable holds. Verbose prints "Epoch N: LearningRateScheduler setting learning
/// rate to X.". A schedule returning NaN, infinity or a negative rate is refused with an <see cref="ArgumentException"/>
/// naming the epoch and the value, and the rate is left unchanged.
/// </summary>
public sealed class LearningRateScheduler : Callback
{
    readonly Func<int, double, double> _schedule;

    /// <summary>From <c>schedule(epoch, lr)</c>.</summary>
    public LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0)
    {
        _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        this.verbose = verbose;
    }

    /// <summary>From <c>schedule(epoch)</c> (Keras falls back to this form when the function takes one argument).</summary>
    public static LearningRateScheduler from_epoch(Func<int, double> schedule, int verbose = 0)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new LearningRateScheduler((epoch, _) => schedule(epoch), verbose);
    }

    /// <summary>0 silent, 1 prints each rate set.</summary>
    public int verbose { get; }

    /// <inheritdoc />
    public override void on_epoch_begin(int epoch, Dictionary<string, double>? logs = null)
    {
        var optimizer = model?.optimizer ?? throw new InvalidOperationException("Optimizer must have a \"learning_rate\" attribute: the model is not compiled.");
        double rate = _schedule(epoch, stored_rate(optimizer));
        set_rate(optimizer, rate, $"LearningRateScheduler at epoch {epoch}");
        if (verbose > 0) MonitorCallback.print_msg($"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {PythonFormat.Repr(rate)}.");
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        if (logs is not null && model?.optimizer is { } optimizer) logs["learning_rate"] = stored_rate(optimizer);
    }

    /// <summary>The rate as Keras's float32 variable holds it, read back as a double (Keras: <c>float(optimizer.learning_rate)</c>).</summary>
    internal static double stored_rate(Optimizer optimizer) => (float)optimizer.learning_rate;

    /// <summary>Sets the rate after checking it, so that a bad value leaves the optimizer unchanged.</summary>
    internal static void set_rate(Optimizer optimizer, double rate, string who)
    {
        if (!double.IsFinite(rate) || rate < 0)
            throw new ArgumentException($"{who}: the schedule gave learning rate {PythonFormat.Repr(rate)}; expected a non-negative finite number. The learning rate stays {PythonFormat.Repr(optimizer.learning_rate)}.", "schedule");
        optimizer.learning_rate = rate;
    }
}
