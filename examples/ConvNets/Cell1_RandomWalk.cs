using KerasSharp.Plotting;

namespace KerasSharp.Examples.ConvNets;

/// <summary>Cell 1: a random walk smoothed by a normalized 5-tap Gaussian filter (a 1-D convolution).</summary>
public static class Cell1_RandomWalk
{
    // np.random.seed(0)
    // x = np.cumsum(np.random.randn(50) * .1)
    /// <summary>The chapter's random walk: 50 steps of N(0, 0.1²), cumulated.</summary>
    public static double[] random_walk(NumpyRandom random)
    {
        double[] steps = random.randn(50);
        var x = new double[steps.Length];
        double sum = 0;
        for (int i = 0; i < steps.Length; i++) x[i] = sum += steps[i] * .1;
        return x;
    }

    // filt = np.exp(-np.arange(-2, 3) ** 2 / 2.)
    // filt /= filt.sum()
    /// <summary>A 5-tap Gaussian, exp(-k²/2) for k = -2..2, normalized to sum 1.</summary>
    public static double[] gaussian_filter()
    {
        double[] f = Enumerable.Range(-2, 5).Select(k => Math.Exp(-k * k / 2.0)).ToArray();
        double total = f.Sum();
        return f.Select(v => v / total).ToArray();
    }

    /// <summary>Runs the cell: writes <c>random_walk.png</c>.</summary>
    public static void Run(string figuresDir)
    {
        Console.WriteLine("Cell 1: a random walk and its Gaussian smoothing (np.correlate, mode=\"same\")");
        var random = new NumpyRandom(0);                        // np.random.seed(0)
        double[] x = random_walk(random);
        double[] filt = gaussian_filter();
        double[] smoothed = Signal.correlate_same(x, filt);    // np.correlate(x, filt, mode="same")
        Console.WriteLine($"  x[:5] = [{string.Join(", ", x.Take(5).Select(v => v.ToString("F4")))}]");
        Console.WriteLine($"  filter = [{string.Join(", ", filt.Select(v => v.ToString("F4")))}]");
        Console.WriteLine($"  smoothed[:5] = [{string.Join(", ", smoothed.Take(5).Select(v => v.ToString("F4")))}]");

        // plt.plot(x, label="raw"); plt.plot(smoothed, label="smoothed"); plt.legend()
        var fig = new Figure(10, 4);
        var ax = fig.Subplot();
        ax.Plot(x, label: "random walk");
        ax.Plot(smoothed, label: "smoothed (Gaussian filter)");
        ax.Legend = true;
        ax.XLabel = "t";
        Console.WriteLine($"  wrote {Path.GetFileName(fig.SavePng(Path.Combine(figuresDir, "random_walk.png")))}");
    }
}
