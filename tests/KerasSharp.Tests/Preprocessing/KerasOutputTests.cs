using KerasSharp.Saving;
using Xunit;
using static KerasSharp.Tests.Preprocessing.PreprocessingFixtures;

namespace KerasSharp.Tests.Preprocessing;

/// <summary>
/// Every image preprocessing layer against real Keras 3.11.3's outputs (Fixtures/make_preprocessing_fixtures.py):
/// Resizing and CenterCrop for each interpolation and aspect-ratio option, the random layers with factors that make
/// their transform deterministic (each fill mode and interpolation) and with seeded draws, rebuilt from the config
/// Keras wrote, whose get_config must be Keras's.
/// </summary>
public sealed class KerasOutputTests : TorchTest
{
    public static TheoryData<string, int> CaseNames()
    {
        var data = new TheoryData<string, int>();
        int i = 0;
        foreach (var c in Cases()) data.Add(c.ToString(), i++);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Output_ConfigAndShape_AreKeras(string description, int index)
    {
        var c = Cases().ElementAt(index);
        Assert.Equal(description, c.ToString());
        var layer = FromKerasConfig(c.class_name, c.config);
        Assert.Equal(PythonJson.Dumps(PythonJson.Loads(c.config)), PythonJson.Dumps(layer.get_config()));
        var x = Input(c.input);
        Assert.Equal(c.output_shape, layer.compute_output_shape(new long?[] { null }.Concat(x.shape.Skip(1).Select(d => (long?)d)).ToArray()));
        var y = layer.call(x, c.training);
        Assert.Equal(c.shape, y.shape);
        var got = y.contiguous().data<float>().ToArray();
        var worst = Enumerable.Range(0, got.Length).Select(i => (i, d: Math.Abs(got[i] - c.y[i]))).MaxBy(t => t.d);
        Assert.True(worst.d <= 1e-5f * Math.Max(1f, Math.Abs(c.y[worst.i])),
            $"{description}: element {worst.i} is {got[worst.i]}, Keras computed {c.y[worst.i]}");
    }
}
