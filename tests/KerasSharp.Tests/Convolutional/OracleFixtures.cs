using System.Reflection;
using System.Text.Json;
using KerasSharp.Activations;
using KerasSharp.Layers;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Convolutional;

/// <summary>
/// Reads the JSON that real Keras 3 wrote (Fixtures/make_layer_fixtures.py, make_lenet_fixtures.py) and builds layers
/// from a case's Keras keyword arguments through the public constructors.
/// </summary>
internal static class OracleFixtures
{
    internal static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Convolutional", "Fixtures", name);

    internal static JsonElement Load(string name) => JsonDocument.Parse(File.ReadAllText(Path(name))).RootElement;

    static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() =>
        Load("layer_outputs.json").GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!));

    internal static IEnumerable<string> CaseNames(string prefix) =>
        Cases.Value.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal));

    internal static JsonElement Case(string name) => Cases.Value[name];

    /// <summary>The entries of a list in a fixture file, by their "name".</summary>
    internal static Dictionary<string, JsonElement> Named(string file, string list) =>
        Load(file).GetProperty(list).EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);

    /// <summary>
    /// Builds the case's layer, gives it the case's weights (Keras's layout, through set_weights) and checks Keras's
    /// output shape, compute_output_shape and values for the case's input.
    /// </summary>
    internal static void CheckLayerCase(JsonElement c)
    {
        var name = c.GetProperty("name").GetString();
        var layer = MakeLayer(c.GetProperty("class_name").GetString()!, c.GetProperty("kwargs"));
        var x = Tensor(c.GetProperty("input"), c.GetProperty("input_shape"));
        var shape = x.shape.Select(d => (long?)d).ToArray();
        layer.ensure_built(shape);
        var weights = c.GetProperty("weights").EnumerateArray().Zip(c.GetProperty("weight_shapes").EnumerateArray(),
            (w, s) => Tensor(w, s)).ToList();
        Assert.Equal(weights.Count, layer.variables.Count);
        layer.set_weights(weights);

        var expectedShape = Shape(c.GetProperty("output_shape"));
        Assert.Equal(expectedShape.Select(d => (long?)d), layer.compute_output_shape(shape));
        var y = layer.call(x, training: false);
        Assert.Equal(expectedShape, y.shape);
        var actual = y.contiguous().data<float>().ToArray();
        var closeness = Closeness(actual, Floats(c.GetProperty("output")));
        Assert.True(closeness <= 1, $"{name}: output differs from Keras's (closeness {closeness:G4}, 1 = tolerance)");
    }

    /// <summary>Flattens a nested JSON list of numbers.</summary>
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

    /// <summary>The layer <c>keras.layers.&lt;class_name&gt;(**kwargs)</c>, by its C# constructor's parameter names.</summary>
    internal static Layer MakeLayer(string className, JsonElement kwargs)
    {
        var type = typeof(Layer).Assembly.GetType("KerasSharp.Layers." + className)
            ?? throw new InvalidOperationException($"No layer class {className}.");
        var ctor = type.GetConstructors().Single();
        var given = kwargs.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        var unknown = given.Keys.Except(ctor.GetParameters().Select(p => p.Name!)).ToList();
        if (unknown.Count > 0) throw new InvalidOperationException($"{className} has no parameter(s) {string.Join(", ", unknown)}.");
        var args = ctor.GetParameters().Select(p => given.TryGetValue(p.Name!, out var v) ? Convert(v, p) : p.DefaultValue).ToArray();
        try { return (Layer)ctor.Invoke(args); }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    static object? Convert(JsonElement v, ParameterInfo p)
    {
        var t = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        if (v.ValueKind == JsonValueKind.Null) return null;
        if (t == typeof(IntTuple))
            return v.ValueKind == JsonValueKind.Array ? new IntTuple(v.EnumerateArray().Select(x => x.GetInt32()).ToArray()) : new IntTuple(v.GetInt32());
        if (t == typeof(int)) return v.GetInt32();
        if (t == typeof(double)) return v.GetDouble();
        if (t == typeof(bool)) return v.GetBoolean();
        if (t == typeof(string)) return v.GetString();
        if (t == typeof(ActivationFunction)) return ActivationFunction.get(v.GetString());
        if (t == typeof(KerasSharp.Initializers.Initializer)) return KerasSharp.Initializers.Initializer.get(v.GetString()!);
        if (t == typeof(KerasSharp.Regularizers.Regularizer)) return KerasSharp.Regularizers.Regularizer.get(v.GetString()!);
        if (t == typeof(KerasSharp.Constraints.Constraint)) return KerasSharp.Constraints.Constraint.get(v.GetString()!);
        throw new InvalidOperationException($"Cannot convert {v} to {t.Name} for `{p.Name}`.");
    }

    /// <summary>Largest |a - b| / (atol + rtol |b|) over the elements; at most 1 means close.</summary>
    internal static double Closeness(float[] actual, float[] expected, double atol = 2e-5, double rtol = 1e-5)
    {
        if (actual.Length != expected.Length) return double.PositiveInfinity;
        double worst = 0;
        for (int i = 0; i < actual.Length; i++)
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / (atol + rtol * Math.Abs(expected[i])));
        return worst;
    }
}
