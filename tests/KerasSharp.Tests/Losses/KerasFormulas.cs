using System;
using System.Linq;

namespace KerasSharp.Tests.Losses;

/// <summary>
/// Keras 3's loss formulas written out again in double with plain loops, one sample (row) at a time. They are read
/// from keras/src/losses/losses.py, keras/src/losses/loss.py and the torch backend keras/src/backend/torch/nn.py, and
/// share no code with the library: they are the independent truth the loss tests compare against.
/// </summary>
internal static class KerasFormulas
{
    /// <summary>backend.epsilon() = 1e-7 as a float32 tensor holds it (1.0000000116860974e-07).</summary>
    public static readonly double Eps = (float)1e-7;

    /// <summary>1 - epsilon as a float32 clip bound: 0.99999988079071045, since float32 cannot hold 0.9999999.</summary>
    public static readonly double OneMinusEps = (float)(1.0 - 1e-7);

    static double Clip(double x, double lo, double hi) => Math.Min(Math.Max(x, lo), hi);

    static double Mean(int n, Func<int, double> f)
    {
        double s = 0;
        for (int i = 0; i < n; i++) s += f(i);
        return s / n;
    }

    static double Sum(int n, Func<int, double> f)
    {
        double s = 0;
        for (int i = 0; i < n; i++) s += f(i);
        return s;
    }

    /// <summary>Applies a per-row formula to each row.</summary>
    public static double[] PerRow(double[][] t, double[][] p, Func<double[], double[], double> f) =>
        t.Select((row, i) => f(row, p[i])).ToArray();

    /// <summary>mean((t - p)², axis=-1).</summary>
    public static double Mse(double[] t, double[] p) => Mean(t.Length, i => (t[i] - p[i]) * (t[i] - p[i]));

    /// <summary>mean(|t - p|, axis=-1).</summary>
    public static double Mae(double[] t, double[] p) => Mean(t.Length, i => Math.Abs(t[i] - p[i]));

    /// <summary>100 · mean(|(t - p) / max(|t|, eps)|, axis=-1).</summary>
    public static double Mape(double[] t, double[] p) => 100.0 * Mean(t.Length, i => Math.Abs((t[i] - p[i]) / Math.Max(Math.Abs(t[i]), Eps)));

    /// <summary>mean((log(max(p, eps) + 1) - log(max(t, eps) + 1))², axis=-1).</summary>
    public static double Msle(double[] t, double[] p) => Mean(t.Length, i =>
    {
        double d = Math.Log(Math.Max(p[i], Eps) + 1.0) - Math.Log(Math.Max(t[i], Eps) + 1.0);
        return d * d;
    });

    /// <summary>mean(log(cosh(p - t)), axis=-1) (Keras evaluates it as x + softplus(-2x) - log 2; here directly).</summary>
    public static double LogCosh(double[] t, double[] p) => Mean(t.Length, i => Math.Log(Math.Cosh(p[i] - t[i])));

    /// <summary>sum(tc · log(tc / pc), axis=-1) with tc, pc = clip(·, eps, 1).</summary>
    public static double KLDivergence(double[] t, double[] p) => Sum(t.Length, i =>
    {
        double tc = Clip(t[i], Eps, 1.0), pc = Clip(p[i], Eps, 1.0);
        return tc * Math.Log(tc / pc);
    });

    /// <summary>mean(p - t · log(p + eps), axis=-1).</summary>
    public static double Poisson(double[] t, double[] p) => Mean(t.Length, i => p[i] - t[i] * Math.Log(p[i] + Eps));

    /// <summary>mean(0.5x² if |x| ≤ δ else δ|x| - 0.5δ², axis=-1), x = p - t.</summary>
    public static double Huber(double[] t, double[] p, double delta) => Mean(t.Length, i =>
    {
        double x = p[i] - t[i];
        return Math.Abs(x) <= delta ? 0.5 * x * x : delta * Math.Abs(x) - 0.5 * delta * delta;
    });

    /// <summary>-sum(t/max(‖t‖, eps) · p/max(‖p‖, eps), axis=-1).</summary>
    public static double CosineSimilarity(double[] t, double[] p)
    {
        double nt = Math.Max(Math.Sqrt(Sum(t.Length, i => t[i] * t[i])), 1e-7);
        double np = Math.Max(Math.Sqrt(Sum(p.Length, i => p[i] * p[i])), 1e-7);
        return -Sum(t.Length, i => t[i] / nt * (p[i] / np));
    }

    /// <summary>convert_binary_labels_to_hinge: if every label in the batch is 0 or 1, 2y - 1; else unchanged.</summary>
    public static double[][] HingeLabels(double[][] t)
    {
        bool binary = t.All(r => r.All(v => v == 0.0 || v == 1.0));
        return binary ? t.Select(r => r.Select(v => 2 * v - 1).ToArray()).ToArray() : t;
    }

    /// <summary>mean(max(1 - t·p, 0), axis=-1), labels already converted.</summary>
    public static double Hinge(double[] t, double[] p) => Mean(t.Length, i => Math.Max(1.0 - t[i] * p[i], 0.0));

    /// <summary>mean(max(1 - t·p, 0)², axis=-1), labels already converted.</summary>
    public static double SquaredHinge(double[] t, double[] p) => Mean(t.Length, i => Math.Pow(Math.Max(1.0 - t[i] * p[i], 0.0), 2));

    /// <summary>max(max((1 - t)·p) - sum(t·p) + 1, 0).</summary>
    public static double CategoricalHinge(double[] t, double[] p)
    {
        double pos = Sum(t.Length, i => t[i] * p[i]);
        double neg = double.NegativeInfinity;
        for (int i = 0; i < t.Length; i++) neg = Math.Max(neg, (1.0 - t[i]) * p[i]);
        return Math.Max(neg - pos + 1.0, 0.0);
    }

    /// <summary>
    /// binary_crossentropy: y = t(1 - s) + s/2; p clipped to [eps, 1 - eps]; mean(-(y log p + (1 - y) log(1 - p)), axis=-1).
    /// </summary>
    public static double BinaryCrossentropy(double[] t, double[] p, double smoothing = 0.0) => Mean(t.Length, i =>
    {
        double y = t[i] * (1.0 - smoothing) + 0.5 * smoothing;
        double q = Clip(p[i], Eps, OneMinusEps);
        return -(y * Math.Log(q) + (1.0 - y) * Math.Log(1.0 - q));
    });

    /// <summary>binary_crossentropy from logits: mean(max(z, 0) - z·y + log(1 + exp(-|z|)), axis=-1).</summary>
    public static double BinaryCrossentropyFromLogits(double[] t, double[] z, double smoothing = 0.0) => Mean(t.Length, i =>
    {
        double y = t[i] * (1.0 - smoothing) + 0.5 * smoothing;
        return Math.Max(z[i], 0.0) - z[i] * y + Math.Log(1.0 + Math.Exp(-Math.Abs(z[i])));
    });

    /// <summary>
    /// categorical_crossentropy: y = t(1 - s) + s/K; q = clip(p / sum(p), eps, 1 - eps); -sum(y log q, axis=-1).
    /// </summary>
    public static double CategoricalCrossentropy(double[] t, double[] p, double smoothing = 0.0)
    {
        int k = t.Length;
        double total = Sum(k, i => p[i]);
        return -Sum(k, i => (t[i] * (1.0 - smoothing) + smoothing / k) * Math.Log(Clip(p[i] / total, Eps, OneMinusEps)));
    }

    static double LogSoftmax(double[] z, int i)
    {
        double m = z.Max();
        return z[i] - (m + Math.Log(z.Sum(v => Math.Exp(v - m))));
    }

    /// <summary>categorical_crossentropy from logits: -sum(y · log_softmax(z), axis=-1).</summary>
    public static double CategoricalCrossentropyFromLogits(double[] t, double[] z, double smoothing = 0.0)
    {
        int k = t.Length;
        return -Sum(k, i => (t[i] * (1.0 - smoothing) + smoothing / k) * LogSoftmax(z, i));
    }

    /// <summary>sparse_categorical_crossentropy: -log(clip(p[label] / sum(p), eps, 1 - eps)).</summary>
    public static double SparseCategoricalCrossentropy(long label, double[] p) =>
        -Math.Log(Clip(p[label] / p.Sum(), Eps, OneMinusEps));

    /// <summary>sparse_categorical_crossentropy from logits: -log_softmax(z)[label].</summary>
    public static double SparseCategoricalCrossentropyFromLogits(long label, double[] z) => -LogSoftmax(z, (int)label);

    /// <summary>
    /// Loss.__call__'s reduce_weighted_values: values·w, then "sum" → sum, "sum_over_batch_size"/"mean" → sum / number
    /// of values (not the weight sum), "mean_with_sample_weight" → sum / sum(w) (sum / count without weights).
    /// </summary>
    public static double Reduce(double[] values, double[]? weights, string reduction)
    {
        var v = weights is null ? values : values.Select((x, i) => x * weights[i]).ToArray();
        double s = v.Sum();
        return reduction switch
        {
            "sum" => s,
            "sum_over_batch_size" or "mean" => s / v.Length,
            "mean_with_sample_weight" => weights is null ? s / v.Length : s / weights.Sum(),
            _ => throw new ArgumentException(reduction),
        };
    }
}
