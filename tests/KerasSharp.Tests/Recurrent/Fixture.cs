using System.Text.Json;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Recurrent;

/// <summary>Reads the real-Keras fixtures of Fixtures/ (made by Fixtures/make_rnn_fixtures.py).</summary>
internal static class Fixture
{
    internal static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Recurrent", "Fixtures", name);

    static JsonElement? _outputs;

    /// <summary>rnn_outputs.json's cases by name.</summary>
    internal static JsonElement Case(string name)
    {
        _outputs ??= JsonDocument.Parse(File.ReadAllText(Path("rnn_outputs.json"))).RootElement;
        return _outputs.Value.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
    }

    internal static IEnumerable<string> CaseNames()
    {
        _outputs ??= JsonDocument.Parse(File.ReadAllText(Path("rnn_outputs.json"))).RootElement;
        return _outputs.Value.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);
    }

    /// <summary>A nested JSON list as a float32 tensor.</summary>
    internal static Tensor ToTensor(JsonElement e)
    {
        var shape = new List<long>();
        for (var cur = e; cur.ValueKind == JsonValueKind.Array; cur = cur[0]) shape.Add(cur.GetArrayLength());
        var values = new List<float>();
        void Walk(JsonElement n)
        {
            if (n.ValueKind == JsonValueKind.Array) foreach (var c in n.EnumerateArray()) Walk(c);
            else values.Add(n.GetSingle());
        }
        Walk(e);
        return tensor(values.ToArray()).reshape(shape.ToArray());
    }

    /// <summary>A nested JSON list as a double array of rank 3.</summary>
    internal static double[][][] ToArray3(JsonElement e) =>
        e.EnumerateArray().Select(a => a.EnumerateArray().Select(b => b.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray()).ToArray();

    internal static string Text(string file, string key) =>
        JsonDocument.Parse(File.ReadAllText(Path(file))).RootElement.GetProperty(key).GetString()!;
}
