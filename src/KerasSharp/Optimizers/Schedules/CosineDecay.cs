using System;
using System.Collections.Generic;

namespace KerasSharp.Optimizers.Schedules;

/// <summary>
/// Cosine decay with an optional linear warmup (Keras: <c>keras.optimizers.schedules.CosineDecay</c>): without
/// <c>warmup_target</c>, <c>initial * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha)</c>;
/// with it, a straight line from <c>initial_learning_rate</c> to <c>warmup_target</c> over <c>warmup_steps</c>, then the
/// cosine decay from <c>warmup_target</c>. Float32 as Keras computes it.
/// </summary>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule; <paramref name="decay_steps"/> must be positive.</summary>
    public CosineDecay(double initial_learning_rate, long decay_steps, double alpha = 0.0, string name = "CosineDecay", double? warmup_target = null,
        long warmup_steps = 0)
    {
        this.initial_learning_rate = ScheduleChecks.Finite(initial_learning_rate, nameof(initial_learning_rate));
        this.decay_steps = ScheduleChecks.PositiveSteps(decay_steps, nameof(decay_steps));
        this.alpha = ScheduleChecks.Finite(alpha, nameof(alpha));
        this.name = name;
        if (warmup_target is { } t) ScheduleChecks.Finite(t, nameof(warmup_target));
        this.warmup_target = warmup_target;
        if (warmup_steps < 0) throw new ArgumentException($"Argument `warmup_steps` must be >= 0. Received: warmup_steps={warmup_steps}", nameof(warmup_steps));
        this.warmup_steps = warmup_steps;
    }

    /// <summary>The rate at step 0.</summary>
    public double initial_learning_rate { get; }
    /// <summary>Steps of the cosine decay.</summary>
    public long decay_steps { get; }
    /// <summary>The final rate as a fraction of the decay's starting rate.</summary>
    public double alpha { get; }
    /// <summary>The schedule's name.</summary>
    public string name { get; }
    /// <summary>The rate reached at the end of the warmup, or null for no warmup.</summary>
    public double? warmup_target { get; }
    /// <summary>Steps of the linear warmup.</summary>
    public long warmup_steps { get; }

    /// <inheritdoc />
    public override double call(long step)
    {
        float s = ScheduleChecks.NonNegativeStep(step), steps = decay_steps, initial = (float)initial_learning_rate;
        if (warmup_target is not { } target)
            return Decay(MathF.Min(s, steps), steps, initial);
        float warmup = warmup_steps, t = (float)target;
        s = MathF.Min(s, steps + warmup);
        if (s < warmup) return (t - initial) * (s / warmup) + initial;
        return Decay(s - warmup, steps, t);
    }

    float Decay(float step, float steps, float from)
    {
        float cosine = 0.5f * (1f + MathF.Cos(MathF.PI * (step / steps)));
        return from * ((float)(1 - alpha) * cosine + (float)alpha);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new()
    {
        ["initial_learning_rate"] = initial_learning_rate,
        ["decay_steps"] = decay_steps,
        ["alpha"] = alpha,
        ["name"] = name,
        ["warmup_target"] = warmup_target,
        ["warmup_steps"] = warmup_steps,
    };
}
