using System;

namespace KerasSharp.Optimizers.Schedules;

/// <summary>Argument checks shared by the built-in schedules, with Keras's messages where Keras checks.</summary>
internal static class ScheduleChecks
{
    internal static long PositiveSteps(long value, string name) =>
        value > 0 ? value : throw new ArgumentException($"Argument `{name}` must be > 0. Received: {name}={value}", name);

    internal static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentException($"Argument `{name}` must be a finite number. Received: {name}={value}", name);

    internal static long NonNegativeStep(long step) =>
        step >= 0 ? step : throw new ArgumentException($"A learning-rate schedule needs a non-negative step. Received: step={step}", nameof(step));
}
