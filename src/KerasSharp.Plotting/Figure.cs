using System;
using System.Collections.Generic;
using System.IO;
using ScottPlot;
using SkiaSharp;

namespace KerasSharp.Plotting;

/// <summary>
/// A figure of one or more <see cref="Panel"/>s on a grid, drawn with ScottPlot in matplotlib's default style and saved as
/// PNG: the C# side of <c>plt.figure(figsize=(w, h))</c>, <c>plt.subplot(nrows, ncols, index)</c> and <c>plt.savefig</c>.
/// </summary>
/// <example>
/// <code>
/// var fig = new Figure(12, 4);
/// var ax = fig.Subplot(1, 3, 1);
/// ax.Plot(x, y);
/// ax.Grid = true;
/// ax.YLim = (-.1, 1.1);
/// ax.Title = "tanh'(x)";
/// fig.TightLayout = true;
/// fig.SavePng("figures/activations.png");
/// </code>
/// </example>
[KerasSharp.Interactive.TypeFormatterSource(typeof(Interactive.FigureFormatterSource), PreferredMimeTypes = ["image/png"])]
public sealed class Figure
{
    // matplotlib's default figure.subplot.* parameters.
    private const double Left = 0.125, Right = 0.9, Bottom = 0.11, Top = 0.88, WSpace = 0.2, HSpace = 0.2;

    private readonly List<Panel> _panels = [];

    /// <summary>Creates an empty figure.</summary>
    /// <param name="width">Width in inches (matplotlib's default figsize is 6.4 × 4.8).</param>
    /// <param name="height">Height in inches.</param>
    /// <param name="dpi">Pixels per inch: the PNG is width·dpi × height·dpi pixels, fonts and lines scale with it.</param>
    public Figure(double width = 6.4, double height = 4.8, double dpi = 100)
    {
        if (!(width > 0) || !(height > 0)) throw new ArgumentOutOfRangeException(nameof(width), "The figure size must be positive.");
        if (!(dpi > 0)) throw new ArgumentOutOfRangeException(nameof(dpi), "dpi must be positive.");
        Width = width;
        Height = height;
        Dpi = dpi;
    }

    /// <summary>Width in inches.</summary>
    public double Width { get; }

    /// <summary>Height in inches.</summary>
    public double Height { get; }

    /// <summary>Pixels per inch.</summary>
    public double Dpi { get; }

    /// <summary>Width of the PNG in pixels.</summary>
    public int PixelWidth => (int)Math.Round(Width * Dpi);

    /// <summary>Height of the PNG in pixels.</summary>
    public int PixelHeight => (int)Math.Round(Height * Dpi);

    /// <summary>
    /// True (default): each panel fills its grid cell, leaving just the room its labels need (<c>plt.tight_layout()</c>; close
    /// to what a notebook shows, since it saves inline figures with <c>bbox_inches='tight'</c>). False: panels sit exactly where
    /// matplotlib's default subplot parameters put them, as in <c>savefig</c> without a tight box or in animation frames;
    /// labels that do not fit in the default margins are cut.
    /// </summary>
    public bool TightLayout { get; set; } = true;

    /// <summary>The panels, in creation order.</summary>
    public IReadOnlyList<Panel> Panels => _panels;

    /// <summary>Adds a panel at position <paramref name="index"/> of an <paramref name="nrows"/> × <paramref name="ncols"/> grid (<c>plt.subplot</c>).</summary>
    /// <param name="nrows">Rows of the grid.</param>
    /// <param name="ncols">Columns of the grid.</param>
    /// <param name="index">1-based position, counted row by row.</param>
    /// <returns>The new panel.</returns>
    public Panel Subplot(int nrows = 1, int ncols = 1, int index = 1)
    {
        if (nrows < 1 || ncols < 1) throw new ArgumentOutOfRangeException(nameof(nrows), "The grid needs at least one row and one column.");
        if (index < 1 || index > nrows * ncols)
            throw new ArgumentOutOfRangeException(nameof(index), $"index must be in [1, {nrows * ncols}], got {index}.");
        var panel = new Panel(nrows, ncols, index);
        _panels.Add(panel);
        return panel;
    }

    /// <summary>Renders the figure as PNG bytes.</summary>
    /// <returns>The PNG file's content.</returns>
    public byte[] ToPng()
    {
        int w = PixelWidth, h = PixelHeight;
        using SKSurface surface = SKSurface.Create(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Could not create a {w}x{h} drawing surface.");
        surface.Canvas.Clear(SKColors.White);
        foreach (Panel panel in _panels)
        {
            (PixelRect region, PixelRect data) = Place(panel, w, h);
            using Plot plot = panel.ToScottPlot(Dpi, data.Width, data.Height);
            if (!TightLayout)
                plot.Layout.Fixed(new PixelPadding(data.Left - region.Left, region.Right - data.Right,
                                                   region.Bottom - data.Bottom, data.Top - region.Top));
            plot.Render(surface.Canvas, region);
        }
        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Saves the figure as a PNG file (<c>plt.savefig</c>), creating the folder if needed.</summary>
    /// <param name="path">The file to write.</param>
    /// <returns>The full path written.</returns>
    public string SavePng(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, ToPng());
        return full;
    }

    // The panel's region of the image (what ScottPlot draws into) and its data area inside it.
    private (PixelRect Region, PixelRect Data) Place(Panel panel, int w, int h)
    {
        int row = (panel.Index - 1) / panel.Columns, col = (panel.Index - 1) % panel.Columns;
        if (TightLayout)
        {
            // tight_layout's pad: 1.08 font sizes from the figure's edges, and between two panels.
            float pad = (float)(1.08 * 10 * Dpi / 72), half = pad / 2;
            float cw = (float)w / panel.Columns, ch = (float)h / panel.Rows;
            var region = new PixelRect(
                col * cw + (col == 0 ? pad : half), (col + 1) * cw - (col == panel.Columns - 1 ? pad : half),
                (row + 1) * ch - (row == panel.Rows - 1 ? pad : half), row * ch + (row == 0 ? pad : half));
            // The data area is only estimated here (ScottPlot measures the labels), to choose how many ticks fit.
            float s = (float)(Dpi / 100);
            var data = new PixelRect(region.Left + 50 * s, region.Right, region.Bottom - 35 * s, region.Top + 20 * s);
            return (region, data);
        }

        double axW = (Right - Left) * w / (panel.Columns + WSpace * (panel.Columns - 1)), sepW = WSpace * axW;
        double axH = (Top - Bottom) * h / (panel.Rows + HSpace * (panel.Rows - 1)), sepH = HSpace * axH;
        double x0 = Left * w + col * (axW + sepW), y0 = (1 - Top) * h + row * (axH + sepH);
        // Whole-pixel edges keep the frame crisp.
        var dataRect = new PixelRect((float)Math.Round(x0), (float)Math.Round(x0 + axW), (float)Math.Round(y0 + axH), (float)Math.Round(y0));
        var regionRect = new PixelRect(
            col == 0 ? 0 : (float)(x0 - sepW / 2),
            col == panel.Columns - 1 ? w : (float)(x0 + axW + sepW / 2),
            row == panel.Rows - 1 ? h : (float)(y0 + axH + sepH / 2),
            row == 0 ? 0 : (float)(y0 - sepH / 2));
        return (regionRect, dataRect);
    }
}
