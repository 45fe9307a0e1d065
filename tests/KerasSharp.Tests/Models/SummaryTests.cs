using System;
using KerasSharp.Models;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

/// <summary>model.summary() against Keras 3's literal output (docs/keras-behaviour.md, section 2.2).</summary>
public sealed class SummaryTests : TorchTest
{
    static string Text(string literal) => literal.ReplaceLineEndings("\n") + "\n";

    static Sequential ChapterModel() => Sequential([
        InputLayer(input_shape: [10]),
        Dense(units: 20, activation: "relu"),
        Dense(units: 3, activation: "softmax"),
    ]);

    static string SummaryOf(Model model, int? lineLength = null)
    {
        string? text = null;
        model.summary(line_length: lineLength, print_fn: s => text = s);
        Assert.NotNull(text);
        return text!;
    }

    [Fact]
    public void ChapterModel_BeforeFit_At88_IsKerasTextExactly()
    {
        Assert.Equal(KerasOutputs.Text(KerasOutputs.ChapterSummary88), SummaryOf(ChapterModel(), 88));
    }

    [Fact]
    public void ChapterModel_WithoutTerminal_Is76Wide()
    {
        // Tests run with output redirected: Keras falls back to 80 columns, so 76.
        Assert.True(Console.IsOutputRedirected);
        Assert.Equal(KerasOutputs.Text(KerasOutputs.ChapterSummary76), SummaryOf(ChapterModel()));
    }

    [Fact]
    public void AfterFit_FooterShowsAdamState()
    {
        var model = ChapterModel();
        model.compile(loss: "categorical_crossentropy", optimizer: "adam");
        var before = SummaryOf(model, 88);
        Assert.DoesNotContain("Optimizer params", before);
        model.fit(randn(8, 10), eye(3)[tensor(new long[] { 0, 1, 2, 0, 1, 2, 0, 1 })], verbose: 0);
        var after = SummaryOf(model, 88);
        Assert.EndsWith(KerasOutputs.Text(KerasOutputs.ChapterFooterAfterAdam), after);
        // The table itself is unchanged by training.
        Assert.Equal(before[..before.IndexOf(" Total", StringComparison.Ordinal)], after[..after.IndexOf(" Total", StringComparison.Ordinal)]);
    }

    [Fact]
    public void UnbuiltModel_ShowsQuestionMarkAndUnbuilt_ZeroTotals()
    {
        var model = Sequential([Dense(4)]);
        var text = SummaryOf(model, 88);
        Assert.Contains("│ dense (Dense)                        │ ?                           │     0 (unbuilt) │", text);
        Assert.Contains(" Total params: 0 (0.00 B)\n", text);
        Assert.Contains(" Trainable params: 0 (0.00 B)\n", text);
    }

    [Fact]
    public void BuiltFromData_ShowsFirstBatchSize_AsKerasDoes()
    {
        // Keras (checked by running): without an Input, the model is built from the first batch's concrete shape.
        var model = Sequential([Dense(3, activation: "softmax")]);
        model.compile(loss: "categorical_crossentropy", optimizer: "adam");
        model.fit(randn(10, 4), eye(3)[tensor(new long[] { 0, 1, 2, 0, 1, 2, 0, 1, 2, 0 })], verbose: 0);
        Assert.Contains("│ dense (Dense)                        │ (10, 3)                     │              15 │", SummaryOf(model, 88));
    }

    [Fact]
    public void ThousandsSeparators_InCountsAndTotals()
    {
        var model = Sequential([InputLayer(shape: [4]), Dense(256, activation: "relu"), Dense(256, activation: "relu"), Dense(3)]);
        var text = SummaryOf(model, 88);
        Assert.Contains("│ dense_1 (Dense)                      │ (None, 256)                 │          65,792 │", text);
        Assert.Contains(" Total params: 67,843 (265.01 KB)\n", text);
    }

    [Fact]
    public void SummaryWithoutPrintFn_WritesToConsole()
    {
        var model = ChapterModel();
        var previous = Console.Out;
        var capture = new System.IO.StringWriter();
        Console.SetOut(capture);
        try { model.summary(); }
        finally { Console.SetOut(previous); }
        Assert.Equal(SummaryOf(model), capture.ToString());
    }
}
