using KerasSharp.Metrics;

namespace KerasSharp;

public static partial class keras
{
    /// <summary>Metrics (Keras: <c>keras.metrics</c>).</summary>
    public static class metrics
    {
        /// <summary>Keras's Accuracy (exact equality).</summary>
        public static Metrics.Accuracy Accuracy(string? name = null) => new(name);
        /// <summary>Keras's BinaryAccuracy.</summary>
        public static Metrics.BinaryAccuracy BinaryAccuracy(string? name = null, double threshold = 0.5) => new(name, threshold);
        /// <summary>Keras's CategoricalAccuracy.</summary>
        public static Metrics.CategoricalAccuracy CategoricalAccuracy(string? name = null) => new(name);
        /// <summary>Keras's SparseCategoricalAccuracy.</summary>
        public static Metrics.SparseCategoricalAccuracy SparseCategoricalAccuracy(string? name = null) => new(name);
        /// <summary>Keras's TopKCategoricalAccuracy.</summary>
        public static Metrics.TopKCategoricalAccuracy TopKCategoricalAccuracy(int k = 5, string? name = null) => new(k, name);
        /// <summary>Keras's AUC (ROC).</summary>
        public static Metrics.AUC AUC(int num_thresholds = 200, string curve = "ROC", string summation_method = "interpolation", string? name = null) =>
            new(num_thresholds, curve, summation_method, name);
        /// <summary>Keras's Precision.</summary>
        public static Metrics.Precision Precision(double thresholds = 0.5, string? name = null) => new(thresholds, name);
        /// <summary>Keras's Recall.</summary>
        public static Metrics.Recall Recall(double thresholds = 0.5, string? name = null) => new(thresholds, name);
        /// <summary>Keras's MeanSquaredError metric.</summary>
        public static Metrics.MeanSquaredError MeanSquaredError(string? name = null) => new(name);
        /// <summary>Keras's MeanAbsoluteError metric.</summary>
        public static Metrics.MeanAbsoluteError MeanAbsoluteError(string? name = null) => new(name);
        /// <summary>Keras's Mean.</summary>
        public static Metrics.Mean Mean(string? name = null) => new(name);
        /// <summary>A metric by Keras name.</summary>
        public static Metric get(string identifier) => Metric.get(identifier);
    }
}
