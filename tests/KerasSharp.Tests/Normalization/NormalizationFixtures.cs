using System.Text.Json;
using KerasSharp.Layers;
using static TorchSharp.torch;
using NormalizationLayer = KerasSharp.Layers.Normalization;

namespace KerasSharp.Tests.Normalization;

/// <summary>
/// Reads what real Keras 3.11.3 wrote (Fixtures/make_normalization_fixtures.py) and builds the layers of a case from
/// Keras's keyword arguments.
/// </summary>
internal static class NormalizationFixtures
{
    internal static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Normalization", "Fixtures", name);

    internal static JsonElement Load(string name) => JsonDocument.Parse(File.ReadAllText(Path(name))).RootElement;

    static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() =>
        Load("normalization_outputs.json").GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!));

    internal static IEnumerable<string> CaseNames => Cases.Value.Keys;

    internal static JsonElement Case(string name) => Cases.Value[name];

    internal static float[] Floats(JsonElement e)
    {
        var list = new List<float>();
        void Walk(JsonElement x)
        {
            if (x.ValueKind == JsonValueKind.Array) foreach (var y in x.EnumerateArray()) Walk(y);
            else list.Add((float)x.GetDouble());
        }
        Walk(e);
        return list.ToArray();
    }

    internal static long[] Shape(JsonElement e) => e.EnumerateArray().Select(d => d.GetInt64()).ToArray();

    internal static Tensor Tensor(JsonElement values, JsonElement shape) => tensor(Floats(values)).reshape(Shape(shape));

    static IntTuple? Axis(JsonElement kwargs) =>
        !kwargs.TryGetProperty("axis", out var a) ? (IntTuple?)null
        : a.ValueKind == JsonValueKind.Number ? new IntTuple(a.GetInt32()) : new IntTuple(a.EnumerateArray().Select(x => x.GetInt32()).ToArray());

    static double? Double(JsonElement kwargs, string key) => kwargs.TryGetProperty(key, out var v) ? v.GetDouble() : null;

    static bool? Bool(JsonElement kwargs, string key) => kwargs.TryGetProperty(key, out var v) ? v.GetBoolean() : null;

    static double[]? Doubles(JsonElement kwargs, string key) =>
        !kwargs.TryGetProperty(key, out var v) ? null : v.ValueKind == JsonValueKind.Number ? new[] { v.GetDouble() } : v.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    /// <summary><c>keras.layers.&lt;class_name&gt;(**kwargs, name=name)</c>.</summary>
    internal static Layer Make(string className, JsonElement kwargs, string name) => className switch
    {
        "LayerNormalization" => new LayerNormalization(Axis(kwargs), Double(kwargs, "epsilon") ?? 1e-3, Bool(kwargs, "center") ?? true,
            Bool(kwargs, "scale") ?? true, rms_scaling: Bool(kwargs, "rms_scaling") ?? false, name: name),
        "GroupNormalization" => new GroupNormalization(kwargs.TryGetProperty("groups", out var g) ? g.GetInt32() : 32,
            kwargs.TryGetProperty("axis", out var ax) ? ax.GetInt32() : -1, Double(kwargs, "epsilon") ?? 1e-3,
            Bool(kwargs, "center") ?? true, Bool(kwargs, "scale") ?? true, name: name),
        "UnitNormalization" => new UnitNormalization(Axis(kwargs), name: name),
        "Normalization" => new NormalizationLayer(
            !kwargs.TryGetProperty("axis", out var na) ? null
                : na.ValueKind == JsonValueKind.Null ? Array.Empty<int>()
                : na.ValueKind == JsonValueKind.Number ? new[] { na.GetInt32() } : na.EnumerateArray().Select(x => x.GetInt32()).ToArray(),
            Doubles(kwargs, "mean"), Doubles(kwargs, "variance"), Bool(kwargs, "invert") ?? false, name: name),
        _ => throw new InvalidOperationException(className),
    };

    /// <summary>Largest |a - b| / (atol + rtol |b|) over the elements; at most 1 means close.</summary>
    internal static double Closeness(float[] actual, float[] expected, double atol = 2e-5, double rtol = 1e-5)
    {
        if (actual.Length != expected.Length) return double.PositiveInfinity;
        double worst = 0;
        for (int i = 0; i < actual.Length; i++)
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / (atol + rtol * Math.Abs(expected[i])));
        return worst;
    }

    /// <summary>A float array of the tensor's rank and shape (float[,], float[,,], ...), as a user hands data to adapt.</summary>
    internal static Array ToArray(Tensor t)
    {
        var values = t.contiguous().data<float>().ToArray();
        var array = Array.CreateInstance(typeof(float), t.shape.Select(d => (int)d).ToArray());
        Buffer.BlockCopy(values, 0, array, 0, values.Length * sizeof(float));
        return array;
    }
}
