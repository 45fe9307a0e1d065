using System.Collections.Generic;

namespace KerasSharp.Optimizers.Schedules;

/// <summary>
/// A learning rate that depends on the optimizer's step count (Keras:
/// <c>keras.optimizers.schedules.LearningRateSchedule</c>, keras/src/optimizers/schedules/learning_rate_schedule.py).
/// An optimizer given a schedule as its <c>learning_rate</c> evaluates it at its iteration count before each step, on
/// the host: a schedule never waits for the device. Subclass it and override <see cref="call"/> and
/// <see cref="get_config"/> for a schedule of your own.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate at optimizer step <paramref name="step"/> (0 before the first update; Keras: <c>__call__(step)</c>).</summary>
    public abstract double call(long step);

    /// <summary>The constructor arguments, as Keras's <c>get_config()</c>.</summary>
    public virtual Dictionary<string, object?> get_config() => new();

    /// <summary>Keras's class name, written in configs (e.g. "ExponentialDecay").</summary>
    public virtual string class_name => GetType().Name;
}
