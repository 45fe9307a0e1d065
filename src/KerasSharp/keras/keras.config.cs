using KerasSharp.Backend;

namespace KerasSharp;

public static partial class keras
{
    /// <summary>Global settings (Keras: <c>keras.config</c>).</summary>
    public static class config
    {
        /// <summary>
        /// Sets the device models and data use: "cpu", "cuda", "cuda:N", or "auto" (CUDA when available, else CPU), the
        /// default. A <c>keras.device(...)</c> scope and an explicit <c>model.to(...)</c> take precedence; the
        /// KERAS_DEVICE environment variable applies when this is not set.
        /// </summary>
        public static void set_device(string device) => DeviceConfig.Set(device);

        /// <summary>The device work currently goes to, e.g. "cpu" or "cuda:0".</summary>
        public static string device() => DeviceConfig.Current.ToString();

        /// <summary>The float type of weights and computations: "float32".</summary>
        public static string floatx() => "float32";

        /// <summary>Keras's fuzz factor, 1e-7.</summary>
        public static double epsilon() => Epsilon.Value;

        /// <summary>
        /// Sets the global dtype policy layers created from now on use (Keras: <c>keras.config.set_dtype_policy</c>):
        /// "float32", "mixed_bfloat16", "mixed_float16", "bfloat16", "float16", or a <see cref="DTypePolicies.DTypePolicy"/>.
        /// </summary>
        public static void set_dtype_policy(string policy) => DTypePolicies.GlobalPolicy.Set(policy);

        /// <summary>The global dtype policy (Keras: <c>keras.config.dtype_policy()</c>).</summary>
        public static DTypePolicies.DTypePolicy dtype_policy() => DTypePolicies.GlobalPolicy.Current;
    }
}
