using KerasSharp.Constraints;

namespace KerasSharp;

public static partial class keras
{
    /// <summary>Weight constraints (Keras: <c>keras.constraints</c>), applied after each optimizer step.</summary>
    public static class constraints
    {
        /// <summary>Caps the norm along <paramref name="axis"/> (default [0]) at <paramref name="max_value"/> (Keras: <c>MaxNorm</c>).</summary>
        public static MaxNorm MaxNorm(double max_value = 2, int[]? axis = null) => new(max_value, axis);
        /// <summary>Keras's alias of MaxNorm.</summary>
        public static MaxNorm max_norm(double max_value = 2, int[]? axis = null) => new(max_value, axis);
        /// <summary>Moves the norm into [min_value, max_value] at <paramref name="rate"/> (Keras: <c>MinMaxNorm</c>).</summary>
        public static MinMaxNorm MinMaxNorm(double min_value = 0.0, double max_value = 1.0, double rate = 1.0, int[]? axis = null) => new(min_value, max_value, rate, axis);
        /// <summary>Keras's alias of MinMaxNorm.</summary>
        public static MinMaxNorm min_max_norm(double min_value = 0.0, double max_value = 1.0, double rate = 1.0, int[]? axis = null) => new(min_value, max_value, rate, axis);
        /// <summary>Zeroes negative weights (Keras: <c>NonNeg</c>).</summary>
        public static NonNeg NonNeg() => new();
        /// <summary>Keras's alias of NonNeg.</summary>
        public static NonNeg non_neg() => new();
        /// <summary>Scales to unit norm along <paramref name="axis"/> (default [0]) (Keras: <c>UnitNorm</c>).</summary>
        public static UnitNorm UnitNorm(int[]? axis = null) => new(axis);
        /// <summary>Keras's alias of UnitNorm.</summary>
        public static UnitNorm unit_norm(int[]? axis = null) => new(axis);
        /// <summary>A constraint from its Keras name (Keras: <c>keras.constraints.get</c>).</summary>
        public static Constraint get(string identifier) => Constraint.get(identifier);
    }
}
