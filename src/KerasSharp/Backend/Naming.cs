using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace KerasSharp.Backend;

/// <summary>
/// Keras's automatic names (keras/src/utils/naming.py): a global counter per prefix, so the first Dense is
/// "dense", the next "dense_1", and so on, until <c>keras.backend.clear_session()</c> resets them.
/// </summary>
internal static partial class Naming
{
    static readonly Dictionary<string, int> Uids = new();
    static readonly object Gate = new();

    /// <summary>Keras's <c>uniquify</c>: the bare prefix first, then prefix_1, prefix_2, ...</summary>
    internal static string Uniquify(string prefix)
    {
        lock (Gate)
        {
            Uids.TryGetValue(prefix, out var count);
            Uids[prefix] = count + 1;
            return count == 0 ? prefix : $"{prefix}_{count}";
        }
    }

    /// <summary>Keras's <c>auto_name</c>: the snake-cased class name, made unique.</summary>
    internal static string AutoName(string className) => Uniquify(ToSnakeCase(className));

    /// <summary>Keras's <c>to_snake_case</c>: Dense → dense, InputLayer → input_layer, RMSprop → rm_sprop, AdamW → adam_w.</summary>
    internal static string ToSnakeCase(string name)
    {
        name = NonWord().Replace(name, "");
        name = CapitalWord().Replace(name, "$1_$2");
        name = LowerUpper().Replace(name, "$1_$2");
        return name.ToLowerInvariant();
    }

    /// <summary>Forgets every counter (part of <c>keras.backend.clear_session()</c>).</summary>
    internal static void Reset()
    {
        lock (Gate) Uids.Clear();
    }

    [GeneratedRegex(@"\W+")]
    private static partial Regex NonWord();
    [GeneratedRegex("(.)([A-Z][a-z]+)")]
    private static partial Regex CapitalWord();
    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex LowerUpper();
}
