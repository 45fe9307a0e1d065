using System.Text.Json;

namespace KerasSharp.Tests.Callbacks;

/// <summary>The JSON fixtures real Keras 3.11.3 produced (scripts beside them), copied next to the tests.</summary>
internal static class Oracle
{
    static readonly Dictionary<string, JsonElement> Cache = new();

    internal static JsonElement Load(string area, string name)
    {
        lock (Cache)
        {
            var path = Path.Combine(AppContext.BaseDirectory, area, "Fixtures", name);
            if (!Cache.TryGetValue(path, out var root))
                Cache[path] = root = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true }).RootElement.Clone();
            return root;
        }
    }

    internal static JsonElement Callbacks => Load("Callbacks", "callbacks_oracle.json");
    internal static JsonElement Schedules => Load("Optimizers", "schedules_oracle.json");

    /// <summary>A number, reading Python's NaN/Infinity literals.</summary>
    internal static double Number(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : e.GetString() switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        var s => throw new FormatException($"not a number: {s}"),
    };
}
