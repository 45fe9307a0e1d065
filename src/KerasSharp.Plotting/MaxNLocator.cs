using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace KerasSharp.Plotting;

/// <summary>
/// matplotlib's tick and contour-level choice (<c>ticker.MaxNLocator</c> with steps 1, 2, 2.5, 5, 10, and
/// <c>ScalarFormatter</c>'s label precision), so axes and contour lines fall on the same round numbers as in
/// the course's figures.
/// </summary>
internal static class MaxNLocator
{
    /// <summary>AutoLocator's steps (axis ticks): 1, 2, 2.5, 5, 10.</summary>
    private static readonly double[] AxisSteps = Staircase([1, 2, 2.5, 5, 10]);

    /// <summary>MaxNLocator's default steps (contour levels): 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10.</summary>
    private static readonly double[] DefaultSteps = Staircase([1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]);

    // MaxNLocator._staircase: the steps a decade below, the steps, and one more step a decade above.
    private static double[] Staircase(double[] steps) =>
        [.. steps[..^1].Select(s => 0.1 * s), .. steps, 10 * steps[1]];

    /// <summary><c>MaxNLocator(nbins, steps, min_n_ticks=minTicks).tick_values(vmin, vmax)</c>.</summary>
    private static double[] TickValues(double vmin, double vmax, int nbins, double[] extendedSteps, int minTicks)
    {
        (vmin, vmax) = NonSingular(vmin, vmax, 1e-13, 1e-14);
        return RawTicks(vmin, vmax, nbins, extendedSteps, minTicks);
    }

    /// <summary>Contour levels as <c>ax.contour(x, y, z)</c> picks them (7 levels by default), trimmed like <c>_autolev</c>.</summary>
    public static double[] ContourLevels(double zmin, double zmax, int levels)
    {
        // ContourSet._autolev: MaxNLocator(levels + 1, min_n_ticks=1) with the default steps.
        double[] lev = TickValues(zmin, zmax, levels + 1, DefaultSteps, minTicks: 1);
        int i0 = 0, i1 = lev.Length;
        for (int i = 0; i < lev.Length; i++)
            if (lev[i] < zmin) i0 = i;
        for (int i = 0; i < lev.Length; i++)
            if (lev[i] > zmax) { i1 = i + 1; break; }
        if (i1 - i0 < 3) (i0, i1) = (0, lev.Length);
        return lev[i0..i1];
    }

    /// <summary>Ticks of an axis <paramref name="lengthPoints"/> long, labels <paramref name="fontPoints"/> high (matplotlib's AutoLocator).</summary>
    public static double[] AxisTicks(double vmin, double vmax, double lengthPoints, double fontPoints, bool horizontal)
    {
        // Axis.get_tick_space(): labels are assumed 3 font sizes wide on x, 2 high on y; nbins is clipped to [1, 9].
        int space = (int)Math.Floor(lengthPoints / (fontPoints * (horizontal ? 3 : 2)));
        int nbins = Math.Clamp(space, 1, 9);
        double lo = Math.Min(vmin, vmax), hi = Math.Max(vmin, vmax);
        double tol = 1e-10 * Math.Max(hi - lo, double.Epsilon);
        return TickValues(lo, hi, nbins, AxisSteps, minTicks: 2).Where(t => t >= lo - tol && t <= hi + tol).ToArray();
    }

    /// <summary>Labels as <c>ScalarFormatter</c> writes them (same decimals for all, unicode minus), without offset.</summary>
    public static string[] FormatTicks(IReadOnlyList<double> locs, double viewMin, double viewMax)
    {
        if (locs.Count == 0) return [];
        double[] all = locs.Count < 2 ? [.. locs, viewMin, viewMax] : [.. locs];
        double range = all.Max() - all.Min();
        if (range == 0) range = all.Max(Math.Abs);
        if (range == 0) range = 1;
        int rangeOom = (int)Math.Floor(Math.Log10(range));
        int sigfigs = Math.Max(0, 3 - rangeOom);
        double thresh = 1e-3 * Math.Pow(10, rangeOom);
        while (sigfigs >= 0)
        {
            int s = sigfigs;
            if (locs.Max(l => Math.Abs(l - Math.Round(l, Math.Min(s, 15), MidpointRounding.ToEven))) < thresh) sigfigs--;
            else break;
        }
        sigfigs++;
        return locs.Select(l =>
        {
            string text = l.ToString("F" + sigfigs, CultureInfo.InvariantCulture);
            // "-0.0" is printed as "0.0" by matplotlib's %f of a true zero, but a tiny negative rounds to "-0".
            if (text.StartsWith('-') && text.Trim('-', '0', '.').Length == 0) text = text[1..];
            return text.Replace('-', '\u2212');
        }).ToArray();
    }

    private static double[] RawTicks(double vmin, double vmax, int nbins, double[] extendedSteps, int minTicks)
    {
        (double scale, double offset) = ScaleRange(vmin, vmax, nbins);
        double v0 = vmin - offset, v1 = vmax - offset;
        double rawStep = (v1 - v0) / nbins;
        double[] steps = extendedSteps.Select(s => s * scale).ToArray();
        int istep = Array.FindIndex(steps, s => s >= rawStep);
        if (istep < 0) istep = steps.Length - 1;

        double[] ticks = [];
        for (int k = istep; k >= 0; k--)
        {
            double step = steps[k];
            double bestVmin = FloorDiv(v0, step) * step;
            double low = EdgeLe(v0 - bestVmin, step, offset);
            double high = EdgeGe(v1 - bestVmin, step, offset);
            int count = (int)(high - low) + 1;
            ticks = new double[count];
            for (int i = 0; i < count; i++) ticks[i] = (low + i) * step + bestVmin;
            int shown = ticks.Count(t => t <= v1 && t >= v0);
            if (shown >= minTicks) break;
        }
        return ticks.Select(t => t + offset).ToArray();
    }

    private static (double Scale, double Offset) ScaleRange(double vmin, double vmax, int n, double threshold = 100)
    {
        double dv = Math.Abs(vmax - vmin);
        double meanv = (vmax + vmin) / 2;
        double offset = Math.Abs(meanv) / dv < threshold
            ? 0
            : Math.CopySign(Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(meanv)))), meanv);
        double scale = Math.Pow(10, Math.Floor(Math.Log10(dv / n)));
        return (scale, offset);
    }

    // _Edge_integer.le / ge: tolerate rounding when a bound sits on a multiple of the step.
    private static double EdgeLe(double x, double step, double offset)
    {
        (double d, double m) = DivMod(x, step);
        return CloseTo(m / step, 1, step, offset) ? d + 1 : d;
    }

    private static double EdgeGe(double x, double step, double offset)
    {
        (double d, double m) = DivMod(x, step);
        return CloseTo(m / step, 0, step, offset) ? d : d + 1;
    }

    private static bool CloseTo(double ms, double edge, double step, double offset)
    {
        double tol = 1e-10;
        if (Math.Abs(offset) > 0)
        {
            double digits = Math.Log10(Math.Abs(offset) / step);
            tol = Math.Min(0.4999, Math.Max(1e-10, Math.Pow(10, digits - 12)));
        }
        return Math.Abs(ms - edge) < tol;
    }

    private static double FloorDiv(double a, double b) => DivMod(a, b).Div;

    // Python's float divmod.
    private static (double Div, double Mod) DivMod(double vx, double wx)
    {
        double mod = vx % wx;
        double div = (vx - mod) / wx;
        if (mod != 0)
        {
            if ((wx < 0) != (mod < 0)) { mod += wx; div -= 1.0; }
        }
        else mod = Math.CopySign(0.0, wx);
        double floordiv;
        if (div != 0)
        {
            floordiv = Math.Floor(div);
            if (div - floordiv > 0.5) floordiv += 1.0;
        }
        else floordiv = Math.CopySign(0.0, vx / wx);
        return (floordiv, mod);
    }

    private static (double, double) NonSingular(double vmin, double vmax, double expander, double tiny)
    {
        if (!double.IsFinite(vmin) || !double.IsFinite(vmax)) return (-expander, expander);
        if (vmax < vmin) (vmin, vmax) = (vmax, vmin);
        double maxabs = Math.Max(Math.Abs(vmin), Math.Abs(vmax));
        if (maxabs < 1e6 / tiny * 2.2250738585072014e-308) return (-expander, expander);
        if (vmax - vmin <= maxabs * tiny)
        {
            if (vmax == 0 && vmin == 0) return (-expander, expander);
            vmin -= expander * Math.Abs(vmin);
            vmax += expander * Math.Abs(vmax);
        }
        return (vmin, vmax);
    }
}
