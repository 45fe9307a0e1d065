using System;
using KerasSharp.Backend;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class keras
{
    /// <summary>Utilities (Keras: <c>keras.utils</c>).</summary>
    public static class utils
    {
        /// <summary>
        /// One-hot encodes integer class labels (Keras: <c>to_categorical</c>). Accepts int[], long[], a TorchSharp tensor
        /// or any sequence of numbers (e.g. a DataFrame column); a trailing dimension of 1 is dropped; <paramref name="num_classes"/>
        /// defaults to max + 1. As in Keras, array input gives float64 and tensor input float32. Negative, fractional or
        /// out-of-range labels throw <see cref="ArgumentException"/>.
        /// </summary>
        public static Tensor to_categorical(object x, int? num_classes = null) => Utils.Categorical.ToCategorical(x, num_classes);

        /// <summary>
        /// Seeds every random generator KerasSharp uses: TorchSharp's (CPU and CUDA), which draws initial weights, shuffles
        /// and dropout masks (Keras: <c>set_random_seed</c>). Same seed, same run, bit for bit on the CPU.
        /// </summary>
        public static void set_random_seed(int seed)
        {
            TorchRuntime.EnsureLoaded();
            torch.manual_seed(seed);
            if (torch.cuda.is_available()) torch.cuda.manual_seed_all(seed);
        }

        /// <summary>Scales <paramref name="x"/> to unit L<paramref name="order"/> norm along <paramref name="axis"/> (Keras: <c>normalize</c>); zero rows stay zero.</summary>
        public static Tensor normalize(Tensor x, int axis = -1, int order = 2)
        {
            ArgumentNullException.ThrowIfNull(x);
            if (order <= 0) throw new ArgumentException($"`order` must be a positive integer. Received: order={order}", nameof(order));
            using var scope = NewDisposeScope();
            var xf = x.is_floating_point() ? x : x.to_type(ScalarType.Float32);
            var norm = xf.abs().pow(order).sum(new long[] { axis }, keepdim: true).pow(1.0 / order);
            norm = where(norm.eq(0), ones_like(norm), norm);
            return xf.div(norm).MoveToOuterDisposeScope();
        }

        /// <summary>Same as <c>keras.backend.clear_session()</c>.</summary>
        public static void clear_session() => backend.clear_session();
    }
}
