using System;
using System.Collections.Generic;
using System.Linq;

namespace KerasSharp.Plotting;

/// <summary>
/// A series drawn by <see cref="Panel.Plot(IReadOnlyList{double}, IReadOnlyList{double}, string, string?, string?, bool, string?)"/>:
/// matplotlib's <c>Line2D</c>. Its data can be replaced between two renders (<c>set_xdata</c> / <c>set_ydata</c>), which is
/// how an <see cref="Animation"/> moves it.
/// </summary>
public sealed class Line
{
    internal Line(double[] x, double[] y, LineFormat format, string color, string? label, bool markerFilled)
    {
        X = x;
        Y = y;
        Format = format;
        Color = color;
        Label = label;
        MarkerFilled = markerFilled;
    }

    /// <summary>The x values.</summary>
    public IReadOnlyList<double> X { get; private set; }

    /// <summary>The y values.</summary>
    public IReadOnlyList<double> Y { get; private set; }

    /// <summary>The legend text, or null when the series stays out of the legend.</summary>
    public string? Label { get; }

    /// <summary>The color, as <c>#rrggbb</c>.</summary>
    public string Color { get; }

    internal LineFormat Format { get; }

    internal bool MarkerFilled { get; }

    /// <summary>Replaces the data (both lists must have the same length; empty hides the series).</summary>
    /// <param name="x">The new x values.</param>
    /// <param name="y">The new y values.</param>
    public void SetData(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"x and y must have the same length, got {x.Count} and {y.Count}.", nameof(y));
        X = x.ToArray();
        Y = y.ToArray();
    }
}

/// <summary>A text placed in data coordinates by <see cref="Panel.Text(double, double, string)"/> (matplotlib's <c>ax.text</c>).</summary>
public sealed class TextLabel
{
    internal TextLabel(double x, double y, string text)
    {
        X = x;
        Y = y;
        Text = text;
    }

    /// <summary>The x position of the text's left end, in data coordinates.</summary>
    public double X { get; }

    /// <summary>The y position of the text's bottom, in data coordinates.</summary>
    public double Y { get; }

    /// <summary>The text shown; may be changed between two renders (<c>set_text</c>).</summary>
    public string Text { get; set; }
}
