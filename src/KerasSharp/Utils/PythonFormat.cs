using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace KerasSharp;

/// <summary>
/// Python's <c>str.format</c> with named fields, as ModelCheckpoint's <c>filepath.format(epoch=..., **logs)</c> uses
/// it: <c>{name}</c>, <c>{name:spec}</c>, <c>{{</c>/<c>}}</c>, and the format-spec mini-language
/// <c>[[fill]align][sign][#][0][width][,|_][.precision][type]</c> with types d, x, X, o, b, e, E, f, F, g, G, %, s.
/// Integers print as Python ints, doubles without a spec as Python's <c>repr</c>.
/// </summary>
internal static partial class PythonFormat
{
    static readonly System.Buffers.SearchValues<char> ExponentMarks = System.Buffers.SearchValues.Create("eE");

    [GeneratedRegex(@"^(?:(?<fill>.)?(?<align>[<>=^]))?(?<sign>[+\- ])?(?<alt>#)?(?<zero>0)?(?<width>\d+)?(?<group>[,_])?(?:\.(?<prec>\d+))?(?<type>[bcdeEfFgGnosxX%])?$")]
    private static partial Regex SpecPattern();

    /// <summary>Formats <paramref name="template"/>; a missing field throws <see cref="KeyNotFoundException"/> naming it.</summary>
    internal static string Format(string template, IReadOnlyDictionary<string, object> values)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char ch = template[i];
            if (ch == '{')
            {
                if (i + 1 < template.Length && template[i + 1] == '{') { sb.Append('{'); i++; continue; }
                int end = template.IndexOf('}', i + 1);
                if (end < 0) throw new FormatException($"Single '{{' encountered in format string: \"{template}\".");
                string field = template.Substring(i + 1, end - i - 1);
                int colon = field.IndexOf(':');
                string name = colon < 0 ? field : field[..colon], spec = colon < 0 ? "" : field[(colon + 1)..];
                int bang = name.IndexOf('!');
                if (bang >= 0) name = name[..bang];
                if (!values.TryGetValue(name, out var value)) throw new KeyNotFoundException($"'{name}'");
                sb.Append(FormatValue(value, spec));
                i = end;
            }
            else if (ch == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}') { sb.Append('}'); i++; continue; }
                throw new FormatException($"Single '}}' encountered in format string: \"{template}\".");
            }
            else sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>One value with one format spec (Python's <c>format(value, spec)</c>).</summary>
    internal static string FormatValue(object value, string spec)
    {
        var m = SpecPattern().Match(spec);
        if (!m.Success) throw new FormatException($"Invalid format specifier '{spec}' for object of type '{PythonType(value)}'.");
        string type = m.Groups["type"].Value;
        int? precision = m.Groups["prec"].Success ? int.Parse(m.Groups["prec"].Value, CultureInfo.InvariantCulture) : null;
        string sign = m.Groups["sign"].Value;
        bool alt = m.Groups["alt"].Success, zero = m.Groups["zero"].Success;
        string group = m.Groups["group"].Value;
        char fill = m.Groups["fill"].Success ? m.Groups["fill"].Value[0] : (zero ? '0' : ' ');
        string align = m.Groups["align"].Success ? m.Groups["align"].Value : (zero ? "=" : "");
        int width = m.Groups["width"].Success ? int.Parse(m.Groups["width"].Value, CultureInfo.InvariantCulture) : 0;

        string body;
        bool negative = false, numeric = true;
        switch (value)
        {
            case string s:
                if (type is not ("" or "s")) throw new FormatException($"Unknown format code '{type}' for object of type 'str'.");
                body = precision is { } p ? s[..Math.Min(p, s.Length)] : s;
                numeric = false;
                if (align == "") align = "<";
                break;
            case int or long:
                long l = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                if (type is "e" or "E" or "f" or "F" or "g" or "G" or "%")
                {
                    (negative, body) = FormatFloat(l, type, precision, alt);
                    break;
                }
                if (precision is not null) throw new FormatException("Precision not allowed in integer format specifier.");
                negative = l < 0;
                ulong mag = negative ? (ulong)(-(l + 1)) + 1 : (ulong)l;
                body = type switch
                {
                    "" or "d" or "n" => mag.ToString(CultureInfo.InvariantCulture),
                    "x" => (alt ? "0x" : "") + mag.ToString("x", CultureInfo.InvariantCulture),
                    "X" => (alt ? "0X" : "") + mag.ToString("X", CultureInfo.InvariantCulture),
                    "o" => (alt ? "0o" : "") + Convert.ToString((long)mag, 8),
                    "b" => (alt ? "0b" : "") + Convert.ToString((long)mag, 2),
                    "c" => ((char)mag).ToString(),
                    _ => throw new FormatException($"Unknown format code '{type}' for object of type 'int'."),
                };
                if (group != "" && type is "" or "d") body = Group(body, group);
                break;
            case double or float:
                double d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (type is "d" or "x" or "X" or "o" or "b" or "c" or "s")
                    throw new FormatException($"Unknown format code '{type}' for object of type 'float'.");
                (negative, body) = FormatFloat(d, type, precision, alt);
                if (group != "") body = GroupNumber(body, group);
                break;
            case bool b:
                return FormatValue(b ? 1L : 0L, spec == "" ? "" : spec);
            default:
                body = value?.ToString() ?? "None";
                numeric = false;
                if (align == "") align = "<";
                break;
        }
        if (numeric && align == "") align = ">";
        string prefix = numeric ? (negative ? "-" : sign == "+" ? "+" : sign == " " ? " " : "") : "";
        int pad = width - prefix.Length - body.Length;
        if (pad <= 0) return prefix + body;
        string padding = new(fill, pad);
        return align switch
        {
            "<" => prefix + body + padding,
            "^" => new string(fill, pad / 2) + prefix + body + new string(fill, pad - pad / 2),
            "=" => prefix + padding + body,
            _ => padding + prefix + body,
        };
    }

    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, "nan", "inf".</summary>
    internal static string Repr(double d) =>
        double.IsNaN(d) ? "nan" : double.IsPositiveInfinity(d) ? "inf" : double.IsNegativeInfinity(d) ? "-inf" : Saving.PythonJson.FloatRepr(d);

    static (bool negative, string body) FormatFloat(double d, string type, int? precision, bool alt)
    {
        bool negative = double.IsNegative(d) && !double.IsNaN(d);
        double a = Math.Abs(d);
        if (double.IsNaN(d)) return (false, type is "E" or "F" or "G" ? "NAN" : "nan");
        if (double.IsInfinity(d)) return (negative, type is "E" or "F" or "G" ? "INF" : "inf");
        string body = type switch
        {
            "f" or "F" => a.ToString("F" + (precision ?? 6), CultureInfo.InvariantCulture),
            "%" => (a * 100).ToString("F" + (precision ?? 6), CultureInfo.InvariantCulture) + "%",
            "e" or "E" => Scientific(a, precision ?? 6, type == "E"),
            "g" or "G" => General(a, precision ?? 6, alt, type == "G"),
            // No type: repr, or 'g'-like with at least one digit after the point when a precision is given.
            _ => precision is { } p ? General(a, p == 0 ? 1 : p, alt, false, keepPoint: true) : Repr(a),
        };
        if (alt && type is "f" or "F" or "%" && !body.Contains('.')) body = body.Replace("%", "") + "." + (type == "%" ? "%" : "");
        return (negative, body);
    }

    static string Scientific(double a, int digits, bool upper)
    {
        string s = a.ToString((upper ? "E" : "e") + digits, CultureInfo.InvariantCulture);   // 1.234560e+004
        int e = s.IndexOfAny(ExponentMarks);
        int exponent = int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture);
        return s[..e] + (upper ? "E" : "e") + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    static string General(double a, int precision, bool alt, bool upper, bool keepPoint = false)
    {
        int p = precision == 0 ? 1 : precision;
        if (a == 0) return keepPoint ? "0.0" : alt ? "0." + new string('0', p - 1) : "0";
        string sci = Scientific(a, p - 1, upper);
        int exponent = int.Parse(sci[(sci.IndexOfAny(ExponentMarks) + 1)..], CultureInfo.InvariantCulture);
        string body;
        if (exponent >= -4 && exponent < p)
        {
            body = a.ToString("F" + (p - 1 - exponent), CultureInfo.InvariantCulture);
            if (!alt && body.Contains('.')) body = body.TrimEnd('0').TrimEnd('.');
            if (keepPoint && !body.Contains('.')) body += ".0";
        }
        else
        {
            int e = sci.IndexOfAny(ExponentMarks);
            string mantissa = sci[..e];
            if (!alt && mantissa.Contains('.')) mantissa = mantissa.TrimEnd('0').TrimEnd('.');
            body = mantissa + sci[e..];
        }
        return body;
    }

    static string GroupNumber(string body, string separator)
    {
        int end = 0;
        while (end < body.Length && char.IsDigit(body[end])) end++;
        return Group(body[..end], separator) + body[end..];
    }

    static string Group(string digits, string separator)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0) sb.Append(separator);
            sb.Append(digits[i]);
        }
        return sb.ToString();
    }

    static string PythonType(object value) => value switch
    {
        int or long => "int",
        double or float => "float",
        string => "str",
        _ => value.GetType().Name,
    };
}
