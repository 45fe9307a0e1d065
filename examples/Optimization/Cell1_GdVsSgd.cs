using KerasSharp.Plotting;

namespace KerasSharp.Examples.Optimization;

/// <summary>
/// Cell 1: gradient descent vs stochastic gradient descent on the chapter's 2-D logistic regression, drawn over the cost's
/// contour lines; written as an animation (HTML page with the frames) plus a PNG of its last frame.
/// </summary>
public static class Cell1_GdVsSgd
{
    // lambd = .1
    // rho = 2e-1
    // alpha_init = np.array([1., -3.])
    // n_epochs = 10
    // minibatch_size = 4
    /// <summary>Regularization strength.</summary>
    public const double lambd = .1;
    /// <summary>Learning rate.</summary>
    public const double rho = 2e-1;
    /// <summary>Epochs for both optimizers.</summary>
    public const int n_epochs = 10;
    /// <summary>SGD minibatch size.</summary>
    public const int minibatch_size = 4;
    /// <summary>The starting point of both optimizers.</summary>
    public static double[] alpha_init => [1.0, -3.0];

    // np.random.seed(0)
    // X = np.random.rand(20, 2) * 3 - 1.5
    // y = (X[:, 0] > 0.).astype(int)
    // y[y == 0] = -1
    /// <summary>The chapter's 20 points, uniform in [-1.5, 1.5)², labelled by the sign of their first coordinate.</summary>
    public static (double[,] X, int[] y) make_data(NumpyRandom random)
    {
        double[,] X = random.rand(20, 2);
        for (int i = 0; i < X.GetLength(0); i++)
            for (int j = 0; j < X.GetLength(1); j++)
                X[i, j] = X[i, j] * 3 - 1.5;
        int[] y = Enumerable.Range(0, X.GetLength(0)).Select(i => X[i, 0] > 0.0 ? 1 : 0).ToArray();
        for (int i = 0; i < y.Length; i++)
            if (y[i] == 0) y[i] = -1;
        return (X, y);
    }

    // def stretch_to_range(lim, sz_range):
    //     middle = (lim[0] + lim[1]) / 2
    //     return [middle - sz_range / 2, middle + sz_range / 2]
    /// <summary>Widens the interval lim to length sz_range around its middle.</summary>
    public static (double, double) stretch_to_range((double, double) lim, double sz_range)
    {
        double middle = (lim.Item1 + lim.Item2) / 2;
        return (middle - sz_range / 2, middle + sz_range / 2);
    }

    // def get_lims(*alphas_list):
    //     xlims = [min(alphas[:, 0].min() ...) - 1, max(alphas[:, 0].max() ...) + 1]
    //     ylims = [min(alphas[:, 1].min() ...) - 1, max(alphas[:, 1].max() ...) + 1]
    //     if xlims[1] - xlims[0] > ylims[1] - ylims[0]:
    //         ylims = stretch_to_range(ylims, xlims[1] - xlims[0])
    //     else:
    //         xlims = stretch_to_range(xlims, ylims[1] - ylims[0])
    //     return xlims, ylims
    /// <summary>A square view around all the points, with a margin of 1.</summary>
    public static ((double, double) xlims, (double, double) ylims) get_lims(params double[][,] alphas_list)
    {
        (double, double) xlims = (alphas_list.Min(a => Np.column(a, 0).Min()) - 1, alphas_list.Max(a => Np.column(a, 0).Max()) + 1);
        (double, double) ylims = (alphas_list.Min(a => Np.column(a, 1).Min()) - 1, alphas_list.Max(a => Np.column(a, 1).Max()) + 1);
        if (xlims.Item2 - xlims.Item1 > ylims.Item2 - ylims.Item1)
            ylims = stretch_to_range(ylims, xlims.Item2 - xlims.Item1);
        else
            xlims = stretch_to_range(xlims, ylims.Item2 - ylims.Item1);
        return (xlims, ylims);
    }

    /// <summary>
    /// The chapter's <c>gen_anim</c>: the cost's contour lines on a 40×40 grid, the start (black open circle), the optimum
    /// (red +) and, frame by frame, the first i iterates of GD (left) and SGD (right) with the epoch number.
    /// </summary>
    public static Animation gen_anim(double[,] X, int[] y, double[,] alphas_gd, double[,] alphas_sgd, double[] alpha_star,
                                     double lambd, (double, double) xlims, (double, double) ylims, int n_steps_per_epoch)
    {
        // n = 40
        // xv, yv = np.meshgrid(np.linspace(xlims[0], xlims[1], n), np.linspace(ylims[0], ylims[1], n))
        // pv[i] = cost(X, y, xvisu[i], lambd);  P = pv.reshape((n, n))
        const int n = 40;
        double[] xs = Np.linspace(xlims.Item1, xlims.Item2, n), ys = Np.linspace(ylims.Item1, ylims.Item2, n);
        var P = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                P[i, j] = LogisticRegression.cost(X, y, [xs[j], ys[i]], lambd);

        // fig = plt.figure(figsize=(13, 6))
        // axes = [plt.subplot(1, 2, i + 1) for i in range(2)]
        // Animation frames use matplotlib's default subplot positions (no tight box).
        var fig = new Figure(13, 6) { TightLayout = false };
        Panel[] axes = [fig.Subplot(1, 2, 1), fig.Subplot(1, 2, 2)];

        var lines_alphas = new List<Line>();
        var texts = new List<TextLabel>();
        double[][,] paths = [alphas_gd, alphas_sgd];
        string[] titles = ["Gradient Descent", "Stochastic Gradient Descent"];
        for (int k = 0; k < 2; k++)
        {
            Panel ax = axes[k];
            double[,] alphas = paths[k];
            ax.Contour(xs, ys, P, alpha: 0.5);                                             // ax.contour(xv, yv, P, alpha=0.5)
            ax.Plot([alphas[0, 0]], [alphas[0, 1]], "ko", markerFilled: false);             // 'ko', fillstyle='none'
            lines_alphas.Add(ax.Plot(Np.column(alphas, 0, 1), Np.column(alphas, 1, 1), marker: "x"));
            ax.Plot([alpha_star[0]], [alpha_star[1]], "+r");
            ax.XLabel = "w₀";                                                              // "$w_0$"
            ax.YLabel = "w₁";
            ax.XLim = xlims;
            ax.YLim = ylims;
            ax.Title = titles[k];
            texts.Add(ax.Text(0.7 * xlims.Item2, 0.8 * ylims.Item2, "Epoch 0"));
        }

        // def animate(i):
        //     for line_alphas, text_epoch, alphas in zip(lines_alphas, texts, [alphas_gd, alphas_sgd]):
        //         line_alphas.set_xdata(alphas[:i, 0])
        //         line_alphas.set_ydata(alphas[:i, 1])
        //         text_epoch.set_text(f"Epoch {i // n_steps_per_epoch}")
        void animate(int i)
        {
            for (int k = 0; k < 2; k++)
            {
                lines_alphas[k].SetData(Np.column(paths[k], 0, i), Np.column(paths[k], 1, i));
                texts[k].Text = $"Epoch {i / n_steps_per_epoch}";
            }
        }

        // ani = animation.FuncAnimation(fig, animate, interval=500, blit=False, save_count=len(alphas_gd))
        return new Animation(fig, animate, frames: alphas_gd.GetLength(0), interval: 500);
    }

    /// <summary>Runs the cell: optimizes, prints the results, writes <c>gd_vs_sgd.html</c> and <c>gd_vs_sgd.png</c>.</summary>
    public static void Run(string figuresDir)
    {
        Console.WriteLine("Cell 1: GD vs SGD on a 2-D logistic regression");
        var random = Np.random;
        random.seed(0);                                                               // np.random.seed(0)
        (double[,] X, int[] y) = make_data(random);

        (double[] alpha_star, int evaluations) = LogisticRegression.minimize(X, y, alpha_init, lambd);
        double[,] alphas_gd = LogisticRegression.optim_gd(X, y, alpha_init, n_epochs, lambd, rho);
        double[,] alphas_sgd = LogisticRegression.optim_sgd(X, y, alpha_init, n_epochs, lambd, rho, minibatch_size, random);

        Console.WriteLine($"  alpha_star = {Fmt(alpha_star)} (L-BFGS, {evaluations} evaluations), cost = {LogisticRegression.cost(X, y, alpha_star, lambd):F6}");
        Console.WriteLine($"  GD  after {n_epochs} epochs ({alphas_gd.GetLength(0) - 1} steps):  {Fmt(Np.row(alphas_gd, alphas_gd.GetLength(0) - 1))}, cost = {LogisticRegression.cost(X, y, Np.row(alphas_gd, alphas_gd.GetLength(0) - 1), lambd):F6}");
        Console.WriteLine($"  SGD after {n_epochs} epochs ({alphas_sgd.GetLength(0) - 1} steps): {Fmt(Np.row(alphas_sgd, alphas_sgd.GetLength(0) - 1))}, cost = {LogisticRegression.cost(X, y, Np.row(alphas_sgd, alphas_sgd.GetLength(0) - 1), lambd):F6}");

        // xlims, ylims = get_lims(alphas_gd, alphas_sgd, np.array([alpha_star]))
        var (xlims, ylims) = get_lims(alphas_gd, alphas_sgd, Np.stack([alpha_star]));
        // viz = gen_anim(X, y, np.repeat(alphas_gd, 20 // minibatch_size, axis=0), alphas_sgd, alpha_star, lambd,
        //                xlims, ylims, n_steps_per_epoch=20 // minibatch_size, gen_video=is_html_output)
        Animation ani = gen_anim(X, y, Np.repeat(alphas_gd, 20 / minibatch_size), alphas_sgd, alpha_star, lambd,
                                 xlims, ylims, n_steps_per_epoch: 20 / minibatch_size);

        // HTML(ani.to_jshtml())
        string html = ani.SaveHtml(Path.Combine(figuresDir, "gd_vs_sgd.html"), "Gradient Descent vs Stochastic Gradient Descent");
        string png = ani.SaveFrame(ani.Frames - 1, Path.Combine(figuresDir, "gd_vs_sgd.png"));
        Console.WriteLine($"  wrote {Path.GetFileName(html)} ({ani.Frames} frames, {ani.Interval} ms, {new FileInfo(html).Length / 1024} KiB) and {Path.GetFileName(png)} (last frame)");
    }

    private static string Fmt(double[] v) => "[" + string.Join(", ", v.Select(x => x.ToString("F6", System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
