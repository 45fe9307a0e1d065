using KerasSharp.Initializers;

namespace KerasSharp;

public static partial class keras
{
    /// <summary>Initializers (Keras: <c>keras.initializers</c>).</summary>
    public static class initializers
    {
        /// <summary>U(±sqrt(6/(fan_in+fan_out))).</summary>
        public static VarianceScaling GlorotUniform(int? seed = null) => VarianceScaling.GlorotUniform(seed);
        /// <summary>Truncated normal with variance 2/(fan_in+fan_out).</summary>
        public static VarianceScaling GlorotNormal(int? seed = null) => VarianceScaling.GlorotNormal(seed);
        /// <summary>U(±sqrt(6/fan_in)).</summary>
        public static VarianceScaling HeUniform(int? seed = null) => VarianceScaling.HeUniform(seed);
        /// <summary>Truncated normal with variance 2/fan_in.</summary>
        public static VarianceScaling HeNormal(int? seed = null) => VarianceScaling.HeNormal(seed);
        /// <summary>Zeros.</summary>
        public static Zeros Zeros() => new();
        /// <summary>Ones.</summary>
        public static Ones Ones() => new();
        /// <summary>A constant.</summary>
        public static Constant Constant(double value = 0.0) => new(value);
        /// <summary>Normal (mean 0, stddev 0.05).</summary>
        public static RandomNormal RandomNormal(double mean = 0.0, double stddev = 0.05, int? seed = null) => new(mean, stddev, seed);
        /// <summary>Uniform in [-0.05, 0.05].</summary>
        public static RandomUniform RandomUniform(double minval = -0.05, double maxval = 0.05, int? seed = null) => new(minval, maxval, seed);
        /// <summary>A random orthogonal matrix times <paramref name="gain"/> (the recurrent kernels' default).</summary>
        public static Orthogonal Orthogonal(double gain = 1.0, int? seed = null) => new(gain, seed);
    }
}
