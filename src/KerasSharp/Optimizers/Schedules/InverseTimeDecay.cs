using System;
using System.Collections.Generic;

namespace KerasSharp.Optimizers.Schedules;

/// <summary>
/// <c>initial_learning_rate / (1 + decay_rate * step / decay_steps)</c>, the ratio floored when <c>staircase</c>
/// (Keras: <c>keras.optimizers.schedules.InverseTimeDecay</c>), in float32 as Keras computes it.
/// </summary>
public sealed class InverseTimeDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule; <paramref name="decay_steps"/> must be positive.</summary>
    public InverseTimeDecay(double initial_learning_rate, long decay_steps, double decay_rate, bool staircase = false, string name = "InverseTimeDecay")
    {
        this.initial_learning_rate = ScheduleChecks.Finite(initial_learning_rate, nameof(initial_learning_rate));
        this.decay_steps = ScheduleChecks.PositiveSteps(decay_steps, nameof(decay_steps));
        this.decay_rate = ScheduleChecks.Finite(decay_rate, nameof(decay_rate));
        this.staircase = staircase;
        this.name = name;
    }

    /// <summary>The rate at step 0.</summary>
    public double initial_learning_rate { get; }
    /// <summary>The time unit of the decay.</summary>
    public long decay_steps { get; }
    /// <summary>The decay per <see cref="decay_steps"/>.</summary>
    public double decay_rate { get; }
    /// <summary>Whether step / decay_steps is floored.</summary>
    public bool staircase { get; }
    /// <summary>The schedule's name.</summary>
    public string name { get; }

    /// <inheritdoc />
    public override double call(long step)
    {
        float p = ScheduleChecks.NonNegativeStep(step) / (float)decay_steps;
        if (staircase) p = MathF.Floor(p);
        return (float)initial_learning_rate / (1f + (float)decay_rate * p);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new()
    {
        ["initial_learning_rate"] = initial_learning_rate,
        ["decay_steps"] = decay_steps,
        ["decay_rate"] = decay_rate,
        ["staircase"] = staircase,
        ["name"] = name,
    };
}
