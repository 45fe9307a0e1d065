using System;
using KerasSharp.Optimizers.Schedules;

namespace KerasSharp.Optimizers;

/// <summary>
/// An optimizer's <c>learning_rate</c> argument: a number or a <see cref="LearningRateSchedule"/> (Keras accepts
/// either for the same argument). Both convert implicitly: <c>Adam(learning_rate: 0.01)</c>,
/// <c>Adam(learning_rate: schedule)</c>.
/// </summary>
public readonly struct LearningRate
{
    LearningRate(double? value, LearningRateSchedule? schedule)
    {
        this.value = value;
        this.schedule = schedule;
    }

    /// <summary>The constant rate, or null for a schedule.</summary>
    public double? value { get; }

    /// <summary>The schedule, or null for a constant rate.</summary>
    public LearningRateSchedule? schedule { get; }

    /// <summary>A constant rate.</summary>
    public static implicit operator LearningRate(double value) => new(value, null);

    /// <summary>A schedule, evaluated at the optimizer's iteration count before each step.</summary>
    public static implicit operator LearningRate(LearningRateSchedule schedule) =>
        new(null, schedule ?? throw new ArgumentNullException(nameof(schedule), "`learning_rate` is a null schedule; expected a number or a LearningRateSchedule."));

    /// <inheritdoc />
    public override string ToString() => schedule?.ToString() ?? value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
