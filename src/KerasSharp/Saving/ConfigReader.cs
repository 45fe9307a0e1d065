using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace KerasSharp.Saving;

/// <summary>
/// Typed, checked access to one object's <c>config</c> dictionary from a config.json (Keras: the keyword arguments
/// <c>from_config</c> passes to a constructor). Every error names the object and the key; Keras options KerasSharp does
/// not implement are accepted only at their default (e.g. <c>kernel_constraint: null</c>), otherwise refused with
/// <see cref="NotSupportedException"/> rather than silently ignored.
/// </summary>
internal sealed class ConfigReader
{
    readonly Dictionary<string, object?> _config;
    readonly string _what;

    internal ConfigReader(object? config, string what)
    {
        _what = what;
        _config = config switch
        {
            null => new Dictionary<string, object?>(),
            Dictionary<string, object?> d => d,
            _ => throw new InvalidDataException($"The config of {what} must be a JSON object; found {Describe(config)}."),
        };
    }

    internal IReadOnlyDictionary<string, object?> values => _config;

    internal bool Has(string key) => _config.TryGetValue(key, out var v) && v is not null;

    internal object? Raw(string key) => _config.TryGetValue(key, out var v) ? v : null;

    internal string? String(string key, string? fallback = null) => Raw(key) switch
    {
        null => fallback,
        string s => s,
        var v => throw Invalid(key, "a string", v),
    };

    internal bool Bool(string key, bool fallback) => Raw(key) switch
    {
        null => fallback,
        bool b => b,
        var v => throw Invalid(key, "true or false", v),
    };

    internal double? Double(string key, double? fallback = null) => Raw(key) switch
    {
        null => fallback,
        long l => l,
        double d => d,
        var v => throw Invalid(key, "a number", v),
    };

    internal long? Long(string key, long? fallback = null) => Raw(key) switch
    {
        null => fallback,
        long l => l,
        double d when d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
        var v => throw Invalid(key, "an integer", v),
    };

    internal int? Int(string key, int? fallback = null)
    {
        var l = Long(key, fallback);
        if (l is null) return null;
        if (l < int.MinValue || l > int.MaxValue) throw Invalid(key, "a 32-bit integer", l);
        return (int)l;
    }

    /// <summary>
    /// A shape such as <c>[null, 10]</c>: each dimension null or an integer in [-1, 2147483647] (what KerasSharp's
    /// layers take, -1 being Reshape's "inferred"; a dimension of 1e12 could never be allocated).
    /// </summary>
    internal long?[]? Shape(string key)
    {
        var raw = Raw(key);
        if (raw is null) return null;
        const string expected = "a list of nulls and integers in [-1, 2147483647]";
        if (raw is not List<object?> list || list.Count > 64) throw Invalid(key, expected, raw);
        return list.Select(d => d switch
        {
            null => (long?)null,
            long l when l >= -1 && l <= int.MaxValue => l,
            _ => throw Invalid(key, expected, raw),
        }).ToArray();
    }

    /// <summary>Accepts <paramref name="key"/> only when absent or equal to Keras's default (null unless given).</summary>
    internal void RequireDefault(string key, object? expected = null, string? why = null)
    {
        var v = Raw(key);
        if (v is null && expected is null) return;
        if (v is not null && expected is not null && Equals(Normalize(v), Normalize(expected))) return;
        if (v is null && expected is not null) return; // absent: the default applies
        throw new NotSupportedException(
            $"{_what} has `{key}`={PythonJson.Dumps(v)}, which KerasSharp does not support{(why is null ? "" : " (" + why + ")")}; only {PythonJson.Dumps(expected)} can be loaded.");
    }

    static object? Normalize(object? v) => v switch
    {
        long l => (double)l,
        int i => (double)i,
        _ => v,
    };

    internal Exception Invalid(string key, string expected, object? found) =>
        new InvalidDataException($"{_what}: `{key}` must be {expected}; found {Describe(found)}.");

    internal static string Describe(object? v) => v switch
    {
        null => "null",
        string s => $"\"{s}\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => PythonJson.Dumps(v),
    };
}
