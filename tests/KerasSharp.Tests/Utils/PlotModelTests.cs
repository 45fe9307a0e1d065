using System;
using System.IO;
using System.Linq;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;

namespace KerasSharp.Tests.Utils;

/// <summary>
/// keras.utils.plot_model / model_to_dot (keras/src/utils/model_visualization.py): one node per layer with Keras's
/// label, one edge per connection; the picture is rendered only where Graphviz's dot is installed.
/// </summary>
public sealed class PlotModelTests : TorchTest
{
    static KerasSharp.Models.Functional Residual()
    {
        var a = keras.Input(shape: [8], name: "a");
        var h = Dense(8, activation: "relu", name: "h").call(a);
        var r = Dense(8, name: "r").call(h);
        var s = Add(name: "sum").call([h, r]);
        return keras.Model(a, Dense(2, name: "out").call(s), name: "res");
    }

    [Fact]
    public void Dot_HasANodePerLayer_AndAnEdgePerConnection()
    {
        var dot = keras.utils.model_to_dot(Residual(), show_shapes: true);
        Assert.StartsWith("digraph G {", dot);
        Assert.Contains("rankdir=TB;", dot);
        Assert.Equal(5, dot.Split('\n').Count(l => l.Contains("[label=<<table")));
        // a -> h, h -> r, h -> sum, r -> sum, sum -> out
        Assert.Equal(5, dot.Split('\n').Count(l => l.Contains(" -> ")));
        Assert.Contains("<b>sum</b> (Add)", dot);
        Assert.Contains("Input shape: <b>[(None, 8), (None, 8)]</b>", dot);
        Assert.Contains("Output shape: <b>(None, 2)</b>", dot);
        Assert.DoesNotContain("Input shape", dot.Split('\n').First(l => l.Contains("(InputLayer)")));
    }

    [Fact]
    public void PlotModel_WritesDotText_OrRendersWithGraphviz_OrSaysWhatIsMissing()
    {
        using var dir = new TempFolder();
        var model = Residual();
        keras.utils.plot_model(model, dir.File("m.dot"), show_shapes: true);
        Assert.Contains("digraph G", File.ReadAllText(dir.File("m.dot")));
        var png = dir.File("m.png");
        bool hasDot = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(p => File.Exists(Path.Combine(p, "dot")));
        if (hasDot)
        {
            keras.utils.plot_model(model, png, show_shapes: true);
            var bytes = File.ReadAllBytes(png);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes.Take(4));
        }
        else
        {
            var e = Assert.Throws<InvalidOperationException>(() => keras.utils.plot_model(model, png));
            Assert.Contains("graphviz", e.Message);
            Assert.False(File.Exists(png));
        }
        Assert.Throws<ArgumentException>(() => keras.utils.plot_model(model, dir.File("noextension")));
        Assert.Throws<ArgumentException>(() => keras.utils.model_to_dot(model, rankdir: "XY"));
    }

    [Fact]
    public void Sequential_IsDrawnAsAChain_UnbuiltIsRefused()
    {
        var seq = keras.models.Sequential([keras.Input(shape: [3]), Dense(4), Dense(2)]);
        var dot = keras.utils.model_to_dot(seq);
        Assert.Single(dot.Split('\n'), l => l.Contains(" -> "));
        Assert.Throws<InvalidOperationException>(() => keras.utils.model_to_dot(keras.models.Sequential([Dense(2)])));
    }
}
