using System.Collections;
using KerasSharp.Callbacks;
using KerasSharp.Models;
using KerasSharp.Plotting;
using TorchSharp;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;

namespace KerasSharp.Tests.Interactive;

/// <summary>
/// How a model, a history and a figure display in a .NET Interactive notebook, driven the way the kernel's
/// convention-based lookup drives it (Microsoft.DotNet.Interactive.Formatting's Formatter: an attribute named
/// TypeFormatterSourceAttribute on the type or a base type, its FormatterSourceType and PreferredMimeTypes, the source's
/// CreateTypeFormatters(), each formatter's MimeType and Format(object, TextWriter)), by reflection only.
/// </summary>
public sealed class NotebookDisplayTests : TorchTest
{
    static (string[] preferred, List<object> formatters) Lookup(Type type)
    {
        var attribute = type.GetCustomAttributes(true).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
        var preferred = (string[])attribute.GetType().GetProperty("PreferredMimeTypes")!.GetValue(attribute)!;
        var source = Activator.CreateInstance(sourceType)!;
        var formatters = ((IEnumerable)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!).Cast<object>().ToList();
        return (preferred, formatters);
    }

    static string? Display(object value, string mimeType)
    {
        foreach (var formatter in Lookup(value.GetType()).formatters)
        {
            var type = formatter.GetType();
            if ((string)type.GetProperty("MimeType")!.GetValue(formatter)! != mimeType) continue;
            if (!((Type)type.GetProperty("Type")!.GetValue(formatter)!).IsInstanceOfType(value)) continue;
            var writer = new StringWriter();
            if ((bool)type.GetMethod("Format")!.Invoke(formatter, [value, writer])!) return writer.ToString();
        }
        return null;
    }

    static Sequential ChapterModel() => Sequential([InputLayer(input_shape: [10]), Dense(units: 20, activation: "relu"), Dense(units: 3, activation: "softmax")]);

    [Fact]
    public void Model_DisplaysAsItsSummaryTable()
    {
        var model = ChapterModel();

        Assert.Equal(["text/html", "text/plain"], Lookup(typeof(Sequential)).preferred); // found on the base class Model
        var text = Display(model, "text/plain")!;
        Assert.Equal(model.summary_text(line_length: 88), text);
        Assert.Contains(" Total params: 283 (1.11 KB)", text); // 10·20 + 20 + 20·3 + 3
        Assert.Equal("<pre>" + System.Net.WebUtility.HtmlEncode(text) + "</pre>", Display(model, "text/html"));
        Assert.Contains("Model: &quot;sequential&quot;", Display(model, "text/html"));
    }

    [Fact]
    public void History_DisplaysAsItsCurves_AndAsItsLastEpochInText()
    {
        var model = Sequential([InputLayer(input_shape: [2]), Dense(units: 1, activation: "sigmoid")]);
        model.compile(loss: "binary_crossentropy", optimizer: "sgd", metrics: ["accuracy"]);
        var h = model.fit(torch.rand(8, 2), torch.ones(8, 1), epochs: 2, verbose: 0);

        Assert.Equal(["image/png", "text/plain"], Lookup(typeof(History)).preferred);
        var png = Convert.FromBase64String(Display(h, "image/png")!);
        Assert.Equal(h.plot().ToPng(), png);
        Assert.Equal($"History (2 epochs): accuracy: {h.history["accuracy"][1]:G6}, loss: {h.history["loss"][1]:G6}", Display(h, "text/plain"));
    }

    [Fact]
    public void History_WithoutEpochs_ShowsNoImage()
    {
        var h = new History();

        Assert.Null(Display(h, "image/png"));
        Assert.Equal("History (no epochs)", Display(h, "text/plain"));
    }

    [Fact]
    public void Figure_DisplaysAsPng_AndAnimationAsItsLastFrame()
    {
        var fig = new Figure(2, 1.5);
        fig.Subplot().Plot([0.0, 1.0, 2.0], [0.0, 1.0, 4.0]);
        var frames = new List<int>();
        var ani = new Animation(fig, frames.Add, frames: 3);

        Assert.Equal(["image/png"], Lookup(typeof(Figure)).preferred);
        Assert.Equal(fig.ToPng(), Convert.FromBase64String(Display(fig, "image/png")!));
        Assert.StartsWith("iVBORw0KGgo", Display(ani, "image/png")); // base64 of the PNG signature
        Assert.Equal(2, frames.Last()); // the last frame was drawn
    }
}
