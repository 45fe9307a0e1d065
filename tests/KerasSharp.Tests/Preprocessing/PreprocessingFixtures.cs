using System.Text.Json;
using KerasSharp.Layers;
using KerasSharp.Saving;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Preprocessing;

/// <summary>What real Keras 3.11.3 computed and wrote (Fixtures/make_preprocessing_fixtures.py).</summary>
internal static class PreprocessingFixtures
{
    internal static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Preprocessing", "Fixtures", name);

    static readonly Lazy<JsonElement> Root = new(() => JsonDocument.Parse(File.ReadAllText(Path("image_preprocessing.json"))).RootElement);

    internal static JsonElement root => Root.Value;

    internal static float[] Floats(JsonElement e) => e.EnumerateArray().Select(v => v.GetSingle()).ToArray();

    internal static long[] Longs(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt64()).ToArray();

    /// <summary>One of the fixture's input batches ("x", "x_cf", "xb").</summary>
    internal static Tensor Input(string name)
    {
        var e = root.GetProperty("inputs").GetProperty(name);
        return tensor(Floats(e.GetProperty("values"))).reshape(Longs(e.GetProperty("shape")));
    }

    internal sealed record Case(string class_name, string kwargs, string input, bool training, long[] shape, float[] y, string config, long?[] output_shape)
    {
        public override string ToString() => $"{class_name}({kwargs}) on {input}{(training ? ", training" : "")}";
    }

    internal static IEnumerable<Case> Cases() => root.GetProperty("cases").EnumerateArray().Select(c => new Case(
        c.GetProperty("class_name").GetString()!, c.GetProperty("kwargs").GetRawText(), c.GetProperty("input").GetString()!,
        c.GetProperty("training").GetBoolean(), Longs(c.GetProperty("shape")), Floats(c.GetProperty("y")), c.GetProperty("config").GetRawText(),
        c.GetProperty("output_shape").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (long?)null : v.GetInt64()).ToArray()));

    /// <summary>The layer Keras's config describes, rebuilt by KerasSharp's deserializer.</summary>
    internal static Layer FromKerasConfig(string className, string configJson) =>
        Serialization.DeserializeLayer(new Dictionary<string, object?>
        {
            ["module"] = "keras.layers",
            ["class_name"] = className,
            ["config"] = PythonJson.Loads(configJson),
        });
}
