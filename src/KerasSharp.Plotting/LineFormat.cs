using System;
using System.Collections.Generic;
using ScottPlot;

namespace KerasSharp.Plotting;

/// <summary>matplotlib's format strings (<c>"ko"</c>, <c>"+r"</c>, <c>"--"</c>, <c>"C1x-"</c>) and default colors.</summary>
internal sealed record LineFormat(string? Color, char? Marker, string? LineStyle)
{
    /// <summary>matplotlib's default color cycle (tab10).</summary>
    public static readonly string[] Cycle =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private static readonly Dictionary<char, string> BaseColors = new()
    {
        ['b'] = "#0000ff",
        ['g'] = "#008000",
        ['r'] = "#ff0000",
        ['c'] = "#00bfbf",
        ['m'] = "#bf00bf",
        ['y'] = "#bfbf00",
        ['k'] = "#000000",
        ['w'] = "#ffffff",
    };

    private const string Markers = ".,ov^<>sd+xD*|_";

    /// <summary>True when a line joins the points: a line style was given, or no marker was.</summary>
    public bool HasLine => LineStyle is not null ? LineStyle != "None" : Marker is null;

    public static LineFormat Parse(string format)
    {
        string? color = null, lineStyle = null;
        char? marker = null;
        int i = 0;
        while (i < format.Length)
        {
            string rest = format[i..];
            if (rest.StartsWith("--", StringComparison.Ordinal) || rest.StartsWith("-.", StringComparison.Ordinal))
            {
                lineStyle = rest[..2];
                i += 2;
            }
            else if (rest[0] == '-' || rest[0] == ':')
            {
                lineStyle = rest[..1];
                i += 1;
            }
            else if (rest[0] == 'C' && rest.Length > 1 && char.IsDigit(rest[1]))
            {
                color = ResolveColor(rest[..2]);
                i += 2;
            }
            else if (BaseColors.TryGetValue(rest[0], out string? value))
            {
                color = value;
                i += 1;
            }
            else if (Markers.Contains(rest[0], StringComparison.Ordinal))
            {
                marker = rest[0];
                i += 1;
            }
            else
                throw new ArgumentException($"'{format}' is not a matplotlib format string ('{rest[0]}' is neither a color, a marker nor a line style).", nameof(format));
        }
        return new LineFormat(color, marker, lineStyle);
    }

    /// <summary>A color as matplotlib names it: one letter (<c>k</c>), <c>C0</c>..<c>C9</c>, or <c>#rrggbb</c>.</summary>
    public static string ResolveColor(string color)
    {
        if (color.Length == 1 && BaseColors.TryGetValue(color[0], out string? hex)) return hex;
        if (color.Length == 2 && color[0] == 'C' && char.IsDigit(color[1])) return Cycle[color[1] - '0'];
        if (color.StartsWith('#') && (color.Length == 7 || color.Length == 9)) return color.ToLowerInvariant();
        throw new ArgumentException($"Unknown color '{color}': use one letter (k, r, ...), C0..C9 or #rrggbb.", nameof(color));
    }

    public static MarkerShape Shape(char? marker, bool filled) => marker switch
    {
        null => MarkerShape.None,
        '.' or ',' or 'o' => filled ? MarkerShape.FilledCircle : MarkerShape.OpenCircle,
        's' => filled ? MarkerShape.FilledSquare : MarkerShape.OpenSquare,
        '^' => filled ? MarkerShape.FilledTriangleUp : MarkerShape.OpenTriangleUp,
        'v' => filled ? MarkerShape.FilledTriangleDown : MarkerShape.OpenTriangleDown,
        'd' or 'D' => filled ? MarkerShape.FilledDiamond : MarkerShape.OpenDiamond,
        '+' => MarkerShape.Cross,
        'x' => MarkerShape.Eks,
        '*' => MarkerShape.Asterisk,
        '|' => MarkerShape.VerticalBar,
        '_' => MarkerShape.HorizontalBar,
        _ => MarkerShape.FilledCircle,
    };

    /// <summary>Marker size relative to matplotlib's 6 pt default ('.' is a small dot, ',' a pixel).</summary>
    public static double SizeFactor(char? marker) => marker switch { '.' => 0.5, ',' => 0.2, _ => 1.0 };

    public static LinePattern Pattern(string? lineStyle) => lineStyle switch
    {
        "--" => LinePattern.Dashed,
        ":" => LinePattern.Dotted,
        "-." => LinePattern.DenselyDashed,
        _ => LinePattern.Solid,
    };
}
