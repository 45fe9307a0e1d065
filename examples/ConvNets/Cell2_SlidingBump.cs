using KerasSharp.Plotting;

namespace KerasSharp.Examples.ConvNets;

/// <summary>
/// Cell 2: translation equivariance. A sine bump slides under a fixed 12-tap filter; its activation map (the
/// correlation) slides with it. An HTML animation of the input and the activation, in two panels.
/// </summary>
public static class Cell2_SlidingBump
{
    // filt = np.array([-1] * 4 + [1] * 4 + [-1] * 4)
    /// <summary>The chapter's 12-tap filter: four -1, four 1, four -1.</summary>
    public static double[] bump_filter() => Enumerable.Repeat(-1.0, 4).Concat(Enumerable.Repeat(1.0, 4)).Concat(Enumerable.Repeat(-1.0, 4)).ToArray();

    /// <summary>Length of the signal.</summary>
    public const int length = 64;

    // x = np.zeros(64); x[shift:shift + 16] = np.sin(np.linspace(0, np.pi, 16))
    /// <summary>A half-period sine bump of 16 samples starting at <paramref name="shift"/>, zeros elsewhere.</summary>
    public static double[] bump(int shift)
    {
        var x = new double[length];
        for (int i = 0; i < 16; i++)
            if (shift + i < length) x[shift + i] = Math.Sin(Math.PI * i / 15);
        return x;
    }

    /// <summary>Runs the cell: writes <c>sliding_bump.html</c> and its last frame <c>sliding_bump.png</c>.</summary>
    public static void Run(string figuresDir)
    {
        Console.WriteLine("Cell 2: a bump sliding under a fixed filter (translation equivariance)");
        double[] filt = bump_filter();
        var shifts = Enumerable.Range(0, length - 16 + 1).Where(s => s % 2 == 0).ToArray();
        double peak = shifts.Max(s => Signal.correlate_same(bump(s), filt).Select(Math.Abs).Max());

        var fig = new Figure(10, 5) { TightLayout = false };
        var top = fig.Subplot(2, 1, 1);
        var bottom = fig.Subplot(2, 1, 2);
        var input = top.Plot(bump(0));
        var activation = bottom.Plot(Signal.correlate_same(bump(0), filt), "r");
        top.Title = "input";
        bottom.Title = "activation map (np.correlate, mode=\"same\")";
        top.YLim = (-0.1, 1.1);
        bottom.YLim = (-peak * 1.1, peak * 1.1);
        top.XLim = bottom.XLim = (0, length - 1);
        double[] t = Enumerable.Range(0, length).Select(i => (double)i).ToArray();

        void animate(int frame)
        {
            double[] x = bump(shifts[frame]);
            input.SetData(t, x);
            activation.SetData(t, Signal.correlate_same(x, filt));
        }
        var ani = new Animation(fig, animate, frames: shifts.Length, interval: 100);
        string html = ani.SaveHtml(Path.Combine(figuresDir, "sliding_bump.html"), "A bump sliding under a fixed filter");
        string png = ani.SaveFrame(shifts.Length / 2, Path.Combine(figuresDir, "sliding_bump.png"));
        // The activation's peak moves with the bump: same shape, shifted.
        int argmax0 = Array.IndexOf(Signal.correlate_same(bump(10), filt), Signal.correlate_same(bump(10), filt).Max());
        int argmax1 = Array.IndexOf(Signal.correlate_same(bump(30), filt), Signal.correlate_same(bump(30), filt).Max());
        Console.WriteLine($"  activation peak at t={argmax0} for a bump at 10, t={argmax1} for a bump at 30 (shift {argmax1 - argmax0})");
        Console.WriteLine($"  wrote {Path.GetFileName(html)} ({ani.Frames} frames) and {Path.GetFileName(png)}");
    }
}
