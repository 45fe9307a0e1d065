using KerasSharp.Examples.Optimization;
using KerasSharp.Plotting;
using Xunit;

namespace KerasSharp.Tests.Optimization;

/// <summary>
/// KerasSharp.Plotting's matplotlib look-alikes (contour levels, axis ticks and labels, checked against matplotlib 3.6),
/// and the files it writes.
/// </summary>
public class PlottingTests
{
    [Theory]
    // z range -> plt.contour(x, y, z).levels
    [InlineData(4.358888076158241, 32.68020796939323, new[] { 4.0, 8, 12, 16, 20, 24, 28, 32, 36 })]
    [InlineData(0.3, 0.9, new[] { 0.24, 0.32, 0.4, 0.48, 0.56, 0.64, 0.72, 0.8, 0.88, 0.96 })]
    [InlineData(-1.0, 1.0, new[] { -1.0, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0 })]
    [InlineData(0.0, 1e-3, new[] { 0.0, 0.00015, 0.0003, 0.00045, 0.0006, 0.00075, 0.0009, 0.00105 })]
    [InlineData(1000.0, 1000.5, new[] { 1000.0, 1000.08, 1000.16, 1000.24, 1000.32, 1000.4, 1000.48, 1000.56 })]
    [InlineData(-7.3, 123.4, new[] { -20.0, 0, 20, 40, 60, 80, 100, 120, 140 })]
    public void Contour_levels_are_matplotlibs(double zmin, double zmax, double[] expected)
    {
        double[] levels = MaxNLocator.ContourLevels(zmin, zmax, 7);
        Assert.Equal(expected.Length, levels.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], levels[i], 1e-9 * Math.Max(1, Math.Abs(expected[i])));
    }

    [Theory]
    // A 6.4 x 4.8 in figure at 100 dpi has a 496 x 369.6 px axes: ticks and labels matplotlib shows for these limits.
    [InlineData(-5.5, 5.5, true, new[] { -4.0, -2, 0, 2, 4 }, new[] { "−4", "−2", "0", "2", "4" })]
    [InlineData(-5.5, 5.5, false, new[] { -4.0, -2, 0, 2, 4 }, new[] { "−4", "−2", "0", "2", "4" })]
    [InlineData(0.3395, 0.34131, false, new[] { 0.3395, 0.33975, 0.34, 0.34025, 0.3405, 0.34075, 0.341, 0.34125 },
                new[] { "0.33950", "0.33975", "0.34000", "0.34025", "0.34050", "0.34075", "0.34100", "0.34125" })]
    [InlineData(-0.1, 1.1, false, new[] { 0.0, 0.2, 0.4, 0.6, 0.8, 1.0 }, new[] { "0.0", "0.2", "0.4", "0.6", "0.8", "1.0" })]
    [InlineData(0.0, 5.969555084356758, true, new[] { 0.0, 1, 2, 3, 4, 5 }, new[] { "0", "1", "2", "3", "4", "5" })]
    [InlineData(-4.623531503585546, 1.3460235807712113, false, new[] { -4.0, -3, -2, -1, 0, 1 }, new[] { "−4", "−3", "−2", "−1", "0", "1" })]
    public void Axis_ticks_and_labels_are_matplotlibs(double lo, double hi, bool horizontal, double[] ticks, string[] labels)
    {
        double lengthPoints = (horizontal ? 496.0 : 369.6) * 72 / 100;
        double[] actual = MaxNLocator.AxisTicks(lo, hi, lengthPoints, 10, horizontal);
        Assert.Equal(ticks.Length, actual.Length);
        for (int i = 0; i < ticks.Length; i++) Assert.Equal(ticks[i], actual[i], 1e-12);
        Assert.Equal(labels, MaxNLocator.FormatTicks(actual, lo, hi));
    }

    [Fact]
    public void Format_strings_are_parsed_like_matplotlib()
    {
        Assert.Equal(new LineFormat("#000000", 'o', null), LineFormat.Parse("ko"));
        Assert.Equal(new LineFormat("#ff0000", '+', null), LineFormat.Parse("+r"));
        Assert.Equal(new LineFormat("#ff7f0e", 'x', "--"), LineFormat.Parse("C1x--"));
        Assert.False(LineFormat.Parse("ko").HasLine);
        Assert.True(LineFormat.Parse("").HasLine);
        Assert.True(LineFormat.Parse("o-").HasLine);
        Assert.Throws<ArgumentException>(() => LineFormat.Parse("kq"));
    }

    [Fact]
    public void Figure_writes_a_png_of_figsize_times_dpi()
    {
        var fig = new Figure(12, 4);
        for (int k = 1; k <= 3; k++)
        {
            Panel ax = fig.Subplot(1, 3, k);
            ax.Plot([0.0, 1, 2], [0.0, 1, 4], label: "y");
            ax.Title = $"panel {k}";
            ax.Legend = true;
        }
        byte[] png = fig.ToPng();
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        // IHDR: width and height, big-endian, at bytes 16..23.
        Assert.Equal(1200, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
        Assert.Equal(400, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
    }

    [Fact]
    public void Animation_embeds_every_frame_with_the_interval()
    {
        var fig = new Figure(3, 2);
        Panel ax = fig.Subplot();
        Line line = ax.Plot([0.0], [0.0], marker: "x");
        TextLabel text = ax.Text(0.1, 0.1, "Epoch 0");
        var seen = new List<int>();
        var ani = new Animation(fig, i =>
        {
            seen.Add(i);
            line.SetData(Enumerable.Range(0, i + 1).Select(v => (double)v).ToArray(), Enumerable.Range(0, i + 1).Select(v => (double)v * v).ToArray());
            text.Text = $"Epoch {i}";
        }, frames: 4, interval: 500);
        string html = ani.ToJsHtml("test");
        Assert.Equal([0, 1, 2, 3], seen);
        Assert.Equal(4, html.Split("data:image/png;base64,").Length - 1);
        Assert.Contains("interval = 500", html);
        Assert.Contains("max=\"3\"", html);
        Assert.Equal("Epoch 3", text.Text);
    }

    [Fact]
    public void Gd_vs_sgd_panels_use_the_chapters_contour_levels()
    {
        // The contour of cost over the chapter's 40 x 40 grid: matplotlib drew levels 4, 8, ..., 36.
        (double[,] X, int[] y) = LogisticRegressionTests.Data();
        double[] xs = Np.linspace(0.0, 5.969555084356758, 40), ys = Np.linspace(-4.623531503585546, 1.3460235807712113, 40);
        var P = new double[40, 40];
        for (int i = 0; i < 40; i++)
            for (int j = 0; j < 40; j++)
                P[i, j] = LogisticRegression.cost(X, y, [xs[j], ys[i]], 0.1);
        Assert.Equal(32.68020796939323, P[0, 0], 1e-12);
        Assert.Equal(21.484364037261102, P[5, 7], 1e-12);
        Assert.Equal(5.763438348050623, P[39, 39], 1e-12);
        double[] levels = new Figure().Subplot().Contour(xs, ys, P, alpha: 0.5);
        Assert.Equal([4.0, 8, 12, 16, 20, 24, 28, 32, 36], levels);
    }
}
