using System;
using System.Collections.Generic;
using System.Linq;

namespace KerasSharp.Optimizers.Schedules;

/// <summary>
/// <c>values[0]</c> while step &lt;= boundaries[0], <c>values[i]</c> while boundaries[i-1] &lt; step &lt;= boundaries[i],
/// <c>values[^1]</c> after the last boundary (Keras: <c>keras.optimizers.schedules.PiecewiseConstantDecay</c>).
/// </summary>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    readonly double[] _boundaries, _values;

    /// <summary>Creates the schedule; there must be one more value than boundaries.</summary>
    public PiecewiseConstantDecay(IReadOnlyList<double> boundaries, IReadOnlyList<double> values, string name = "PiecewiseConstant")
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (boundaries.Count != values.Count - 1)
            throw new ArgumentException(
                $"The length of boundaries should be 1 less than the length of values. Received: boundaries=[{string.Join(", ", boundaries)}] of length {boundaries.Count}, and values=[{string.Join(", ", values)}] of length {values.Count}.",
                nameof(boundaries));
        for (int i = 0; i < boundaries.Count; i++) ScheduleChecks.Finite(boundaries[i], $"boundaries[{i}]");
        for (int i = 0; i < values.Count; i++) ScheduleChecks.Finite(values[i], $"values[{i}]");
        _boundaries = boundaries.ToArray();
        _values = values.ToArray();
        this.name = name;
    }

    /// <summary>The steps where the value changes, ascending.</summary>
    public IReadOnlyList<double> boundaries => _boundaries;
    /// <summary>The value in each interval.</summary>
    public IReadOnlyList<double> values => _values;
    /// <summary>The schedule's name.</summary>
    public string name { get; }

    /// <inheritdoc />
    public override double call(long step)
    {
        double s = ScheduleChecks.NonNegativeStep(step);
        // Keras sums value * indicator over the intervals; with ascending boundaries exactly one interval holds.
        float result = 0f;
        if (s <= _boundaries[0]) result += (float)_values[0];
        if (s > _boundaries[^1]) result += (float)_values[^1];
        for (int i = 0; i + 1 < _boundaries.Length; i++)
            if (s > _boundaries[i] && s <= _boundaries[i + 1]) result += (float)_values[i + 1];
        return result;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new()
    {
        ["boundaries"] = _boundaries.Select(b => b == Math.Floor(b) && Math.Abs(b) < 1e15 ? (object)(long)b : b).ToList(),
        ["values"] = _values.Cast<object?>().ToList(),
        ["name"] = name,
    };
}
