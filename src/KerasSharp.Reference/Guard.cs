using System;
using System.Globalization;

namespace KerasSharp.Reference;

/// <summary>
/// Argument checks shared by the optimizers. Every message names the argument, the value it received and the
/// range that was expected, so a bad hyperparameter is diagnosed from the exception alone.
/// </summary>
internal static class Guard
{
    /// <summary>Requires <c>0 &lt; value &lt; ∞</c> (a learning rate).</summary>
    public static double PositiveFinite(double value, string name)
    {
        if (!(value > 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name,
                $"{name} must be a finite number greater than 0, but was {Format(value)}.");
        }
        return value;
    }

    /// <summary>Requires <c>0 ≤ value &lt; ∞</c> (an epsilon).</summary>
    public static double NonNegativeFinite(double value, string name)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name,
                $"{name} must be a finite number greater than or equal to 0, but was {Format(value)}.");
        }
        return value;
    }

    /// <summary>Requires <c>0 ≤ value &lt; 1</c> (a decay rate such as β₁, β₂ or ρ).</summary>
    public static double InHalfOpenUnitInterval(double value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name,
                $"{name} must be in [0, 1), but was {Format(value)}.");
        }
        return value;
    }

    /// <summary>Requires <c>0 ≤ value ≤ 1</c> (a momentum coefficient, as Keras's SGD checks it).</summary>
    public static double InClosedUnitInterval(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name,
                $"{name} must be in [0, 1], but was {Format(value)}.");
        }
        return value;
    }

    /// <summary>Formats a number the same way on every machine, round-trippable.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
