using KerasSharp.Callbacks;
using KerasSharp.Models;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;
using KerasOptimizer = KerasSharp.Optimizers.Optimizer;
using ReferenceOptimizer = KerasSharp.Reference.Optimizer;

namespace KerasSharp.Tests.Optimizers;

/// <summary>
/// A fixed least-squares problem whose gradient is known in closed form: <c>Sequential([InputLayer(shape=[3]), Dense(2)])</c>
/// (linear, kernel K of shape (3, 2) and bias b) trained with Keras's "mse" on fixed X (8 × 3) and Y (8 × 2), full batch,
/// no shuffle, so one epoch is exactly one optimizer step on the full-data gradient.
/// </summary>
/// <remarks>
/// <para>With R = X·K + b − Y, Keras's mse is the mean over all 8·2 elements, L = ΣR²/(2N), so
/// ∂L/∂K = Xᵀ·R/N and ∂L/∂b = Σₙ Rₙ/N (N = 8). The parameters are flattened in Keras's weight order, kernel row-major
/// then bias (8 numbers); every rule under test acts coordinate by coordinate (clipping aside), so the flat vector
/// follows the same trajectory as the model's two variables.</para>
/// <para>All data are float32 numbers (X is a multiple of 1/8; Y, K₀ and b₀ are rounded to float32 once), and the
/// double-precision reference uses exactly those values, so the library and the reference solve the same problem and
/// differ only by the library's float32 arithmetic.</para>
/// <para><paramref name="scale"/> multiplies the weights and the targets (not X), so the residuals and the gradients
/// are of order <c>scale</c>: 1 gives gradients of order 1, 1e-6 gives gradients near 1e-6, computed without
/// cancellation (predictions and targets are themselves of order 1e-6 and float32 keeps 24 significant bits at any
/// magnitude).</para>
/// </remarks>
internal sealed class LinearProblem
{
    public const int N = 8, In = 3, Out = 2, Size = In * Out + Out;

    // Features: multiples of 1/8 in [-1.5, 1.5], exactly representable; XᵀX/N is well conditioned (eigenvalues of
    // the Hessian, with the bias column, between about 0.2 and 1.6), so plain gradient descent at lr ≤ 1 is stable.
    static readonly float[,] Features =
    {
        { 1.0f, -0.5f, 0.25f },
        { -0.75f, 1.25f, 0.5f },
        { 0.5f, 0.375f, -1.0f },
        { -1.25f, -0.25f, 0.75f },
        { 0.125f, 1.0f, 1.5f },
        { 1.5f, -1.0f, -0.5f },
        { -0.5f, 0.75f, -1.25f },
        { 0.875f, 0.5f, 1.0f },
    };

    // The targets come from a "true" linear map plus a fixed perturbation (so the minimum loss is not 0).
    static readonly double[,] TrueKernel = { { 0.8, -0.6 }, { -0.4, 0.9 }, { 0.3, 0.5 } };
    static readonly double[] TrueBias = { 0.2, -0.7 };
    static readonly double[,] Perturbation =
    {
        { 0.05, -0.02 }, { -0.03, 0.04 }, { 0.01, 0.06 }, { -0.05, -0.01 },
        { 0.02, -0.04 }, { 0.04, 0.03 }, { -0.02, 0.05 }, { 0.03, -0.06 },
    };

    // Starting point: far from the solution in every coordinate, none at 0.
    static readonly double[] Start = { -0.3, 0.4, 0.5, -0.2, -0.6, -0.1, 0.7, 0.1 };

    LinearProblem(double scale)
    {
        this.scale = scale;
        _x = new float[N, In];
        _y = new float[N, Out];
        for (int n = 0; n < N; n++)
        {
            for (int i = 0; i < In; i++) _x[n, i] = Features[n, i];
            for (int j = 0; j < Out; j++)
            {
                double t = TrueBias[j] + Perturbation[n, j];
                for (int i = 0; i < In; i++) t += Features[n, i] * TrueKernel[i, j];
                _y[n, j] = (float)(scale * t);
            }
        }
        initial = Start.Select(w => (double)(float)(scale * w)).ToArray();
    }

    /// <summary>Weights and targets of order 1.</summary>
    public static LinearProblem Unit { get; } = new(1.0);

    /// <summary>The same problem with weights and targets multiplied by <paramref name="scale"/>.</summary>
    public static LinearProblem Scaled(double scale) => new(scale);

    /// <summary>The magnitude of the weights and the targets.</summary>
    public double scale { get; }

    readonly float[,] _x, _y;

    /// <summary>w₀, flattened (kernel row-major, then bias), as float32 values.</summary>
    public readonly double[] initial;

    public Tensor X => tensor(_x);
    public Tensor Y => tensor(_y);

    /// <summary>The loss's exact gradient at <paramref name="w"/> (flattened), in double precision.</summary>
    public double[] Gradient(double[] w)
    {
        var g = new double[Size];
        for (int n = 0; n < N; n++)
        {
            for (int j = 0; j < Out; j++)
            {
                double r = w[In * Out + j] - _y[n, j];
                for (int i = 0; i < In; i++) r += _x[n, i] * w[i * Out + j];
                r /= N;
                for (int i = 0; i < In; i++) g[i * Out + j] += _x[n, i] * r;
                g[In * Out + j] += r;
            }
        }
        return g;
    }

    /// <summary>The reference trajectory: w₀ and the weights after each of <paramref name="steps"/> full-batch steps.</summary>
    public double[][] Reference(ReferenceOptimizer optimizer, int steps) =>
        KerasSharp.Reference.Trajectory.Run(optimizer, initial, Gradient, steps);

    /// <summary><c>Sequential([InputLayer(shape=[3]), Dense(2)])</c> holding w₀.</summary>
    public Sequential NewModel()
    {
        var model = Sequential(new global::KerasSharp.Layers.Layer[] { InputLayer(shape: new[] { In }), Dense(Out) });
        model.set_weights(ToTensors(initial));
        return model;
    }

    /// <summary>
    /// The library's trajectory: compiles a new model (at w₀) with <paramref name="optimizer"/> and "mse", fits
    /// <paramref name="steps"/> epochs of one full batch without shuffling, and records the weights after each epoch.
    /// </summary>
    public double[][] Fit(KerasOptimizer optimizer, int steps)
    {
        var model = NewModel();
        model.compile(optimizer: optimizer, loss: "mse");
        return Fit(model, steps);
    }

    /// <summary>Continues training <paramref name="model"/> (already compiled) for <paramref name="steps"/> full-batch epochs.</summary>
    public double[][] Fit(Model model, int steps)
    {
        var path = new List<double[]> { Flatten(model.get_weights()) };
        var record = new LambdaCallback(on_epoch_end: (_, _) => path.Add(Flatten(model.get_weights())));
        model.fit(X, Y, batch_size: N, epochs: steps, shuffle: false, verbose: 0, callbacks: new[] { record });
        Assert.Equal(steps + 1, path.Count);
        return path.ToArray();
    }

    /// <summary>Keras's weight list (kernel (3, 2), bias (2)) for a flat vector.</summary>
    public static List<Tensor> ToTensors(double[] w)
    {
        var kernel = new float[In, Out];
        for (int i = 0; i < In; i++)
            for (int j = 0; j < Out; j++) kernel[i, j] = (float)w[i * Out + j];
        var bias = new float[Out];
        for (int j = 0; j < Out; j++) bias[j] = (float)w[In * Out + j];
        return new List<Tensor> { tensor(kernel), tensor(bias) };
    }

    /// <summary>Concatenates weights (kernel row-major, then bias) into one double vector.</summary>
    public static double[] Flatten(IEnumerable<Tensor> weights) =>
        weights.SelectMany(t => t.to_type(ScalarType.Float64).flatten().data<double>().ToArray()).ToArray();
}
