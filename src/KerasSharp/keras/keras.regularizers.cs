using KerasSharp.Regularizers;

namespace KerasSharp;

public static partial class keras
{
    /// <summary>Regularizers (Keras: <c>keras.regularizers</c>).</summary>
    public static class regularizers
    {
        /// <summary>l1·sum(|w|) (default 0.01).</summary>
        public static L1 L1(double l1 = 0.01) => new(l1);
        /// <summary>l2·sum(w²) (default 0.01).</summary>
        public static L2 L2(double l2 = 0.01) => new(l2);
        /// <summary>Both penalties (defaults 0).</summary>
        public static L1L2 L1L2(double l1 = 0.0, double l2 = 0.0) => new(l1, l2);
        /// <summary>Keras's lower-case alias of L1.</summary>
        public static L1 l1(double l1 = 0.01) => new(l1);
        /// <summary>Keras's lower-case alias of L2.</summary>
        public static L2 l2(double l2 = 0.01) => new(l2);
        /// <summary>Keras 3's lower-case alias of L1L2, with the class defaults (0 each; Keras 2's old function had 0.01).</summary>
        public static L1L2 l1_l2(double l1 = 0.0, double l2 = 0.0) => new(l1, l2);
        /// <summary>Orthogonality of rows or columns (Keras: <c>OrthogonalRegularizer</c>, factor 0.01, mode "rows").</summary>
        public static OrthogonalRegularizer OrthogonalRegularizer(double factor = 0.01, string mode = "rows") => new(factor, mode);
        /// <summary>Keras's lower-case alias of OrthogonalRegularizer.</summary>
        public static OrthogonalRegularizer orthogonal_regularizer(double factor = 0.01, string mode = "rows") => new(factor, mode);
    }
}
