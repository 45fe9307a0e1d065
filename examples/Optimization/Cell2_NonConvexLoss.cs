using KerasSharp.Plotting;

namespace KerasSharp.Examples.Optimization;

/// <summary>
/// Cell 2: the MSE loss of a 6-20-1 sigmoid MLP is not convex in its weights: the loss as one first-layer weight
/// (<c>weights[0][3, 9]</c>) sweeps [-5, 5], the other parameters fixed.
/// </summary>
public static class Cell2_NonConvexLoss
{
    // def sigmoid(x):
    //     return 1. / (1. + np.exp(-x))
    /// <summary>The logistic function, element-wise.</summary>
    public static double sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    // def model_forward_loss(weights, biases, X, y):
    //     outputs = X
    //     for w, b in zip(weights, biases):
    //         outputs = sigmoid(outputs @ w + b)
    //     loss = np.mean((outputs - y) ** 2)
    //     loss += .0001 * np.sum([(w ** 2).sum() for w in weights])
    //     return loss
    /// <summary>
    /// Forward pass of the sigmoid MLP and its loss: mean squared error plus 1e-4 · sum of squared weights.
    /// </summary>
    /// <remarks>
    /// As in the chapter, <c>outputs</c> has shape (n, 1) and <c>y</c> shape (n,), so NumPy broadcasts <c>outputs - y</c> to
    /// (n, n): the mean runs over every (output i, target j) pair. The port keeps that to give the chapter's numbers.
    /// </remarks>
    public static double model_forward_loss(double[][,] weights, double[][,] biases, double[,] X, int[] y)
    {
        double[,] outputs = X;
        for (int l = 0; l < weights.Length; l++)
            outputs = Apply(Add(MatMul(outputs, weights[l]), biases[l]), sigmoid);   // sigmoid(outputs @ w + b)

        // (outputs - y) broadcasts (n, m) against (len(y),): m must be 1 or len(y).
        int n = outputs.GetLength(0), m = outputs.GetLength(1);
        if (m != 1 && m != y.Length) throw new ArgumentException("outputs and y do not broadcast.");
        double sum = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < y.Length; j++)
            {
                double diff = outputs[i, m == 1 ? 0 : j] - y[j];
                sum += diff * diff;
            }
        double loss = sum / ((double)n * y.Length);
        loss += .0001 * weights.Sum(w => w.Cast<double>().Sum(v => v * v));
        return loss;
    }

    /// <summary>The cell's computation: the sweep <c>w0</c> and the losses along it.</summary>
    public static (double[] w0, double[] losses) compute()
    {
        // np.random.seed(0)
        // w0 = np.linspace(-5, 5, 100)
        // X = np.random.randn(150, 6)
        // y = np.array([0] * 75 + [1] * 75)
        // weights = [np.random.randn(6, 20), np.random.randn(20, 1)]
        // biases = [np.random.randn(1, 20), np.random.randn(1, 1)]
        var random = Np.random;
        random.seed(0);
        double[] w0 = Np.linspace(-5, 5, 100);
        double[,] X = random.randn(150, 6);
        int[] y = [.. Enumerable.Repeat(0, 75), .. Enumerable.Repeat(1, 75)];
        double[][,] weights = [random.randn(6, 20), random.randn(20, 1)];
        double[][,] biases = [random.randn(1, 20), random.randn(1, 1)];

        // losses = []
        // for wi in w0:
        //     weights[0][3, 9] = wi
        //     losses.append(model_forward_loss(weights, biases, X, y))
        var losses = new List<double>();
        foreach (double wi in w0)
        {
            weights[0][3, 9] = wi;
            losses.Add(model_forward_loss(weights, biases, X, y));
        }
        return (w0, losses.ToArray());
    }

    /// <summary>Runs the cell: prints the local minima and writes <c>nonconvex_loss.png</c>.</summary>
    public static void Run(string figuresDir)
    {
        Console.WriteLine("Cell 2: loss of a 6-20-1 sigmoid MLP as one weight sweeps [-5, 5]");
        (double[] w0, double[] losses) = compute();

        var minima = Enumerable.Range(1, losses.Length - 2)
            .Where(i => losses[i] < losses[i - 1] && losses[i] < losses[i + 1])
            .Select(i => $"w = {w0[i]:F2} (L = {losses[i]:F5})");
        Console.WriteLine($"  local minima: {string.Join(", ", minima)}");

        // plt.plot(w0, losses)
        // plt.grid('on')
        // plt.xlabel('$w$')
        // plt.ylabel('$\mathcal{L}$');
        var fig = new Figure();
        Panel ax = fig.Subplot();
        ax.Plot(w0, losses);
        ax.Grid = true;
        ax.XLabel = "w";
        ax.YLabel = "ℒ";
        string png = fig.SavePng(Path.Combine(figuresDir, "nonconvex_loss.png"));
        Console.WriteLine($"  wrote {Path.GetFileName(png)}");
    }

    private static double[,] MatMul(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), k = a.GetLength(1), m = b.GetLength(1);
        var r = new double[n, m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                double s = 0;
                for (int t = 0; t < k; t++) s += a[i, t] * b[t, j];
                r[i, j] = s;
            }
        return r;
    }

    // a (n, m) + b (1, m), broadcast over the rows.
    private static double[,] Add(double[,] a, double[,] b)
    {
        var r = new double[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                r[i, j] = a[i, j] + b[0, j];
        return r;
    }

    private static double[,] Apply(double[,] a, Func<double, double> f)
    {
        var r = new double[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                r[i, j] = f(a[i, j]);
        return r;
    }
}
