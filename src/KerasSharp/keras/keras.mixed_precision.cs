namespace KerasSharp;

public static partial class keras
{
    /// <summary>Keras's legacy mixed-precision names (Keras: <c>keras.mixed_precision</c>).</summary>
    public static class mixed_precision
    {
        /// <summary>Sets the global dtype policy (Keras: <c>set_global_policy</c>, an alias of <c>keras.config.set_dtype_policy</c>).</summary>
        public static void set_global_policy(string policy) => DTypePolicies.GlobalPolicy.Set(policy);

        /// <summary>Sets the global dtype policy (Keras: <c>keras.mixed_precision.set_dtype_policy</c>).</summary>
        public static void set_dtype_policy(string policy) => DTypePolicies.GlobalPolicy.Set(policy);

        /// <summary>The global dtype policy (Keras: <c>global_policy()</c>).</summary>
        public static DTypePolicies.DTypePolicy global_policy() => DTypePolicies.GlobalPolicy.Current;

        /// <summary>The global dtype policy (Keras: <c>keras.mixed_precision.dtype_policy()</c>).</summary>
        public static DTypePolicies.DTypePolicy dtype_policy() => DTypePolicies.GlobalPolicy.Current;

        /// <summary>A dtype policy by name (Keras: <c>keras.mixed_precision.DTypePolicy(name)</c> / <c>Policy(name)</c>).</summary>
        public static DTypePolicies.DTypePolicy DTypePolicy(string? name = null) => new(name);

        /// <summary>A dtype policy by name (Keras's legacy <c>keras.mixed_precision.Policy(name)</c>).</summary>
        public static DTypePolicies.DTypePolicy Policy(string? name = null) => new(name);

        /// <summary>Dynamic loss scaling around an optimizer (Keras: <c>keras.mixed_precision.LossScaleOptimizer</c>).</summary>
        public static Optimizers.LossScaleOptimizer LossScaleOptimizer(Optimizers.Optimizer inner_optimizer, double initial_scale = 32768.0, int dynamic_growth_steps = 2000, string? name = null) =>
            new(inner_optimizer, initial_scale, dynamic_growth_steps, name);
    }
}
