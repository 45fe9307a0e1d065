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

        /// <summary>
        /// Scales a tensor to unit L<paramref name="order"/> norm along <paramref name="axis"/> (Keras: <c>normalize</c> on
        /// a tensor, i.e. <c>ops.nn.normalize</c>: L2 as <c>x * min(rsqrt(sum(x²)), 1e7)</c>, so zero rows stay zero).
        /// </summary>
        public static Tensor normalize(Tensor x, int axis = -1, int order = 2) => Normalization.Tensor(x, axis, order);

        /// <summary>
        /// Keras's <c>normalize</c> on a NumPy matrix: <c>x / expand_dims(norm, axis or -1)</c> with zero norms replaced by 1.
        /// As in Keras, <c>axis: 0</c> and <c>axis: null</c> expand the norms on the last axis (see <c>Normalization</c>).
        /// </summary>
        public static double[,] normalize(double[,] x, int? axis = -1, int order = 2) => Normalization.Array(x, axis, order);

        /// <summary>Keras's <c>normalize</c> on a float32 NumPy matrix (computed in double, returned as float).</summary>
        public static float[,] normalize(float[,] x, int? axis = -1, int order = 2)
        {
            ArgumentNullException.ThrowIfNull(x);
            var d = new double[x.GetLength(0), x.GetLength(1)];
            for (int i = 0; i < x.GetLength(0); i++) for (int j = 0; j < x.GetLength(1); j++) d[i, j] = x[i, j];
            var r = Normalization.Array(d, axis, order);
            var f = new float[r.GetLength(0), r.GetLength(1)];
            for (int i = 0; i < r.GetLength(0); i++) for (int j = 0; j < r.GetLength(1); j++) f[i, j] = (float)r[i, j];
            return f;
        }

        /// <summary>Keras's <c>normalize</c> on a NumPy vector: like Keras, the result is a (1, n) matrix.</summary>
        public static double[,] normalize(double[] x, int? axis = -1, int order = 2)
        {
            ArgumentNullException.ThrowIfNull(x);
            if (axis is not (null or 0 or -1)) throw new ArgumentException($"`axis` {axis} is out of bounds for an array of dimension 1.", nameof(axis));
            var m = new double[1, x.Length];
            for (int j = 0; j < x.Length; j++) m[0, j] = x[j];
            axis = 1;   // every axis of a vector (0, -1, None) is its one norm, the row of this (1, n) matrix
            return Normalization.Array(m, axis, order);
        }

        /// <summary>Same as <c>keras.backend.clear_session()</c>.</summary>
        public static void clear_session() => backend.clear_session();

        /// <summary>
        /// Draws the model's graph to <paramref name="to_file"/> with Graphviz's <c>dot</c> (Keras:
        /// <c>keras.utils.plot_model</c>); the extension names the format (png, svg, pdf, ...; ".dot" writes the graph
        /// text without Graphviz). Needs the <c>dot</c> program (Debian's graphviz package); without it a clear error
        /// says so.
        /// </summary>
        public static void plot_model(Models.Model model, string to_file = "model.png", bool show_shapes = false, bool show_dtype = false,
            bool show_layer_names = false, string rankdir = "TB", bool expand_nested = false, int dpi = 200,
            bool show_layer_activations = false, bool show_trainable = false)
        {
            if (expand_nested) throw new NotSupportedException("plot_model(expand_nested: true) is not implemented; nested models are drawn as one node.");
            Utils.ModelVisualization.Plot(model, to_file, new(show_shapes, show_dtype, show_layer_names, rankdir, dpi, show_layer_activations, show_trainable));
        }

        /// <summary>The model's graph in Graphviz's dot language (Keras: <c>keras.utils.model_to_dot</c>, which returns a pydot graph).</summary>
        public static string model_to_dot(Models.Model model, bool show_shapes = false, bool show_dtype = false, bool show_layer_names = true,
            string rankdir = "TB", int dpi = 200, bool show_layer_activations = false, bool show_trainable = false) =>
            Utils.ModelVisualization.ToDot(model, new(show_shapes, show_dtype, show_layer_names, rankdir, dpi, show_layer_activations, show_trainable));
    }
}
