using System;
using System.Collections.Generic;

namespace KerasSharp.Optimizers.Schedules;

/// <summary>
/// <c>(initial - end) * (1 - min(step, decay_steps) / decay_steps) ^ power + end</c>; with <c>cycle</c> the horizon grows
/// to the next multiple of <c>decay_steps</c> instead (Keras: <c>keras.optimizers.schedules.PolynomialDecay</c>), in
/// float32 as Keras computes it.
/// </summary>
public sealed class PolynomialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule; <paramref name="decay_steps"/> must be positive.</summary>
    public PolynomialDecay(double initial_learning_rate, long decay_steps, double end_learning_rate = 0.0001, double power = 1.0, bool cycle = false,
        string name = "PolynomialDecay")
    {
        this.initial_learning_rate = ScheduleChecks.Finite(initial_learning_rate, nameof(initial_learning_rate));
        this.decay_steps = ScheduleChecks.PositiveSteps(decay_steps, nameof(decay_steps));
        this.end_learning_rate = ScheduleChecks.Finite(end_learning_rate, nameof(end_learning_rate));
        this.power = ScheduleChecks.Finite(power, nameof(power));
        this.cycle = cycle;
        this.name = name;
    }

    /// <summary>The rate at step 0.</summary>
    public double initial_learning_rate { get; }
    /// <summary>Steps to reach <see cref="end_learning_rate"/>.</summary>
    public long decay_steps { get; }
    /// <summary>The final rate.</summary>
    public double end_learning_rate { get; }
    /// <summary>The polynomial's power.</summary>
    public double power { get; }
    /// <summary>Whether the decay restarts beyond <see cref="decay_steps"/>.</summary>
    public bool cycle { get; }
    /// <summary>The schedule's name.</summary>
    public string name { get; }

    /// <inheritdoc />
    public override double call(long step)
    {
        float s = ScheduleChecks.NonNegativeStep(step), horizon = decay_steps;
        if (cycle) horizon *= s == 0 ? 1f : MathF.Ceiling(s / decay_steps);
        else s = MathF.Min(s, horizon);
        float p = s / horizon;
        float initial = (float)initial_learning_rate, end = (float)end_learning_rate;
        return (initial - end) * MathF.Pow(1f - p, (float)power) + end;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new()
    {
        ["initial_learning_rate"] = initial_learning_rate,
        ["decay_steps"] = decay_steps,
        ["end_learning_rate"] = end_learning_rate,
        ["power"] = power,
        ["cycle"] = cycle,
        ["name"] = name,
    };
}
