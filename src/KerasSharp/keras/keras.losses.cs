using KerasSharp.Losses;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class keras
{
    /// <summary>Losses (Keras: <c>keras.losses</c>): classes with Keras's arguments and the per-sample functions.</summary>
    public static class losses
    {
        /// <summary>Keras's MeanSquaredError.</summary>
        public static Losses.MeanSquaredError MeanSquaredError(string? name = null, string reduction = "sum_over_batch_size") => new(name, reduction);
        /// <summary>Keras's MeanAbsoluteError.</summary>
        public static Losses.MeanAbsoluteError MeanAbsoluteError(string? name = null, string reduction = "sum_over_batch_size") => new(name, reduction);
        /// <summary>Keras's CategoricalCrossentropy.</summary>
        public static Losses.CategoricalCrossentropy CategoricalCrossentropy(bool from_logits = false, double label_smoothing = 0.0, int axis = -1, string? name = null, string reduction = "sum_over_batch_size") =>
            new(from_logits, label_smoothing, axis, name, reduction);
        /// <summary>Keras's SparseCategoricalCrossentropy.</summary>
        public static Losses.SparseCategoricalCrossentropy SparseCategoricalCrossentropy(bool from_logits = false, int? ignore_class = null, string? name = null, string reduction = "sum_over_batch_size") =>
            new(from_logits, ignore_class, name, reduction);
        /// <summary>Keras's BinaryCrossentropy.</summary>
        public static Losses.BinaryCrossentropy BinaryCrossentropy(bool from_logits = false, double label_smoothing = 0.0, int axis = -1, string? name = null, string reduction = "sum_over_batch_size") =>
            new(from_logits, label_smoothing, axis, name, reduction);
        /// <summary>Keras's Huber.</summary>
        public static Losses.Huber Huber(double delta = 1.0, string? name = null, string reduction = "sum_over_batch_size") => new(delta, name, reduction);

        /// <summary>Per-sample mean squared error.</summary>
        public static Tensor mean_squared_error(Tensor y_true, Tensor y_pred) => new Losses.MeanSquaredError().call(y_true, y_pred);
        /// <summary>Per-sample mean absolute error.</summary>
        public static Tensor mean_absolute_error(Tensor y_true, Tensor y_pred) => new Losses.MeanAbsoluteError().call(y_true, y_pred);
        /// <summary>Per-sample categorical cross-entropy.</summary>
        public static Tensor categorical_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, double label_smoothing = 0.0) =>
            new Losses.CategoricalCrossentropy(from_logits, label_smoothing).call(y_true, y_pred);
        /// <summary>Per-sample sparse categorical cross-entropy.</summary>
        public static Tensor sparse_categorical_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false) =>
            new Losses.SparseCategoricalCrossentropy(from_logits).call(y_true, y_pred);
        /// <summary>Per-sample binary cross-entropy.</summary>
        public static Tensor binary_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, double label_smoothing = 0.0) =>
            new Losses.BinaryCrossentropy(from_logits, label_smoothing).call(y_true, y_pred);

        /// <summary>A loss by Keras name (exact, case-sensitive).</summary>
        public static Loss get(string identifier) => Loss.get(identifier);
    }
}
