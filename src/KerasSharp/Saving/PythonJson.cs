using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace KerasSharp.Saving;

/// <summary>
/// JSON as Python's <c>json.dumps</c> writes it (Keras: <c>json.dumps(serialize_keras_object(model))</c> in
/// keras/src/saving/saving_lib.py): <c>", "</c> and <c>": "</c> separators, non-ASCII escaped as <c>\uXXXX</c>, floats
/// in Python's <c>repr</c> form (0.001, 1e-07, 0.0010000000474974513, 1.0) and integers without a decimal point, so
/// that a config.json written here is byte for byte what Keras writes for the same model. Reading goes through
/// System.Text.Json and yields the same object model: <see cref="Dictionary{TKey, TValue}"/> (keys in file order),
/// <see cref="List{T}"/>, string, long, double, bool and null.
/// </summary>
internal static class PythonJson
{
    /// <summary>Python's <c>json.dumps(value)</c>.</summary>
    internal static string Dumps(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    static void Write(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case string s: WriteString(sb, s); break;
            case int or long or short or byte or uint or ulong or ushort or sbyte:
                sb.Append(System.Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case float f: sb.Append(FloatRepr(f)); break;
            case double d: sb.Append(FloatRepr(d)); break;
            case IDictionary<string, object?> dict:
                sb.Append('{');
                bool first = true;
                foreach (var (k, v) in dict)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    WriteString(sb, k);
                    sb.Append(": ");
                    Write(sb, v);
                }
                sb.Append('}');
                break;
            case System.Collections.IEnumerable list:
                sb.Append('[');
                bool firstItem = true;
                foreach (var item in list)
                {
                    if (!firstItem) sb.Append(", ");
                    firstItem = false;
                    Write(sb, item);
                }
                sb.Append(']');
                break;
            default:
                throw new ArgumentException($"Cannot write a value of type {value.GetType().Name} as JSON.", nameof(value));
        }
    }

    /// <summary>A string with <c>ensure_ascii=True</c> escaping.</summary>
    static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>
    /// Python's <c>float.__repr__</c>: the shortest digits that round-trip, in positional notation when the decimal
    /// exponent is in [-4, 16), otherwise as <c>d.ddde±XX</c>; integral values keep ".0"; NaN and infinities as
    /// <c>json.dumps</c> writes them.
    /// </summary>
    internal static string FloatRepr(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        string sign = d < 0 || (d == 0 && double.IsNegative(d)) ? "-" : "";
        if (d == 0) return sign + "0.0";
        // .NET's "R" gives the shortest round-trip digits; re-lay them out as Python does.
        string r = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        int exponent = 0;
        int e = r.IndexOfAny(new[] { 'E', 'e' });
        if (e >= 0)
        {
            exponent = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }
        int dot = r.IndexOf('.');
        string intPart = dot < 0 ? r : r[..dot];
        string frac = dot < 0 ? "" : r[(dot + 1)..];
        string digits = intPart + frac;
        int decpt = intPart.Length + exponent; // value = 0.digits × 10^decpt
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') lead++;
        digits = digits[lead..];
        decpt -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) return sign + "0.0";

        if (decpt <= -4 || decpt > 16)
        {
            string mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            int exp = decpt - 1;
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }
        if (decpt <= 0) return sign + "0." + new string('0', -decpt) + digits;
        if (decpt >= digits.Length) return sign + digits + new string('0', decpt - digits.Length) + ".0";
        return sign + digits[..decpt] + "." + digits[decpt..];
    }

    /// <summary>Parses JSON text into dictionaries (file order), lists, strings, longs, doubles, booleans and nulls.</summary>
    internal static object? Loads(string text)
    {
        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
        return Convert(doc.RootElement);
    }

    static object? Convert(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var dict = new Dictionary<string, object?>();
                foreach (var p in e.EnumerateObject()) dict[p.Name] = Convert(p.Value);
                return dict;
            case JsonValueKind.Array:
                var list = new List<object?>();
                foreach (var item in e.EnumerateArray()) list.Add(Convert(item));
                return list;
            case JsonValueKind.String: return e.GetString();
            case JsonValueKind.Number:
                var raw = e.GetRawText();
                if (raw.IndexOfAny(new[] { '.', 'e', 'E' }) < 0 && e.TryGetInt64(out var l)) return l;
                return e.GetDouble();
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Null: return null;
            default: throw new InvalidDataException($"Unexpected JSON value kind {e.ValueKind}.");
        }
    }
}
