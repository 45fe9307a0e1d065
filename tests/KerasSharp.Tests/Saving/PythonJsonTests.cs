using KerasSharp.Saving;
using Xunit;

namespace KerasSharp.Tests.Saving;

/// <summary>config.json is written as Python's json.dumps writes it; expected texts were produced by CPython 3.11.</summary>
[Collection(TorchStateCollection.Name)]
public sealed class PythonJsonTests
{
    [Fact]
    public void Floats_AreWrittenAsPythonRepr()
    {
        var values = new object?[]
        {
            0.001, 1e-07, 0.0010000000474974513, 1.0, 100.0, 1e16, 1234567890123456.0, 0.0001, 1e-05, 0.1 + 0.2, -0.0, 1.5e300,
            double.Epsilon, 123456789012345678.0, 0.9, 0.999, 0.99, 2.5e-05, -3.25, 1e22, 9007199254740992.0,
        };
        Assert.Equal(
            "[0.001, 1e-07, 0.0010000000474974513, 1.0, 100.0, 1e+16, 1234567890123456.0, 0.0001, 1e-05, 0.30000000000000004, -0.0, 1.5e+300, "
            + "5e-324, 1.2345678901234568e+17, 0.9, 0.999, 0.99, 2.5e-05, -3.25, 1e+22, 9007199254740992.0]",
            PythonJson.Dumps(values));
    }

    [Fact]
    public void StringsIntsAndContainers_AreWrittenAsPythonDoes_AndReadBack()
    {
        var value = new Dictionary<string, object?>
        {
            ["a"] = "é\n\"\\\t\u0001",
            ["b"] = new List<object?> { 1, -2L, null, true, false },
            ["c"] = new Dictionary<string, object?>(),
        };
        const string text = "{\"a\": \"\\u00e9\\n\\\"\\\\\\t\\u0001\", \"b\": [1, -2, null, true, false], \"c\": {}}";
        Assert.Equal(text, PythonJson.Dumps(value));

        var back = Assert.IsType<Dictionary<string, object?>>(PythonJson.Loads(text));
        Assert.Equal(new[] { "a", "b", "c" }, back.Keys);
        Assert.Equal("é\n\"\\\t\u0001", back["a"]);
        Assert.Equal(new object?[] { 1L, -2L, null, true, false }, (List<object?>)back["b"]!);
        Assert.IsType<double>(((List<object?>)PythonJson.Loads("[1.0]")!)[0]);
        Assert.IsType<double>(((List<object?>)PythonJson.Loads("[1e-07]")!)[0]);
    }
}
