using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;
using ScottPlot.Triangulation;

namespace KerasSharp.Plotting;

/// <summary>
/// One panel of a <see cref="Figure"/> (matplotlib's <c>Axes</c>, as returned by <c>plt.subplot(nrows, ncols, index)</c>):
/// line plots, contour lines and texts, with a title, axis labels, limits, grid and legend.
/// </summary>
public sealed class Panel
{
    private readonly List<object> _items = [];
    private int _nextColor;

    internal Panel(int rows, int columns, int index)
    {
        Rows = rows;
        Columns = columns;
        Index = index;
    }

    /// <summary>Number of rows of the grid the panel sits in.</summary>
    public int Rows { get; }

    /// <summary>Number of columns of the grid the panel sits in.</summary>
    public int Columns { get; }

    /// <summary>Position in the grid, 1-based, row by row (as in <c>plt.subplot</c>).</summary>
    public int Index { get; }

    /// <summary>The title above the panel (<c>ax.set_title</c>), or null.</summary>
    public string? Title { get; set; }

    /// <summary>The label of the horizontal axis (<c>ax.set_xlabel</c>), or null.</summary>
    public string? XLabel { get; set; }

    /// <summary>The label of the vertical axis (<c>ax.set_ylabel</c>), or null.</summary>
    public string? YLabel { get; set; }

    /// <summary>Fixed horizontal limits (<c>ax.set_xlim</c>); null fits the data with matplotlib's 5 % margins.</summary>
    public (double Min, double Max)? XLim { get; set; }

    /// <summary>Fixed vertical limits (<c>ax.set_ylim</c>); null fits the data with matplotlib's 5 % margins.</summary>
    public (double Min, double Max)? YLim { get; set; }

    /// <summary>Draws grid lines at the major ticks (<c>ax.grid(True)</c>).</summary>
    public bool Grid { get; set; }

    /// <summary>Shows a legend of the labelled lines at the place where it hides the fewest points (<c>ax.legend()</c>).</summary>
    public bool Legend { get; set; }

    /// <summary>The lines plotted so far, in drawing order.</summary>
    public IReadOnlyList<Line> Lines => _items.OfType<Line>().ToArray();

    /// <summary>
    /// Plots y against x (<c>ax.plot(x, y, fmt, label=..., marker=..., color=...)</c>).
    /// </summary>
    /// <param name="x">The x values.</param>
    /// <param name="y">The y values, as many as <paramref name="x"/>.</param>
    /// <param name="format">A matplotlib format string: color letter or <c>C0</c>..<c>C9</c>, marker (<c>o x + . s ^ v d *</c>) and
    /// line style (<c>- -- : -.</c>), e.g. <c>"ko"</c> (black circles, no line) or <c>"+r"</c>. Empty: a solid line.</param>
    /// <param name="label">Legend text, or null.</param>
    /// <param name="marker">A marker drawn on every point of the line (<c>marker="x"</c>), kept with the line.</param>
    /// <param name="markerFilled">False draws open markers (<c>fillstyle='none'</c>).</param>
    /// <param name="color">A color (<c>"k"</c>, <c>"C1"</c>, <c>"#1f77b4"</c>); by default the format's, else the next of the color cycle.</param>
    /// <returns>The line, whose data can be replaced later.</returns>
    public Line Plot(IReadOnlyList<double> x, IReadOnlyList<double> y, string format = "", string? label = null,
                     string? marker = null, bool markerFilled = true, string? color = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"x and y must have the same length, got {x.Count} and {y.Count}.", nameof(y));
        LineFormat fmt = LineFormat.Parse(format ?? "");
        if (marker is not null)
        {
            LineFormat m = LineFormat.Parse(marker);
            if (m.Marker is null) throw new ArgumentException($"'{marker}' is not a marker.", nameof(marker));
            fmt = fmt with { Marker = m.Marker, LineStyle = fmt.LineStyle ?? "-" };
        }
        string resolved = color is not null ? LineFormat.ResolveColor(color)
            : fmt.Color ?? LineFormat.Cycle[_nextColor++ % LineFormat.Cycle.Length];
        var line = new Line(x.ToArray(), y.ToArray(), fmt, resolved, label, markerFilled);
        _items.Add(line);
        return line;
    }

    /// <summary>Plots y against 0, 1, 2, ... (<c>ax.plot(y)</c>).</summary>
    /// <param name="y">The y values.</param>
    /// <param name="format">A matplotlib format string, see <see cref="Plot(IReadOnlyList{double}, IReadOnlyList{double}, string, string?, string?, bool, string?)"/>.</param>
    /// <param name="label">Legend text, or null.</param>
    /// <returns>The line.</returns>
    public Line Plot(IReadOnlyList<double> y, string format = "", string? label = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Plot(Enumerable.Range(0, y.Count).Select(i => (double)i).ToArray(), y, format, label);
    }

    /// <summary>
    /// Draws contour lines of z over the grid x × y (<c>ax.contour(x, y, z, levels, alpha=...)</c>): levels at round values
    /// chosen as matplotlib does, colored with viridis from the lowest to the highest level.
    /// </summary>
    /// <param name="x">Grid abscissas, increasing (length = columns of <paramref name="z"/>).</param>
    /// <param name="y">Grid ordinates, increasing (length = rows of <paramref name="z"/>).</param>
    /// <param name="z">Values, <c>z[i, j]</c> at (<c>x[j]</c>, <c>y[i]</c>), as matplotlib's Z of shape (len(y), len(x)).</param>
    /// <param name="levels">About how many levels to draw (matplotlib's default: 7).</param>
    /// <param name="alpha">Opacity of the lines, 0 to 1.</param>
    /// <returns>The levels (the first and last may lie outside the data and draw nothing, as in matplotlib).</returns>
    public double[] Contour(IReadOnlyList<double> x, IReadOnlyList<double> y, double[,] z, int levels = 7, double alpha = 1.0)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(z);
        if (z.GetLength(0) != y.Count || z.GetLength(1) != x.Count)
            throw new ArgumentException($"z must have shape (len(y), len(x)) = ({y.Count}, {x.Count}), got ({z.GetLength(0)}, {z.GetLength(1)}).", nameof(z));
        if (levels < 1) throw new ArgumentOutOfRangeException(nameof(levels), "At least one level is needed.");
        double zmin = double.PositiveInfinity, zmax = double.NegativeInfinity;
        foreach (double v in z)
        {
            zmin = Math.Min(zmin, v);
            zmax = Math.Max(zmax, v);
        }
        double[] lev = MaxNLocator.ContourLevels(zmin, zmax, levels);
        _items.Add(new ContourItem(x.ToArray(), y.ToArray(), (double[,])z.Clone(), lev, alpha));
        return lev;
    }

    /// <summary>Writes a text whose lower-left corner is at (x, y) in data coordinates (<c>ax.text(x, y, s)</c>).</summary>
    /// <param name="x">Abscissa of the left end.</param>
    /// <param name="y">Ordinate of the baseline.</param>
    /// <param name="text">The text.</param>
    /// <returns>The text item, whose text can be changed later.</returns>
    public TextLabel Text(double x, double y, string text)
    {
        var label = new TextLabel(x, y, text ?? "");
        _items.Add(label);
        return label;
    }

    // matplotlib's default font when the machine has it, else ScottPlot's default.
    private static readonly string? FontName =
        SkiaSharp.SKFontManager.Default.GetFontFamilies().Contains("DejaVu Sans") ? "DejaVu Sans" : null;

    internal sealed record ContourItem(double[] X, double[] Y, double[,] Z, double[] Levels, double Alpha);

    // ---- rendering ------------------------------------------------------------------------------------------------

    internal (double Min, double Max) DataLimitsX() => XLim ?? AutoLimits(true);

    internal (double Min, double Max) DataLimitsY() => YLim ?? AutoLimits(false);

    private (double Min, double Max) AutoLimits(bool horizontal)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (Line line in _items.OfType<Line>())
            foreach (double v in horizontal ? line.X : line.Y)
                if (double.IsFinite(v)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        if (double.IsFinite(lo))
        {
            double pad = hi > lo ? 0.05 * (hi - lo) : (lo == 0 ? 0.055 : 0.055 * Math.Abs(lo));
            lo -= pad;
            hi += pad;
        }
        // Contour grids are "sticky": the view spans them without margin.
        foreach (ContourItem c in _items.OfType<ContourItem>())
        {
            double[] g = horizontal ? c.X : c.Y;
            lo = Math.Min(lo, g.Min());
            hi = Math.Max(hi, g.Max());
        }
        return double.IsFinite(lo) ? (lo, hi) : (0, 1);
    }

    internal Plot ToScottPlot(double dpi, double dataWidthPx, double dataHeightPx)
    {
        float pt = (float)(dpi / 72.0);
        // Axis-aligned lines (frame, ticks, grid) get whole-pixel widths so that they stay crisp, as matplotlib snaps them.
        float thin = MathF.Max(1, MathF.Round(0.8f * pt));
        var plot = new Plot();
        plot.RenderManager.ClearCanvasBeforeEachRender = false;
        // The figure is painted white once; a panel only draws, so labels may reach into a neighbour's margin.
        plot.FigureBackground.Color = Colors.Transparent;
        plot.DataBackground.Color = Colors.White;
        if (FontName is not null) plot.Font.Set(FontName);

        (double x0, double x1) = DataLimitsX();
        (double y0, double y1) = DataLimitsY();

        StyleAxis(plot.Axes.Bottom, XLabel, pt, thin, Ticks(x0, x1, dataWidthPx / pt, horizontal: true));
        StyleAxis(plot.Axes.Left, YLabel, pt, thin, Ticks(y0, y1, dataHeightPx / pt, horizontal: false));
        foreach (IAxis axis in new IAxis[] { plot.Axes.Top, plot.Axes.Right })
        {
            axis.FrameLineStyle.Width = thin;
            axis.FrameLineStyle.Color = Colors.Black;
            // No ticks there: the title sits just above the frame, as matplotlib's (6 pt pad).
            axis.MinimumSize = 0;
            axis.MaximumSize = 0;
        }
        plot.Axes.Title.Label.Text = Title ?? "";
        plot.Axes.Title.Label.FontSize = 12 * pt;
        plot.Axes.Title.Label.Bold = false;
        plot.Axes.Title.Label.ForeColor = Colors.Black;
        plot.Axes.Title.VerticalPadding = 6 * pt;
        plot.Axes.Title.IsVisible = !string.IsNullOrEmpty(Title);

        if (Grid)
        {
            plot.Grid.MajorLineColor = Color.FromHex("#b0b0b0");
            plot.Grid.MajorLineWidth = thin;
            plot.Grid.MinorLineColor = Colors.Transparent;
        }
        else
            plot.HideGrid();

        foreach (object item in _items)
        {
            switch (item)
            {
                case ContourItem c: AddContour(plot, c, pt); break;
                case Line l: AddLine(plot, l, pt); break;
                case TextLabel t: AddText(plot, t, pt); break;
            }
        }

        plot.Axes.SetLimits(x0, x1, y0, y1);

        if (Legend && _items.OfType<Line>().Any(l => l.Label is not null))
        {
            plot.ShowLegend(BestLegendCorner(x0, x1, y0, y1, dataWidthPx, dataHeightPx, pt));
            plot.Legend.FontSize = 10 * pt;
            plot.Legend.FontColor = Colors.Black;
            plot.Legend.OutlineColor = Color.FromHex("#cccccc");
            plot.Legend.OutlineWidth = 0.8f * pt;
            plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.8);
            plot.Legend.ShadowColor = Colors.Transparent;
            if (FontName is not null) plot.Legend.FontName = FontName;
        }
        else
            plot.HideLegend();
        return plot;
    }

    private static (double[] Positions, string[] Labels) Ticks(double lo, double hi, double lengthPoints, bool horizontal)
    {
        double[] positions = MaxNLocator.AxisTicks(lo, hi, lengthPoints, 10, horizontal);
        return (positions, MaxNLocator.FormatTicks(positions, lo, hi));
    }

    private static void StyleAxis(IAxis axis, string? label, float pt, float thin, (double[] Positions, string[] Labels) ticks)
    {
        axis.Label.Text = label ?? "";
        axis.Label.FontSize = 10 * pt;
        axis.Label.Bold = false;
        axis.Label.ForeColor = Colors.Black;
        axis.TickLabelStyle.FontSize = 10 * pt;
        axis.TickLabelStyle.ForeColor = Colors.Black;
        axis.MajorTickStyle.Length = 3.5f * pt;
        axis.MajorTickStyle.Width = thin;
        axis.MajorTickStyle.Color = Colors.Black;
        axis.MinorTickStyle.Length = 0;
        axis.FrameLineStyle.Width = thin;
        axis.FrameLineStyle.Color = Colors.Black;
        axis.SetTicks(ticks.Positions, ticks.Labels);
    }

    private static void AddLine(Plot plot, Line line, float pt)
    {
        if (line.X.Count == 0) return;
        Color color = Color.FromHex(line.Color);
        var scatter = plot.Add.Scatter(line.X.ToArray(), line.Y.ToArray(), color);
        scatter.LineWidth = line.Format.HasLine ? 1.5f * pt : 0;
        scatter.LinePattern = LineFormat.Pattern(line.Format.LineStyle);
        scatter.MarkerShape = LineFormat.Shape(line.Format.Marker, line.MarkerFilled);
        scatter.MarkerSize = (float)(6 * pt * LineFormat.SizeFactor(line.Format.Marker));
        scatter.MarkerLineWidth = 1f * pt;
        scatter.MarkerLineColor = color;
        scatter.MarkerFillColor = line.MarkerFilled ? color : Colors.Transparent;
        if (line.Label is not null) scatter.LegendText = line.Label;
    }

    private static void AddContour(Plot plot, ContourItem c, float pt)
    {
        var grid = new Coordinates3d[c.Y.Length, c.X.Length];
        for (int i = 0; i < c.Y.Length; i++)
            for (int j = 0; j < c.X.Length; j++)
                grid[i, j] = new Coordinates3d(c.X[j], c.Y[i], c.Z[i, j]);
        double first = c.Levels[0], last = c.Levels[^1];
        var viridis = new ScottPlot.Colormaps.Viridis();
        foreach (ContourLine contour in RectangularGrid.GetContourLines(grid, c.Levels))
        {
            Coordinates[] points = contour.Path.Points;
            if (points.Length < 2) continue;
            double fraction = last > first ? (contour.Z - first) / (last - first) : 0.5;
            Color color = viridis.GetColor(fraction).WithAlpha(c.Alpha);
            var scatter = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), color);
            scatter.LineWidth = 1.5f * pt;
            scatter.MarkerSize = 0;
        }
    }

    private static void AddText(Plot plot, TextLabel t, float pt)
    {
        var text = plot.Add.Text(t.Text, t.X, t.Y);
        text.LabelFontSize = 10 * pt;
        text.LabelFontColor = Colors.Black;
        text.LabelBackgroundColor = Colors.Transparent;
        text.LabelBorderWidth = 0;
        text.LabelPadding = 0;
        text.LabelAlignment = Alignment.LowerLeft;
        text.OffsetY = 0.5f * 10 * pt;                 // ScottPlot aligns the text box, matplotlib the baseline
        if (FontName is not null) text.LabelFontName = FontName;
    }

    // matplotlib's loc='best', simplified: the corner whose legend-sized box covers the fewest data points.
    private Alignment BestLegendCorner(double x0, double x1, double y0, double y1, double widthPx, double heightPx, float pt)
    {
        Line[] labelled = _items.OfType<Line>().Where(l => l.Label is not null).ToArray();
        double boxW = (labelled.Max(l => l.Label!.Length) * 6.0 + 40) * pt / widthPx;
        double boxH = (labelled.Length * 17.0 + 8) * pt / heightPx;
        (Alignment Where, double Left, double Bottom)[] candidates =
        [
            (Alignment.UpperRight, 1 - boxW, 1 - boxH), (Alignment.UpperLeft, 0, 1 - boxH),
            (Alignment.LowerLeft, 0, 0), (Alignment.LowerRight, 1 - boxW, 0),
            (Alignment.UpperCenter, 0.5 - boxW / 2, 1 - boxH), (Alignment.LowerCenter, 0.5 - boxW / 2, 0),
        ];
        Alignment best = Alignment.UpperRight;
        int bestCount = int.MaxValue;
        foreach ((Alignment where, double left, double bottom) in candidates)
        {
            int count = 0;
            foreach (Line line in _items.OfType<Line>())
                for (int i = 0; i < line.X.Count; i++)
                {
                    // Points and the middles of segments, in axes fractions.
                    count += Inside(line.X[i], line.Y[i]) ? 1 : 0;
                    if (i > 0) count += Inside((line.X[i] + line.X[i - 1]) / 2, (line.Y[i] + line.Y[i - 1]) / 2) ? 1 : 0;
                }
            if (count < bestCount) (best, bestCount) = (where, count);

            bool Inside(double x, double y)
            {
                double fx = (x - x0) / (x1 - x0), fy = (y - y0) / (y1 - y0);
                return fx >= left && fx <= left + boxW && fy >= bottom && fy <= bottom + boxH;
            }
        }
        return best;
    }
}
