using KerasSharp.Utils;
using Xunit;

namespace KerasSharp.Tests.Utils;

/// <summary>
/// <see cref="SummaryTable"/> against Keras 3's <c>model.summary()</c> text. The 88- and 76-wide tables, the width
/// table and the footers are the literal outputs of docs/keras-behaviour.md section 2; the other
/// literals (wrapping, truncation, show_trainable, narrow widths) were produced by Keras's print_summary layout
/// through rich 14.3.3.
/// </summary>
public sealed class SummaryTableTests
{
    static readonly SummaryRow[] TenTwentyThree =
    {
        new("dense (Dense)", "(None, 20)", 220, true),
        new("dense_1 (Dense)", "(None, 3)", 63, true),
    };

    static readonly SummaryTotals BeforeFit = new(283, 1132, 0, 0, null, 0);
    static readonly SummaryTotals AfterFit = new(283, 1132, 0, 0, 568, 2272);

    /// <summary>Raw string literals follow the source file's line endings; Keras's text uses "\n".</summary>
    static string Text(string literal) => literal.ReplaceLineEndings("\n") + "\n";

    [Fact]
    public void Sequential_10_20_3_At88_MatchesKeras()
    {
        Assert.Equal(KerasOutputs.Text(KerasOutputs.ChapterSummary88), SummaryTable.Render("sequential", TenTwentyThree, BeforeFit, 88));
    }

    [Fact]
    public void Sequential_10_20_3_At76_MatchesKeras()
    {
        Assert.Equal(KerasOutputs.Text(KerasOutputs.ChapterSummary76), SummaryTable.Render("sequential", TenTwentyThree, BeforeFit, 76));
    }

    [Fact]
    public void AfterFit_AddsOptimizerLineAndCountsItInTotal()
    {
        string text = SummaryTable.Render("sequential", TenTwentyThree, AfterFit, 88);
        string before = SummaryTable.Render("sequential", TenTwentyThree, BeforeFit, 88);

        const string footer = """
             Total params: 851 (3.32 KB)
             Trainable params: 283 (1.11 KB)
             Non-trainable params: 0 (0.00 B)
             Optimizer params: 568 (2.22 KB)
            """;
        Assert.EndsWith("┘\n" + Text(footer), text);
        // The table itself is the same as before fit.
        Assert.Equal(before[..before.IndexOf(" Total", StringComparison.Ordinal)], text[..text.IndexOf(" Total", StringComparison.Ordinal)]);
    }

    [Fact]
    public void Footer_TotalsAddTrainableNonTrainableAndOptimizer()
    {
        var totals = new SummaryTotals(1_000_000, 4_000_000, 2_000, 8_000, 3, 12);
        string text = SummaryTable.Render("m", TenTwentyThree, totals, 88);
        Assert.Contains("\n Total params: 1,002,003 (3.82 MB)\n", text);
        Assert.Contains("\n Trainable params: 1,000,000 (3.81 MB)\n", text);
        Assert.Contains("\n Non-trainable params: 2,000 (7.81 KB)\n", text);
        Assert.EndsWith("\n Optimizer params: 3 (12.00 B)\n", text);
    }

    [Fact]
    public void Footer_OptimizerBytesIgnoredWithoutOptimizerLine()
    {
        string text = SummaryTable.Render("m", TenTwentyThree, new SummaryTotals(283, 1132, 0, 0, null, 999), 88);
        Assert.Contains("\n Total params: 283 (1.11 KB)\n", text);
        Assert.DoesNotContain("Optimizer", text);
    }

    [Fact]
    public void UnbuiltLayer_MatchesKeras()
    {
        const string expected = """
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
            │ dense_2 (Dense)                      │ ?                           │     0 (unbuilt) │
            └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
             Total params: 0 (0.00 B)
             Trainable params: 0 (0.00 B)
             Non-trainable params: 0 (0.00 B)
            """;
        var rows = new[] { new SummaryRow("dense_2 (Dense)", SummaryTable.FormatShape(null), null) };
        Assert.Equal(Text(expected), SummaryTable.Render("sequential", rows, new SummaryTotals(0, 0, 0, 0, null, 0), 88));
    }

    [Theory]
    [InlineData(76, new[] { 33, 24, 15 })]
    [InlineData(88, new[] { 38, 29, 17 })]
    [InlineData(100, new[] { 44, 33, 19 })]
    [InlineData(120, new[] { 53, 40, 23 })]
    public void ColumnWidths_MatchKeras(int lineLength, int[] expected)
    {
        string[] lines = SummaryTable.Render("sequential", TenTwentyThree, BeforeFit, lineLength).Split('\n');
        string header = lines[2];
        Assert.Equal(expected, header.Split('┃')[1..^1].Select(s => s.Length));
        // Every line of the table is exactly line_length wide.
        foreach (string line in lines[1..8])
            Assert.Equal(lineLength, line.Length);
    }

    [Fact]
    public void ShowTrainable_AtDefault100_MatchesKeras()
    {
        const string expected = """
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━┓
            ┃ Layer (type)                          ┃ Output Shape                  ┃        Param # ┃ Traina… ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━┩
            │ dense (Dense)                         │ (None, 20)                    │            220 │    Y    │
            ├───────────────────────────────────────┼───────────────────────────────┼────────────────┼─────────┤
            │ dense_1 (Dense)                       │ (None, 3)                     │             63 │    Y    │
            └───────────────────────────────────────┴───────────────────────────────┴────────────────┴─────────┘
             Total params: 851 (3.32 KB)
             Trainable params: 283 (1.11 KB)
             Non-trainable params: 0 (0.00 B)
             Optimizer params: 568 (2.22 KB)
            """;
        Assert.Equal(Text(expected), SummaryTable.Render("sequential", TenTwentyThree, AfterFit, 100, showTrainable: true));
    }

    [Fact]
    public void ShowTrainable_At88_TruncatesHeaderLikeKeras()
    {
        string text = SummaryTable.Render("sequential", TenTwentyThree, BeforeFit, 88, showTrainable: true);
        string[] lines = text.Split('\n');
        Assert.Equal("┃ Layer (type)                     ┃ Output Shape              ┃      Param # ┃ Train… ┃", lines[2]);
        Assert.Equal("│ dense (Dense)                    │ (None, 20)                │          220 │   Y    │", lines[4]);
    }

    [Fact]
    public void LongCells_WrapTruncateAndShowTrainable_MatchKeras()
    {
        const string expected = """
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━┓
            ┃ Layer (type)                ┃ Output Shape          ┃    Param # ┃ Trai… ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━┩
            │ dense (Dense)               │ (None, 20)            │        220 │   Y   │
            ├─────────────────────────────┼───────────────────────┼────────────┼───────┤
            │ dense_1 (Dense)             │ (None, 3)             │         63 │   Y   │
            ├─────────────────────────────┼───────────────────────┼────────────┼───────┤
            │ dropout (Dropout)           │ (None, 3)             │          0 │   -   │
            ├─────────────────────────────┼───────────────────────┼────────────┼───────┤
            │ frozen_layer_with_a_very_l… │ (None, 3, 4, 5, 6, 7, │  1,234,567 │   N   │
            │ (Dense)                     │ 8, 9, 10, 11, 12, 13) │            │       │
            ├─────────────────────────────┼───────────────────────┼────────────┼───────┤
            │ dense_2 (Dense)             │ ?                     │          0 │   -   │
            │                             │                       │  (unbuilt) │       │
            └─────────────────────────────┴───────────────────────┴────────────┴───────┘
             Total params: 851 (3.32 KB)
             Trainable params: 283 (1.11 KB)
             Non-trainable params: 0 (0.00 B)
             Optimizer params: 568 (2.22 KB)
            """;
        var rows = new List<SummaryRow>(TenTwentyThree)
        {
            new("dropout (Dropout)", "(None, 3)", 0),
            new("frozen_layer_with_a_very_long_name_indeed_yes (Dense)",
                SummaryTable.FormatShape(new long?[] { null, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 }), 1_234_567, false),
            new("dense_2 (Dense)", "?", null),
        };
        Assert.Equal(Text(expected), SummaryTable.Render("sequential", rows, AfterFit, 76, showTrainable: true));
    }

    [Fact]
    public void NarrowTable_WrapsWordsAndAlignsHeaderToTheBottom()
    {
        const string expected = """
            Model: "functional"
            ┏━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━┓
            ┃                 ┃ Output     ┃ Param ┃
            ┃ Layer (type)    ┃ Shape      ┃     # ┃
            ┡━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━┩
            │ input_layer     │ (None, 10) │     0 │
            │ (InputLayer)    │            │       │
            ├─────────────────┼────────────┼───────┤
            │ multi word      │ (None, 20) │   220 │
            │ layer name that │            │       │
            │ wraps (Dense)   │            │       │
            └─────────────────┴────────────┴───────┘
             Total params: 220 (880.00 B)
             Trainable params: 220 (880.00 B)
             Non-trainable params: 0 (0.00 B)
            """;
        var rows = new[]
        {
            new SummaryRow("input_layer (InputLayer)", "(None, 10)", 0),
            new SummaryRow("multi word layer name that wraps (Dense)", "(None, 20)", 220, true),
        };
        Assert.Equal(Text(expected), SummaryTable.Render("functional", rows, new SummaryTotals(220, 880, 0, 0, null, 0), 40));
    }

    [Fact]
    public void VeryNarrowTable_TruncatesHeadersWithEllipsis()
    {
        string[] lines = SummaryTable.Render("sequential", TenTwentyThree, AfterFit, 40, showTrainable: true).Split('\n');
        Assert.Equal("┏━━━━━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━┳━━━┓", lines[1]);
        Assert.Equal("┃               ┃ Output    ┃ Par… ┃   ┃", lines[2]);
        Assert.Equal("┃ Layer (type)  ┃ Shape     ┃    # ┃ … ┃", lines[3]);
        Assert.Equal("│ dense (Dense) │ (None,    │  220 │ Y │", lines[5]);
        Assert.Equal("│               │ 20)       │      │   │", lines[6]);
        Assert.Equal("│ dense_1       │ (None, 3) │   63 │ Y │", lines[8]);
        Assert.Equal("│ (Dense)       │           │      │   │", lines[9]);
    }

    [Fact]
    public void NoRows_HeaderThenBottom()
    {
        const string expected = """
            Model: "empty"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 0 (0.00 B)
             Trainable params: 0 (0.00 B)
             Non-trainable params: 0 (0.00 B)
            """;
        Assert.Equal(Text(expected), SummaryTable.Render("empty", Array.Empty<SummaryRow>(), new SummaryTotals(0, 0, 0, 0, null, 0), 76));
    }

    [Fact]
    public void WideCharacters_TakeTwoCells()
    {
        const string expected = """
            Model: "嵌入"
            ┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━┓
            ┃ Layer (type)        ┃ Output Shape   ┃ Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━┩
            │ 嵌入层嵌入层嵌入层… │ (None, 5, 8)   │     800 │
            │ (Embedding)         │                │         │
            └─────────────────────┴────────────────┴─────────┘
             Total params: 810 (3.16 KB)
             Trainable params: 800 (3.12 KB)
             Non-trainable params: 10 (40.00 B)
            """;
        var rows = new[] { new SummaryRow("嵌入层嵌入层嵌入层嵌入层嵌入层嵌入层 (Embedding)", "(None, 5, 8)", 800, true) };
        Assert.Equal(Text(expected), SummaryTable.Render("嵌入", rows, new SummaryTotals(800, 3200, 10, 40, null, 0), 50));
    }

    [Theory]
    [InlineData(15, false)]
    [InlineData(8, false)]
    [InlineData(-5, false)]
    [InlineData(30, true)]
    public void TooNarrow_ThrowsLikeKeras(int lineLength, bool showTrainable)
    {
        // Keras: a column narrower than 4 gives ValueError("Insufficient console width to print summary.").
        var e = Assert.Throws<ArgumentOutOfRangeException>(
            () => SummaryTable.Render("m", TenTwentyThree, BeforeFit, lineLength, showTrainable));
        Assert.Contains("Insufficient console width to print summary.", e.Message);
    }

    [Fact]
    public void NarrowestAccepted_Is16()
    {
        const string table = """
            ┏━━━━━━┳━━━┳━━━┓
            ┃ Lay… ┃ … ┃ … ┃
            ┃ (ty… ┃ … ┃ # ┃
            ┡━━━━━━╇━━━╇━━━┩
            │ den… │ … │ … │
            │ (De… │ … │   │
            ├──────┼───┼───┤
            │ den… │ … │ … │
            │ (De… │ … │   │
            └──────┴───┴───┘
            """;
        Assert.Contains(Text(table), SummaryTable.Render("m", TenTwentyThree, BeforeFit, 16));
    }

    [Fact]
    public void NarrowestAcceptedWithTrainable_Is31()
    {
        const string table = """
            ┏━━━━━━━━━━━┳━━━━━━━━━┳━━━┳━━━┓
            ┃ Layer     ┃ Output  ┃ … ┃   ┃
            ┃ (type)    ┃ Shape   ┃ # ┃ … ┃
            ┡━━━━━━━━━━━╇━━━━━━━━━╇━━━╇━━━┩
            │ dense     │ (None,  │ … │ Y │
            │ (Dense)   │ 20)     │   │   │
            ├───────────┼─────────┼───┼───┤
            │ dense_1   │ (None,  │ … │ Y │
            │ (Dense)   │ 3)      │   │   │
            └───────────┴─────────┴───┴───┘
            """;
        Assert.Contains(Text(table), SummaryTable.Render("m", TenTwentyThree, BeforeFit, 31, showTrainable: true));
    }

    [Fact]
    public void ZeroLineLength_MeansTheDefault()
    {
        string text = SummaryTable.Render("m", TenTwentyThree, BeforeFit, 0);
        Assert.Equal(SummaryTable.DefaultLineLength(), text.Split('\n')[1].Length);
        string trainable = SummaryTable.Render("m", TenTwentyThree, BeforeFit, 0, showTrainable: true);
        Assert.Equal(SummaryTable.DefaultLineLength(true), trainable.Split('\n')[1].Length);
    }

    [Fact]
    public void DefaultLineLength_IsAtMost88AndFollowsTheTerminal()
    {
        int length = SummaryTable.DefaultLineLength();
        Assert.InRange(length, int.MinValue, 88);
        Assert.InRange(SummaryTable.DefaultLineLength(true), length, 100);
        // Under the test runner the output is redirected (no terminal): Python falls back to 80 columns, so 76,
        // unless $COLUMNS says otherwise.
        if (Console.IsOutputRedirected && Environment.GetEnvironmentVariable("COLUMNS") is null)
        {
            Assert.Equal(76, length);
            Assert.Equal(76, SummaryTable.DefaultLineLength(true));
        }
    }

    [Theory]
    [InlineData(1132, "1.11 KB")]
    [InlineData(0, "0.00 B")]
    [InlineData(2272, "2.22 KB")]
    [InlineData(3404, "3.32 KB")]
    [InlineData(880, "880.00 B")]
    [InlineData(1023, "1023.00 B")]
    [InlineData(1024, "1.00 KB")]
    [InlineData(1048575, "1024.00 KB")]
    [InlineData(1048576, "1.00 MB")]
    [InlineData(5_000_000_000, "4.66 GB")]
    [InlineData(1L << 50, "1.00 PB")]
    [InlineData(long.MaxValue, "8.00 PB")]  // Keras's loop divides once more after PB and still prints "PB"
    [InlineData(1126, "1.10 KB")]  // 1.099609375
    [InlineData(1044, "1.02 KB")]  // 1.01953125: no tie in binary, rounds up as Python does
    [InlineData(1034, "1.01 KB")]  // 1.009765625
    [InlineData(1029, "1.00 KB")]  // 1.0048828125
    [InlineData(1152, "1.12 KB")]  // 1.125 exactly: Python rounds the tie to even
    [InlineData(1160, "1.13 KB")]  // 1.1328125
    public void FormatBytes_MatchesReadableMemorySize(long bytes, string expected)
    {
        Assert.Equal(expected, SummaryTable.FormatBytes(bytes));
    }

    [Fact]
    public void FormatShape_MatchesKeras()
    {
        Assert.Equal("(None, 20)", SummaryTable.FormatShape(new long?[] { null, 20 }));
        Assert.Equal("(None)", SummaryTable.FormatShape(new long?[] { null }));
        Assert.Equal("(32)", SummaryTable.FormatShape(new long?[] { 32 }));
        Assert.Equal("(None, 28, 28, 1)", SummaryTable.FormatShape(new long?[] { null, 28, 28, 1 }));
        Assert.Equal("()", SummaryTable.FormatShape(Array.Empty<long?>()));
        Assert.Equal("?", SummaryTable.FormatShape(null));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(1234, "1,234")]
    [InlineData(1234567, "1,234,567")]
    [InlineData(-1234, "-1,234")]
    [InlineData(long.MaxValue, "9,223,372,036,854,775,807")]
    public void FormatCount_UsesCommaThousands(long n, string expected)
    {
        Assert.Equal(expected, SummaryTable.FormatCount(n));
    }

    [Fact]
    public void Formatting_IgnoresTheCurrentCulture()
    {
        var culture = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = culture;
        try
        {
            Assert.Equal("1,234", SummaryTable.FormatCount(1234));
            Assert.Equal("1.11 KB", SummaryTable.FormatBytes(1132));
            Assert.Contains(" Total params: 851 (3.32 KB)\n", SummaryTable.Render("m", TenTwentyThree, AfterFit, 88));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}
