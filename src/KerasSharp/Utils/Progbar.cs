using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Text;

namespace KerasSharp.Utils;

/// Keras 3's progress bar: mirrors <c>keras/src/utils/progbar.py</c> (<c>Progbar.update</c>, <c>_format_time</c>,
/// <c>_estimate_step_duration</c>) as <c>ProgbarLogger</c> drives it (<c>stateless_metrics=set()</c>: the values
/// passed in are displayed as they are).
/// Documented deviation: when the display is not dynamic (output redirected to a file or a pipe), verbose=1 writes
/// only the final line of each bar, without ANSI escape codes, instead of one escaped line per update.
internal sealed class Progbar
{
    const int BarWidth = 20;
    const string Bold = "\x1b[1m", Green = "\x1b[32m", Grey = "\x1b[37m", Reset = "\x1b[0m";

    readonly TextWriter _output;
    readonly int _verbose;
    readonly bool _dynamic;
    readonly double _interval;
    readonly Func<double> _clock;
    readonly double _start;
    readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);
    readonly List<string> _valuesOrder = new();
    double _lastUpdate = double.NegativeInfinity; // Keras starts at 0 against time.time(): the first update renders.
    double? _timeAfterFirstStep;
    int _prevTotalWidth;

    /// <param name="target">Number of steps, or null when unknown.</param>
    /// <param name="output">Where the bar is written.</param>
    /// <param name="verbose">0 silent, 1 progress bar, 2 one line at the end.</param>
    /// <param name="dynamicDisplay">Redraw the line in place with ANSI codes; null: true when <paramref name="output"/>
    /// is the console and the console's output is not redirected.</param>
    /// <param name="interval">Minimum number of seconds between two redraws (verbose=1).</param>
    /// <param name="clock">Seconds from any origin; defaults to a <see cref="Stopwatch"/>.</param>
    internal Progbar(int? target, TextWriter output, int verbose = 1, bool? dynamicDisplay = null, double interval = 0.05,
        Func<double>? clock = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        Target = target;
        _output = output;
        _verbose = verbose;
        _dynamic = dynamicDisplay ?? (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
        _interval = interval;
        if (clock is null)
        {
            var stopwatch = Stopwatch.StartNew();
            clock = () => stopwatch.Elapsed.TotalSeconds;
        }
        _clock = clock;
        _start = _clock();
    }

    /// The number of steps, or null when unknown. Keras's <c>ProgbarLogger</c> sets it to the number of steps seen
    /// before the final update when it was unknown.
    internal int? Target { get; set; }

    /// Whether the display redraws its line in place (with ANSI codes).
    internal bool IsDynamic => _dynamic;

    bool HasTarget => Target is int t && t > 0;

    /// True when <see cref="Update"/>(current, ..., finalize) would write something now. The caller uses this to avoid
    /// reading metric values (a device synchronisation) when nothing will be printed.
    internal bool WouldRender(int current, bool finalize)
    {
        switch (_verbose)
        {
            case 1:
                if (!_dynamic) return finalize;
                return finalize || !(_clock() - _lastUpdate < _interval);
            case 2:
                return finalize && HasTarget;
            default:
                return false;
        }
    }

    /// Keras's <c>Progbar.update(current, values, finalize)</c>. <paramref name="values"/> are the metric values to
    /// show (already averaged), in display order; null keeps the previous ones.
    internal void Update(int current, IReadOnlyList<KeyValuePair<string, double>>? values = null, bool finalize = false)
    {
        if (values is not null)
        {
            foreach (var (key, value) in values)
            {
                if (!_values.ContainsKey(key)) _valuesOrder.Add(key);
                _values[key] = value;
            }
        }

        double now = _clock();
        double timePerUnit = EstimateStepDuration(current, now);

        if (_verbose == 1)
        {
            if (_dynamic)
            {
                if (now - _lastUpdate < _interval && !finalize) return;
                WriteDynamic(current, now, timePerUnit, finalize);
            }
            else if (finalize)
            {
                _output.Write(Line(current, now, timePerUnit, finalize, escapes: false, out _) + "\n");
                _output.Flush();
            }
        }
        else if (_verbose == 2)
        {
            if (finalize && HasTarget)
            {
                var info = new StringBuilder();
                info.Append(Count(current, Target!.Value)).Append(" - ").Append(PyFloatFormat.Fixed(now - _start, 0)).Append('s');
                info.Append(" -").Append(FormatTime(timePerUnit));
                foreach (string key in _valuesOrder)
                {
                    double v = _values[key];
                    info.Append(" - ").Append(key).Append(": ");
                    info.Append(v > 1e-3 ? PyFloatFormat.Fixed(v, 4) : PyFloatFormat.Exponent(v, 4)); // Keras: v > 1e-3, not abs
                }
                info.Append('\n');
                _output.Write(info.ToString());
                _output.Flush();
            }
        }
        _lastUpdate = now;
    }

    void WriteDynamic(int current, double now, double timePerUnit, bool finalize)
    {
        var message = new StringBuilder();
        message.Append('\b', _prevTotalWidth).Append('\r');
        message.Append(Line(current, now, timePerUnit, finalize, escapes: true, out int totalWidth));
        if (_prevTotalWidth > totalWidth) message.Append(' ', _prevTotalWidth - totalWidth);
        if (finalize) message.Append('\n');
        _output.Write(message.ToString());
        _output.Flush();
        _prevTotalWidth = totalWidth;
    }

    /// The bar and info part of a verbose=1 line; <paramref name="visibleWidth"/> leaves out the escape codes.
    string Line(int current, double now, double timePerUnit, bool finalize, bool escapes, out int visibleWidth)
    {
        var line = new StringBuilder();
        int special = 0;
        if (HasTarget)
        {
            int target = Target!.Value;
            Wrap(line, Bold, Count(current, target), escapes, ref special);
            line.Append(' ');
            int progWidth = (int)(BarWidth * ((double)current / target));
            if (progWidth > 0) Wrap(line, Green, new string('━', progWidth), escapes, ref special);
            Wrap(line, Grey, new string('━', Math.Max(0, BarWidth - progWidth)), escapes, ref special);
        }
        else
        {
            line.Append(current.ToString(CultureInfo.InvariantCulture).PadLeft(7)).Append("/Unknown");
        }

        line.Append(' ');
        string time = HasTarget && !finalize ? FormatEta(timePerUnit * (Target!.Value - current)) : PyFloatFormat.Fixed(now - _start, 0) + "s";
        Wrap(line, Bold, time, escapes, ref special);
        line.Append(FormatTime(timePerUnit));
        foreach (string key in _valuesOrder)
        {
            double v = _values[key];
            line.Append(" - ").Append(key).Append(": ");
            line.Append(Math.Abs(v) > 1e-3 ? PyFloatFormat.Fixed(v, 4) : PyFloatFormat.Exponent(v, 4));
        }
        visibleWidth = line.Length - special;
        return line.ToString();
    }

    static void Wrap(StringBuilder sb, string code, string text, bool escapes, ref int special)
    {
        if (escapes)
        {
            sb.Append(code).Append(text).Append(Reset);
            special += code.Length + Reset.Length;
        }
        else
        {
            sb.Append(text);
        }
    }

    /// <c>f"%{numdigits}d/%d" % (current, target)</c> with <c>numdigits = int(math.log10(target)) + 1</c>.
    static string Count(int current, int target)
    {
        int digits = (int)Math.Log10(target) + 1;
        return current.ToString(CultureInfo.InvariantCulture).PadLeft(digits) + "/" + target.ToString(CultureInfo.InvariantCulture);
    }

    /// The ETA: "%ds", "%d:%02d" over a minute, "%d:%02d:%02d" over an hour, with Python's float // and % and the
    /// truncation of %d.
    static string FormatEta(double eta)
    {
        var inv = CultureInfo.InvariantCulture;
        if (eta > 3600)
            return string.Format(inv, "{0}:{1:00}:{2:00}", Trunc(FloorDiv(eta, 3600)), Trunc(FloorDiv(Mod(eta, 3600), 60)), Trunc(Mod(eta, 60)));
        if (eta > 60)
            return string.Format(inv, "{0}:{1:00}", Trunc(FloorDiv(eta, 60)), Trunc(Mod(eta, 60)));
        return Trunc(eta).ToString(inv) + "s";
    }

    static long Trunc(double x) => (long)Math.Truncate(x);

    /// Python's float <c>a % b</c>: the sign of the divisor.
    static double Mod(double a, double b)
    {
        double mod = a % b;
        if (mod != 0 && (b < 0) != (mod < 0)) mod += b;
        return mod;
    }

    /// Python's float <c>a // b</c> (CPython's float_floor_div).
    static double FloorDiv(double a, double b)
    {
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) div -= 1.0;
        if (div == 0) return 0;
        double floor = Math.Floor(div);
        if (div - floor > 0.5) floor += 1.0;
        return floor;
    }

    /// Keras's <c>Progbar._format_time</c> with unit "step".
    static string FormatTime(double timePerUnit)
    {
        if (timePerUnit >= 1 || timePerUnit == 0) return " " + PyFloatFormat.Fixed(timePerUnit, 0) + "s/step";
        if (timePerUnit >= 1e-3) return " " + PyFloatFormat.Fixed(timePerUnit * 1000.0, 0) + "ms/step";
        return " " + PyFloatFormat.Fixed(timePerUnit * 1000000.0, 0) + "us/step";
    }

    /// Keras's <c>Progbar._estimate_step_duration</c>: the first step is left out once a later one is seen.
    double EstimateStepDuration(int current, double now)
    {
        if (current == 0) return 0;
        double timePerUnit = _timeAfterFirstStep is double after && current > 1
            ? (now - after) / (current - 1)
            : (now - _start) / current;
        if (current == 1) _timeAfterFirstStep = now;
        return timePerUnit;
    }
}

/// Python's float formatting, <c>f"{x:.Nf}"</c> and <c>f"{x:.Ne}"</c>: the exact binary value rounded half to even,
/// "nan"/"inf", a sign on negative zero, and an exponent of at least two digits. Culture-invariant.
internal static class PyFloatFormat
{
    /// <c>f"{x:.{decimals}f}"</c>.
    internal static string Fixed(double x, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        if (double.IsNaN(x)) return "nan";
        if (double.IsInfinity(x)) return x > 0 ? "inf" : "-inf";
        string sign = double.IsNegative(x) ? "-" : "";
        var (num, den) = Exact(Math.Abs(x));
        BigInteger q = RoundHalfEven(num * BigInteger.Pow(10, decimals), den);
        string digits = q.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        if (decimals == 0) return sign + digits;
        return string.Concat(sign, digits.AsSpan(0, digits.Length - decimals), ".", digits.AsSpan(digits.Length - decimals));
    }

    /// <c>f"{x:.{decimals}e}"</c>, e.g. "1.2346e-04".
    internal static string Exponent(double x, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        if (double.IsNaN(x)) return "nan";
        if (double.IsInfinity(x)) return x > 0 ? "inf" : "-inf";
        string sign = double.IsNegative(x) ? "-" : "";
        double a = Math.Abs(x);
        int exponent = 0;
        BigInteger mantissa = BigInteger.Zero;
        if (a != 0)
        {
            var (num, den) = Exact(a);
            exponent = (int)Math.Floor(Math.Log10(a));
            BigInteger low = BigInteger.Pow(10, decimals), high = low * 10;
            for (int attempt = 0; attempt < 8; attempt++)
            {
                int shift = decimals - exponent; // mantissa = round(x * 10^shift)
                mantissa = shift >= 0
                    ? RoundHalfEven(num * BigInteger.Pow(10, shift), den)
                    : RoundHalfEven(num, den * BigInteger.Pow(10, -shift));
                if (mantissa >= high) exponent++;
                else if (mantissa < low) exponent--;
                else break;
            }
        }
        string digits = mantissa.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var sb = new StringBuilder(sign);
        sb.Append(digits[0]);
        if (decimals > 0) sb.Append('.').Append(digits, 1, decimals);
        sb.Append('e').Append(exponent < 0 ? '-' : '+');
        sb.Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).PadLeft(2, '0'));
        return sb.ToString();
    }

    /// A finite non-negative double as an exact fraction num/den (den a power of two).
    static (BigInteger Num, BigInteger Den) Exact(double a)
    {
        long bits = BitConverter.DoubleToInt64Bits(a);
        int rawExponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        long significand = rawExponent == 0 ? fraction : fraction | (1L << 52);
        int exponent = (rawExponent == 0 ? 1 : rawExponent) - 1075;
        return exponent >= 0
            ? (new BigInteger(significand) << exponent, BigInteger.One)
            : (new BigInteger(significand), BigInteger.One << -exponent);
    }

    static BigInteger RoundHalfEven(BigInteger num, BigInteger den)
    {
        BigInteger q = BigInteger.DivRem(num, den, out BigInteger r);
        BigInteger twice = r * 2;
        int c = twice.CompareTo(den);
        if (c > 0 || (c == 0 && !q.IsEven)) q += 1;
        return q;
    }
}
