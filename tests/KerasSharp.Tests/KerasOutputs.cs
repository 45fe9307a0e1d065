namespace KerasSharp.Tests;

/// <summary>
/// Keras 3's literal output for the chapter's 10-20-3 model (docs/keras-behaviour.md, section 2.2,
/// checked by running), used by the summary tests at the table level and at the model level.
/// </summary>
internal static class KerasOutputs
{
    /// <summary>model.summary() before fit on a terminal of at least 92 columns (L = 88).</summary>
    internal const string ChapterSummary88 = """
        Model: "sequential"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
        ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
        │ dense (Dense)                        │ (None, 20)                  │             220 │
        ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
        │ dense_1 (Dense)                      │ (None, 3)                   │              63 │
        └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
         Total params: 283 (1.11 KB)
         Trainable params: 283 (1.11 KB)
         Non-trainable params: 0 (0.00 B)
        """;

    /// <summary>The same without a terminal (80 columns, so L = 76).</summary>
    internal const string ChapterSummary76 = """
        Model: "sequential"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
        ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
        │ dense (Dense)                   │ (None, 20)             │           220 │
        ├─────────────────────────────────┼────────────────────────┼───────────────┤
        │ dense_1 (Dense)                 │ (None, 3)              │            63 │
        └─────────────────────────────────┴────────────────────────┴───────────────┘
         Total params: 283 (1.11 KB)
         Trainable params: 283 (1.11 KB)
         Non-trainable params: 0 (0.00 B)
        """;

    /// <summary>The footer after compile(optimizer: "adam") and one fit.</summary>
    internal const string ChapterFooterAfterAdam = """
         Total params: 851 (3.32 KB)
         Trainable params: 283 (1.11 KB)
         Non-trainable params: 0 (0.00 B)
         Optimizer params: 568 (2.22 KB)
        """;

    /// <summary>A raw string literal as Keras prints it: "\n" line endings and a final newline.</summary>
    internal static string Text(string literal) => literal.ReplaceLineEndings("\n") + "\n";
}
