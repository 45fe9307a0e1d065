using System;
using System.Collections.Generic;

namespace KerasSharp.Optimizers.Schedules;

/// <summary>
/// Cosine decay with warm restarts, SGDR (Keras: <c>keras.optimizers.schedules.CosineDecayRestarts</c>): period i lasts
/// <c>first_decay_steps * t_mul^i</c> steps and starts from <c>initial_learning_rate * m_mul^i</c>; within a period
/// <c>(1 - alpha) * 0.5 * m_mul^i * (1 + cos(pi * fraction)) + alpha</c> times the initial rate. Float32 as Keras computes it.
/// </summary>
public sealed class CosineDecayRestarts : LearningRateSchedule
{
    /// <summary>Creates the schedule; <paramref name="first_decay_steps"/> must be positive.</summary>
    public CosineDecayRestarts(double initial_learning_rate, long first_decay_steps, double t_mul = 2.0, double m_mul = 1.0, double alpha = 0.0,
        string name = "SGDRDecay")
    {
        this.initial_learning_rate = ScheduleChecks.Finite(initial_learning_rate, nameof(initial_learning_rate));
        this.first_decay_steps = ScheduleChecks.PositiveSteps(first_decay_steps, nameof(first_decay_steps));
        this.t_mul = ScheduleChecks.Finite(t_mul, nameof(t_mul));
        this.m_mul = ScheduleChecks.Finite(m_mul, nameof(m_mul));
        this.alpha = ScheduleChecks.Finite(alpha, nameof(alpha));
        this.name = name;
    }

    /// <summary>The rate at step 0.</summary>
    public double initial_learning_rate { get; }
    /// <summary>Length of the first period.</summary>
    public long first_decay_steps { get; }
    /// <summary>Growth of each period's length.</summary>
    public double t_mul { get; }
    /// <summary>Factor on each period's starting rate.</summary>
    public double m_mul { get; }
    /// <summary>The final rate as a fraction of the initial rate.</summary>
    public double alpha { get; }
    /// <summary>The schedule's name.</summary>
    public string name { get; }

    /// <inheritdoc />
    public override double call(long step)
    {
        float fraction = ScheduleChecks.NonNegativeStep(step) / (float)first_decay_steps;
        float tm = (float)t_mul, mm = (float)m_mul, a = (float)alpha;
        float restart;
        if (tm == 1f)
        {
            restart = MathF.Floor(fraction);
            fraction -= restart;
        }
        else
        {
            restart = MathF.Floor(MathF.Log(1f - fraction * (1f - tm)) / MathF.Log(tm));
            float sum = (1f - MathF.Pow(tm, restart)) / (1f - tm);
            fraction = (fraction - sum) / MathF.Pow(tm, restart);
        }
        float cosine = 0.5f * MathF.Pow(mm, restart) * (1f + MathF.Cos(MathF.PI * fraction));
        return (float)initial_learning_rate * ((1f - a) * cosine + a);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new()
    {
        ["initial_learning_rate"] = initial_learning_rate,
        ["first_decay_steps"] = first_decay_steps,
        ["t_mul"] = t_mul,
        ["m_mul"] = m_mul,
        ["alpha"] = alpha,
        ["name"] = name,
    };
}
