using System.Text.Json;
using KerasSharp.Layers;
using KerasSharp.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Reshaping;

/// <summary>
/// ZeroPadding1D/2D/3D and Cropping1D/2D/3D against real Keras 3.11.3 (Fixtures/make_padding_cropping_fixtures.py:
/// every argument form, both data formats): the same input gives Keras's values exactly, compute_output_shape gives
/// Keras's symbolic shape, get_config gives Keras's JSON; plus hand-made cases and the errors.
/// </summary>
public sealed class PaddingCroppingTests : TorchTest
{
    static readonly Lazy<JsonElement> Fixture = new(() => JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Reshaping", "Fixtures", "padding_cropping.json"))).RootElement);

    static JsonElement Case(string name) => Fixture.Value.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Fixture.Value.GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

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

    static long[] Longs(JsonElement e) => e.EnumerateArray().Select(d => d.GetInt64()).ToArray();

    /// <summary>Keras's keyword arguments as C# arguments: ints, lists of ints, lists of ints and pairs.</summary>
    static Layer Make(string className, JsonElement kwargs, string name)
    {
        object? Arg(string key, bool pairs)
        {
            if (!kwargs.TryGetProperty(key, out var v)) return null;
            if (!pairs) return v.ValueKind == JsonValueKind.Number ? new IntTuple(v.GetInt32()) : new IntTuple(v.EnumerateArray().Select(x => x.GetInt32()).ToArray());
            return v.ValueKind == JsonValueKind.Number ? (IntPairs)v.GetInt32()
                : new IntPairs(v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? new[] { e.GetInt32() } : e.EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToArray());
        }
        string? format = kwargs.TryGetProperty("data_format", out var f) ? f.GetString() : null;
        return className switch
        {
            "ZeroPadding1D" => ZeroPadding1D((IntTuple?)Arg("padding", false), format, name: name),
            "ZeroPadding2D" => ZeroPadding2D((IntPairs?)Arg("padding", true), format, name: name),
            "ZeroPadding3D" => ZeroPadding3D((IntPairs?)Arg("padding", true), format, name: name),
            "Cropping1D" => Cropping1D((IntTuple?)Arg("cropping", false), name: name),
            "Cropping2D" => Cropping2D((IntPairs?)Arg("cropping", true), format, name: name),
            "Cropping3D" => Cropping3D((IntPairs?)Arg("cropping", true), format, name: name),
            _ => throw new InvalidOperationException(className),
        };
    }

    [Theory, MemberData(nameof(Cases))]
    public void Layer_MatchesKeras(string caseName)
    {
        var c = Case(caseName);
        var config = c.GetProperty("config");
        var layer = Make(c.GetProperty("class_name").GetString()!, c.GetProperty("kwargs"), config.GetProperty("name").GetString()!);
        var x = tensor(Floats(c.GetProperty("input"))).reshape(Longs(c.GetProperty("input_shape")));

        var symbolic = c.GetProperty("symbolic_output_shape").EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Null ? (long?)null : d.GetInt64());
        Assert.Equal(symbolic, layer.compute_output_shape(Layer.ShapeOf(x, batchUnknown: true)));
        var y = layer.call(x, training: false);
        Assert.Equal(Longs(c.GetProperty("output_shape")), y.shape);
        Assert.Equal(Floats(c.GetProperty("output")), y.contiguous().data<float>().ToArray());
        Assert.Equal(PythonJson.Dumps(PythonJson.Loads(config.GetRawText())), PythonJson.Dumps(layer.get_config()));
        // The config rebuilds an equal layer, as Keras's from_config does.
        var rebuilt = Serialization.DeserializeLayer(PythonJson.Loads(PythonJson.Dumps(Serialization.Layer(layer))));
        Assert.Equal(PythonJson.Dumps(layer.get_config()), PythonJson.Dumps(rebuilt.get_config()));
    }

    [Fact]
    public void HandComputed_PadAndCropAreInverse()
    {
        // Keras's docstring: ZeroPadding2D(padding=1) on [[0, 1], [2, 3]] (one channel).
        var x = arange(4f).reshape(1, 2, 2, 1);
        var padded = ZeroPadding2D(1).call(x, false);
        Assert.Equal(new long[] { 1, 4, 4, 1 }, padded.shape);
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 0, 1, 0, 0, 2, 3, 0, 0, 0, 0, 0 }, padded.contiguous().data<float>().ToArray());
        Assert.Equal(x.data<float>().ToArray(), Cropping2D(1).call(padded, false).contiguous().data<float>().ToArray());
        // ZeroPadding1D docstring: padding=2 on (2, 2, 3) adds two zero steps at both ends.
        var seq = arange(12f).reshape(2, 2, 3);
        var p1 = ZeroPadding1D(2).call(seq, false);
        Assert.Equal(new long[] { 2, 6, 3 }, p1.shape);
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, p1[0].narrow(0, 2, 2).contiguous().data<float>().ToArray());
        Assert.Equal(0f, p1[1, 5].sum().item<float>());
        Assert.Equal(seq.data<float>().ToArray(), Cropping1D(2).call(p1, false).contiguous().data<float>().ToArray());
    }

    [Fact]
    public void Padding_AfterAConvolution_StaysInTheNativeLayout()
    {
        // A channels_last convolution returns native (N, C, H, W) storage seen as (N, H, W, C); the padding keeps that,
        // so the next convolution's permute back is free.
        var conv = Conv2D(3, 3, padding: "same");
        var pad = ZeroPadding2D(((1, 0), (0, 2)));
        var y = pad.call(conv.invoke(rand(2, 5, 5, 2), false), false);
        Assert.Equal(new long[] { 2, 6, 7, 3 }, y.shape);
        Assert.True(y.permute(0, 3, 1, 2).is_contiguous());
        // Cropping is a view of the same storage, shifted by one row and one column.
        var storage = y.detach();
        var crop = Cropping2D(1).call(storage, false);
        crop[0, 0, 0, 0].fill_(42f);
        Assert.Equal(42f, storage[0, 1, 1, 0].item<float>());
    }

    [Fact]
    public void Errors_NameTheBadValues()
    {
        var e = Assert.Throws<ArgumentException>(() => Cropping2D(((1, 1), (2, 2))).call(zeros(1, 4, 4, 1), false));
        Assert.Contains("Values in `cropping` argument should be smaller than the corresponding spatial dimension of the input", e.Message);
        Assert.Contains("inputs.shape=(1, 4, 4, 1), cropping=((1, 1), (2, 2))", e.Message);
        e = Assert.Throws<ArgumentException>(() => Cropping1D((2, 3)).call(zeros(1, 5, 2), false));
        Assert.Contains("inputs.shape=(1, 5, 2), cropping=(2, 3)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Cropping3D(((1, 1), (0, 0), (3, 0))).compute_output_shape(new long?[] { null, 4, 4, 3, 1 }));
        Assert.Contains("input_shape=(None, 4, 4, 3, 1), cropping=((1, 1), (0, 0), (3, 0))", e.Message);
        // Unknown sizes are not checked until the call, as in Keras.
        Assert.Equal(new long?[] { null, null, 2, 1 }, Cropping2D(((5, 5), (1, 1))).compute_output_shape(new long?[] { null, null, 4, 1 }));

        Assert.Equal("`cropping` cannot be negative. Received: cropping=-1. (Parameter 'cropping')", Assert.Throws<ArgumentException>(() => Cropping2D(-1)).Message);
        Assert.StartsWith("`cropping` should have two elements. Received: cropping=(1, 2, 3).", Assert.Throws<ArgumentException>(() => Cropping2D((1, 2, 3))).Message);
        Assert.StartsWith("`padding` should have two elements. Received: padding=(1, 2, 3).", Assert.Throws<ArgumentException>(() => ZeroPadding2D((1, 2, 3))).Message);
        Assert.StartsWith("`padding` should have 3 elements.", Assert.Throws<ArgumentException>(() => ZeroPadding3D((1, 2))).Message);
        Assert.StartsWith("The `2nd entry of padding` argument must be a tuple of 2 integers. Received 2nd entry of padding=(1, 2, 3)",
            Assert.Throws<ArgumentException>(() => ZeroPadding3D(new[] { new[] { 1 }, new[] { 1, 2, 3 }, new[] { 1 } })).Message);
        Assert.Contains("including values {-2}", Assert.Throws<ArgumentException>(() => ZeroPadding3D(new[] { new[] { 1 }, new[] { 1, -2 }, new[] { 1 } })).Message);
        Assert.Contains("Received padding=(1, -2)", Assert.Throws<ArgumentException>(() => ZeroPadding1D((1, -2))).Message);
        Assert.Throws<ArgumentException>(() => ZeroPadding2D(-1));
        Assert.Throws<ArgumentException>(() => ZeroPadding2D(data_format: "channels_middle"));

        var rank = Assert.Throws<ArgumentException>(() => ZeroPadding2D(1, name: "zp").call(zeros(1, 4, 4), false));
        Assert.Contains("Input of layer 'zp' (ZeroPadding2D) must have rank 4, shaped (batch, height, width, channels); received input shape (1, 4, 4).", rank.Message);
        // A refused call leaves the layer usable.
        var layer = Cropping1D(1);
        Assert.Throws<ArgumentException>(() => layer.call(zeros(1, 2, 3), false));
        Assert.Equal(new long[] { 1, 2, 3 }, layer.call(zeros(1, 4, 3), false).shape);
    }

    [Fact]
    public void KerasErrorFixture_HasTheMessagesQuoted()
    {
        // The wording above is Keras's (Fixtures/padding_cropping.json "errors"), checked here so a change in the
        // fixture shows up.
        var errors = Fixture.Value.GetProperty("errors");
        Assert.Contains("cropping=((1, 1), (2, 2))", errors.GetProperty("cropping2d_too_large").GetString());
        Assert.Equal("ValueError: `cropping` cannot be negative. Received: cropping=-1.", errors.GetProperty("cropping2d_negative").GetString());
        Assert.Equal("ValueError: `padding` should have two elements. Received: padding=(1, 2, 3).", errors.GetProperty("zeropadding2d_three").GetString());
        Assert.Equal("ValueError: The `2nd entry of padding` argument must be a tuple of 2 integers. Received 2nd entry of padding=(1, 2, 3)", errors.GetProperty("zeropadding3d_bad_entry").GetString());
    }
}
