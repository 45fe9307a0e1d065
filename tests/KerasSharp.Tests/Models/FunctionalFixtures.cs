using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

/// <summary>Reads Models/Fixtures/functional_fixtures.json, written by real Keras (make_functional_fixtures.py).</summary>
internal static class FunctionalFixtures
{
    static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path("functional_fixtures.json"))).RootElement);

    internal static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Models", "Fixtures", name);

    internal static string Summary(string name) => Root.Value.GetProperty("summaries").GetProperty(name).GetString()!;

    internal static string Repr(string name) => Root.Value.GetProperty("reprs").GetProperty(name).GetString()!;

    internal static JsonElement Merge(string name) => Root.Value.GetProperty("merge").GetProperty(name);

    internal static string? MergeError(string name) => Root.Value.GetProperty("merge").GetProperty("errors").GetProperty(name).GetString();

    /// <summary>A nested JSON list of numbers as a float32 tensor.</summary>
    internal static Tensor Array(JsonElement e)
    {
        var shape = new System.Collections.Generic.List<long>();
        var cur = e;
        while (cur.ValueKind == JsonValueKind.Array) { shape.Add(cur.GetArrayLength()); cur = cur[0]; }
        var values = new System.Collections.Generic.List<float>();
        void Walk(JsonElement x)
        {
            if (x.ValueKind == JsonValueKind.Array) foreach (var c in x.EnumerateArray()) Walk(c);
            else values.Add(x.GetSingle());
        }
        Walk(e);
        return tensor(values.ToArray()).reshape(shape.ToArray());
    }

    internal static Tensor Input(string key) => Array(Root.Value.GetProperty("merge").GetProperty("inputs").GetProperty(key));

    internal static long?[] Shape(JsonElement e) =>
        e.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Null ? (long?)null : d.GetInt64()).ToArray();
}
