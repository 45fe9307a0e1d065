using KerasSharp.Backend;

namespace KerasSharp;

public static partial class keras
{
    /// <summary>Backend utilities (Keras: <c>keras.backend</c>).</summary>
    public static class backend
    {
        /// <summary>
        /// Resets Keras's global state: automatic names start again at "dense", "sequential", ..., and the global dtype
        /// policy is "float32" again (Keras: <c>clear_session</c>).
        /// </summary>
        public static void clear_session()
        {
            Naming.Reset();
            DTypePolicies.GlobalPolicy.Reset();
        }

        /// <summary>Keras's fuzz factor, 1e-7.</summary>
        public static double epsilon() => Epsilon.Value;

        /// <summary>The name of the backend: "torch" (TorchSharp).</summary>
        public static string backend_name() => "torch";
    }
}
