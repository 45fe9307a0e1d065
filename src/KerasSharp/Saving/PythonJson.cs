using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace KerasSharp.Saving;

/// <summary>
/// JSON as Python's <c>json.dumps</c> writes it (Keras: <c>json.dumps(serialize_keras_object(model))</c> in
/// keras/src/saving/saving_lib.py): <c>", "</c> and <c>": "</c> separators, non-ASCII escaped as <c>\uXXXX</c>, floats
/// in Python's <c>repr</c> form (0.001, 1e-07, 0.0010000000474974513, 1.0) and integers without a decimal point, so
/// that a config.json written here is byte for byte what Keras writes for the same model; NaN and infinities as
/// <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c> (Python's default <c>allow_nan=True</c>). Reading follows
/// <c>json.loads</c>, those three included, and yields the same object model: <see cref="Dictionary{TKey, TValue}"/>
/// (keys in file order), <see cref="List{T}"/>, string, long, double, bool and null.
/// </summary>
internal static class PythonJson
{
    private static readonly System.Buffers.SearchValues<char> ExponentChars = System.Buffers.SearchValues.Create("Ee");

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
        int e = r.AsSpan().IndexOfAny(ExponentChars);
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

    /// <summary>Nesting deeper than this is refused (a crafted config must not exhaust the stack).</summary>
    internal const int MaxDepth = 512;

    /// <summary>
    /// Python's <c>json.loads</c>: parses JSON text into dictionaries (file order; a repeated key keeps its last value,
    /// as Python), lists, strings, longs, doubles, booleans and nulls, and accepts what <c>json.dumps</c> writes for
    /// non-finite floats: <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>. Malformed text gives an
    /// <see cref="InvalidDataException"/> with the position.
    /// </summary>
    internal static object? Loads(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        parser.SkipWhitespace();
        var value = parser.Value(0);
        parser.SkipWhitespace();
        if (!parser.AtEnd) throw parser.Error("extra data after the JSON value");
        return value;
    }

    sealed class Parser(string text)
    {
        int _pos;

        internal bool AtEnd => _pos >= text.Length;

        internal InvalidDataException Error(string what) => new($"Invalid JSON at character {_pos}: {what}.");

        internal void SkipWhitespace()
        {
            while (_pos < text.Length && text[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
        }

        char Peek() => _pos < text.Length ? text[_pos] : throw Error("unexpected end of text");

        bool TryWord(string word)
        {
            if (string.CompareOrdinal(text, _pos, word, 0, word.Length) != 0) return false;
            _pos += word.Length;
            return true;
        }

        internal object? Value(int depth)
        {
            if (depth > MaxDepth) throw Error($"nesting deeper than {MaxDepth} levels");
            char c = Peek();
            switch (c)
            {
                case '{': return Object(depth);
                case '[': return Array(depth);
                case '"': return String();
            }
            if (TryWord("null")) return null;
            if (TryWord("true")) return true;
            if (TryWord("false")) return false;
            if (TryWord("NaN")) return double.NaN;
            if (TryWord("Infinity")) return double.PositiveInfinity;
            if (TryWord("-Infinity")) return double.NegativeInfinity;
            if (c == '-' || char.IsAsciiDigit(c)) return Number();
            throw Error($"unexpected character '{c}'");
        }

        Dictionary<string, object?> Object(int depth)
        {
            _pos++;
            var dict = new Dictionary<string, object?>();
            SkipWhitespace();
            if (Peek() == '}') { _pos++; return dict; }
            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"') throw Error("expected a string key");
                var key = String();
                SkipWhitespace();
                if (Peek() != ':') throw Error("expected ':'");
                _pos++;
                SkipWhitespace();
                dict[key] = Value(depth + 1);
                SkipWhitespace();
                char c = Peek();
                _pos++;
                if (c == '}') return dict;
                if (c != ',') { _pos--; throw Error("expected ',' or '}'"); }
            }
        }

        List<object?> Array(int depth)
        {
            _pos++;
            var list = new List<object?>();
            SkipWhitespace();
            if (Peek() == ']') { _pos++; return list; }
            while (true)
            {
                SkipWhitespace();
                list.Add(Value(depth + 1));
                SkipWhitespace();
                char c = Peek();
                _pos++;
                if (c == ']') return list;
                if (c != ',') { _pos--; throw Error("expected ',' or ']'"); }
            }
        }

        string String()
        {
            _pos++;
            var sb = new StringBuilder();
            while (true)
            {
                char c = Peek();
                _pos++;
                if (c == '"') return sb.ToString();
                if (c < 0x20) { _pos--; throw Error("control character in a string"); }
                if (c != '\\') { sb.Append(c); continue; }
                char e = Peek();
                _pos++;
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > text.Length || !int.TryParse(text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                            throw Error("invalid \\u escape");
                        sb.Append((char)code);
                        _pos += 4;
                        break;
                    default:
                        _pos--;
                        throw Error($"invalid escape '\\{e}'");
                }
            }
        }

        object Number()
        {
            int start = _pos;
            if (text[_pos] == '-') _pos++;
            bool isFloat = false;
            if (_pos < text.Length && text[_pos] == '0') _pos++;
            else if (_pos < text.Length && char.IsAsciiDigit(text[_pos])) { while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++; }
            else throw Error("invalid number");
            if (_pos < text.Length && text[_pos] == '.')
            {
                isFloat = true;
                _pos++;
                if (_pos >= text.Length || !char.IsAsciiDigit(text[_pos])) throw Error("invalid number");
                while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++;
            }
            if (_pos < text.Length && text[_pos] is 'e' or 'E')
            {
                isFloat = true;
                _pos++;
                if (_pos < text.Length && text[_pos] is '+' or '-') _pos++;
                if (_pos >= text.Length || !char.IsAsciiDigit(text[_pos])) throw Error("invalid number");
                while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++;
            }
            var span = text.AsSpan(start, _pos - start);
            if (!isFloat && long.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
            return double.Parse(span, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
    }
}
