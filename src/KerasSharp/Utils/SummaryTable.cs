using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace KerasSharp.Utils;

/// One line of the summary table. <paramref name="Name"/> is "name (ClassName)"; <paramref name="Params"/> null means
/// the layer is not built ("0 (unbuilt)"); <paramref name="Trainable"/> null means a layer without weights ("-");
/// <paramref name="ConnectedTo"/> fills the "Connected to" column of a non-sequential functional model.
internal sealed record SummaryRow(string Name, string OutputShape, long? Params, bool? Trainable = null, string? ConnectedTo = null);

/// Parameter counts and sizes in bytes under the table. <paramref name="OptimizerCount"/> null means no
/// "Optimizer params" line (Keras prints it only once the optimizer is built).
internal sealed record SummaryTotals(long TrainableCount, long TrainableBytes, long NonTrainableCount, long NonTrainableBytes,
    long? OptimizerCount, long OptimizerBytes);

/// Keras 3's <c>model.summary()</c> text: mirrors <c>keras/src/utils/summary_utils.py</c> (<c>print_summary</c>,
/// sequential-like layout, <c>readable_memory_size</c>, <c>format_layer_shape</c>) as printed through
/// <c>print_fn</c>, i.e. plain text, and lays the table out the way <c>rich.table.Table(..., width=L,
/// show_lines=True)</c> does with the HEAVY_HEAD box (column widths, <c>ratio_reduce</c>, word wrapping, "…").
internal static class SummaryTable
{
    const int SequentialDefaultLineLength = 88;
    static readonly double[] SequentialPositions = { 0.45, 0.80, 1.0 };
    const int FunctionalDefaultLineLength = 108;
    static readonly double[] FunctionalPositions = { 0.3, 0.56, 0.74, 1.0 };

    enum Justify { Left, Center, Right }

    /// The whole summary as Keras hands it to <c>print_fn</c>: the "Model:" line, the table and the footer, ending in
    /// "\n". A <paramref name="lineLength"/> of 0 means the default (<see cref="DefaultLineLength(bool)"/>), as
    /// Keras's <c>line_length or default</c>. <paramref name="connectedTo"/> selects Keras's layout for a
    /// non-sequential functional model (a fourth column, "Connected to", and 108 columns by default).
    internal static string Render(string modelName, IReadOnlyList<SummaryRow> rows, SummaryTotals totals, int lineLength,
        bool showTrainable = false, bool connectedTo = false)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(totals);
        int length = lineLength == 0 ? DefaultLineLength(showTrainable, connectedTo) : lineLength;

        var positions = new List<double>(connectedTo ? FunctionalPositions : SequentialPositions);
        var header = new List<string> { "Layer (type)", "Output Shape", "Param #" };
        var justify = new List<Justify> { Justify.Left, Justify.Left, Justify.Right };
        if (connectedTo)
        {
            header.Add("Connected to");
            justify.Add(Justify.Left);
        }
        if (showTrainable)
        {
            for (int i = 0; i < positions.Count; i++) positions[i] *= 0.90;
            positions.Add(1.0);
            header.Add("Trainable");
            justify.Add(Justify.Center);
        }

        // Keras: width_i = int(pos_i * line_length) - sum(previous widths), each at least 4.
        var requested = new int[positions.Count];
        int current = 0;
        for (int i = 0; i < positions.Count; i++)
        {
            int width = (int)(positions[i] * length) - current;
            if (width < 4)
                throw new ArgumentOutOfRangeException(nameof(lineLength), lineLength, "Insufficient console width to print summary.");
            requested[i] = width;
            current += width;
        }
        int[] widths = RichColumnWidths(requested, length);

        var cells = new List<string[]>();
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row);
            var fields = new List<string>
            {
                row.Name,
                row.OutputShape,
                row.Params is long n ? FormatCount(n) : "0 (unbuilt)",
            };
            if (connectedTo) fields.Add(row.ConnectedTo ?? "-");
            if (showTrainable) fields.Add(row.Trainable is bool t ? (t ? "Y" : "N") : "-");
            cells.Add(fields.ToArray());
        }

        var sb = new StringBuilder();
        sb.Append("Model: \"").Append(modelName).Append("\"\n");
        RenderTable(sb, header.ToArray(), justify.ToArray(), cells, widths);

        long optimizerCount = totals.OptimizerCount ?? 0;
        long optimizerBytes = totals.OptimizerCount is null ? 0 : totals.OptimizerBytes;
        long totalCount = totals.TrainableCount + totals.NonTrainableCount + optimizerCount;
        long totalBytes = totals.TrainableBytes + totals.NonTrainableBytes + optimizerBytes;
        AppendFooter(sb, "Total params", totalCount, totalBytes);
        AppendFooter(sb, "Trainable params", totals.TrainableCount, totals.TrainableBytes);
        AppendFooter(sb, "Non-trainable params", totals.NonTrainableCount, totals.NonTrainableBytes);
        if (totals.OptimizerCount is not null)
            AppendFooter(sb, "Optimizer params", optimizerCount, optimizerBytes);
        return sb.ToString();
    }

    /// Keras's default line length: <c>min(88, shutil.get_terminal_size().columns - 4)</c>.
    internal static int DefaultLineLength() => DefaultLineLength(false);

    /// As <see cref="DefaultLineLength()"/>; with <paramref name="showTrainable"/> Keras starts from 88 + 12 = 100.
    internal static int DefaultLineLength(bool showTrainable) => DefaultLineLength(showTrainable, false);

    /// As <see cref="DefaultLineLength(bool)"/>; a non-sequential functional model starts from 108.
    internal static int DefaultLineLength(bool showTrainable, bool connectedTo)
    {
        int preferred = (connectedTo ? FunctionalDefaultLineLength : SequentialDefaultLineLength) + (showTrainable ? 12 : 0);
        return Math.Min(preferred, TerminalColumns() - 4);
    }

    /// Python's <c>shutil.get_terminal_size().columns</c>: $COLUMNS if set to a positive integer, else the size of the
    /// terminal on standard output, else 80 (which is what a redirected output gets).
    static int TerminalColumns()
    {
        string? env = Environment.GetEnvironmentVariable("COLUMNS");
        if (int.TryParse(env, NumberStyles.None, CultureInfo.InvariantCulture, out int fromEnv) && fromEnv > 0)
            return fromEnv;
        try
        {
            if (!Console.IsOutputRedirected)
            {
                int width = Console.WindowWidth;
                if (width > 0) return width;
            }
        }
        catch (Exception e) when (e is System.IO.IOException || e is InvalidOperationException || e is PlatformNotSupportedException)
        {
            // No terminal: fall through to Python's fallback.
        }
        return 80;
    }

    /// Keras's <c>readable_memory_size</c>: "{:.2f} {unit}", dividing by 1024 while the value is at least 1024.
    internal static string FormatBytes(long bytes)
    {
        string[] units = { "B", "KB", "MB", "GB", "TB", "PB" };
        double value = bytes;
        foreach (string unit in units)
        {
            if (value / 1024 < 1) return PyFloatFormat.Fixed(value, 2) + " " + unit;
            value /= 1024;
        }
        return PyFloatFormat.Fixed(value, 2) + " " + units[^1];
    }

    /// Keras's <c>format_layer_shape</c> for one output: "(None, 20)", "(None)" for one element, "?" when unknown.
    internal static string FormatShape(IReadOnlyList<long?>? shape)
    {
        if (shape is null) return "?";
        var sb = new StringBuilder("(");
        for (int i = 0; i < shape.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(shape[i] is long d ? d.ToString(CultureInfo.InvariantCulture) : "None");
        }
        return sb.Append(')').ToString();
    }

    /// Python's <c>f"{n:,}"</c>.
    internal static string FormatCount(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    static void AppendFooter(StringBuilder sb, string label, long count, long bytes) =>
        sb.Append(' ').Append(label).Append(": ").Append(FormatCount(count)).Append(" (").Append(FormatBytes(bytes)).Append(")\n");

    // ---------------------------------------------------------------------------------------------------------------
    // rich.table.Table layout, for columns that all have a fixed width, padding (0, 1), show_edge and show_lines.

    /// rich's <c>Table._calculate_column_widths</c>: each fixed column asks for width + 2 (padding); when the total
    /// exceeds the table width less the borders, the excess is taken off evenly with <c>ratio_reduce</c>.
    static int[] RichColumnWidths(int[] requested, int tableWidth)
    {
        int n = requested.Length;
        int maxWidth = tableWidth - (n + 1);
        var widths = new int[n];
        for (int i = 0; i < n; i++)
        {
            int maximum = maxWidth < 1 ? 0 : Math.Min(requested[i] + 2, maxWidth);
            widths[i] = maximum == 0 ? 1 : maximum;
        }
        int total = Sum(widths);
        if (total > maxWidth)
        {
            // _collapse_widths changes nothing here: no column is wrappable (all have a fixed width).
            var ones = new int[n];
            Array.Fill(ones, 1);
            widths = RatioReduce(total - maxWidth, ones, widths, widths);
            for (int i = 0; i < n; i++)
                widths[i] = widths[i] < 1 ? 0 : Math.Min(requested[i] + 2, widths[i]);
        }
        return widths;
    }

    /// rich's <c>_ratio.ratio_reduce</c>, with Python's round-half-to-even.
    static int[] RatioReduce(int total, int[] ratios, int[] maximums, int[] values)
    {
        int n = values.Length;
        var r = new int[n];
        for (int i = 0; i < n; i++) r[i] = maximums[i] != 0 ? ratios[i] : 0;
        int totalRatio = Sum(r);
        if (totalRatio == 0) return (int[])values.Clone();
        int totalRemaining = total;
        var result = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (r[i] != 0 && totalRatio > 0)
            {
                int distributed = Math.Min(maximums[i], RoundHalfEven((long)r[i] * totalRemaining, totalRatio));
                result[i] = values[i] - distributed;
                totalRemaining -= distributed;
                totalRatio -= r[i];
            }
            else
            {
                result[i] = values[i];
            }
        }
        return result;
    }

    /// Python's <c>round(a / b)</c> for integers (b &gt; 0): nearest integer, ties to even.
    static int RoundHalfEven(long a, long b)
    {
        long q = (long)Math.Floor((double)a / b);
        // Correct the floating estimate exactly.
        while (q * b > a) q--;
        while ((q + 1) * b <= a) q++;
        long twiceRemainder = 2 * (a - q * b);
        if (twiceRemainder > b || (twiceRemainder == b && (q & 1) != 0)) q++;
        return (int)q;
    }

    static int Sum(int[] values)
    {
        int s = 0;
        foreach (int v in values) s += v;
        return s;
    }

    /// rich's <c>Table._render</c> with box.HEAVY_HEAD, show_header, show_edge and show_lines.
    static void RenderTable(StringBuilder sb, string[] header, Justify[] justify, List<string[]> rows, int[] widths)
    {
        int n = widths.Length;
        AppendRule(sb, widths, '┏', '━', '┳', '┓');
        AppendRow(sb, header, justify, widths, headerRow: true, '┃');
        AppendRule(sb, widths, '┡', '━', '╇', '┩');
        for (int r = 0; r < rows.Count; r++)
        {
            if (r > 0) AppendRule(sb, widths, '├', '─', '┼', '┤');
            var cells = rows[r];
            if (cells.Length != n) throw new ArgumentException("Every row must have one cell per column.");
            AppendRow(sb, cells, justify, widths, headerRow: false, '│');
        }
        AppendRule(sb, widths, '└', '─', '┴', '┘');
    }

    static void AppendRule(StringBuilder sb, int[] widths, char left, char fill, char divider, char right)
    {
        sb.Append(left);
        for (int i = 0; i < widths.Length; i++)
        {
            if (i > 0) sb.Append(divider);
            sb.Append(fill, widths[i]);
        }
        sb.Append(right).Append('\n');
    }

    static void AppendRow(StringBuilder sb, string[] cells, Justify[] justify, int[] widths, bool headerRow, char vertical)
    {
        int n = widths.Length;
        var rendered = new List<string>[n];
        int height = 1;
        for (int i = 0; i < n; i++)
        {
            rendered[i] = RenderCell(cells[i] ?? "", widths[i], justify[i]);
            height = Math.Max(height, rendered[i].Count);
        }
        // The header row is aligned to the bottom of the row, other rows to the top.
        for (int i = 0; i < n; i++)
        {
            string blank = new string(' ', widths[i]);
            while (rendered[i].Count < height)
            {
                if (headerRow) rendered[i].Insert(0, blank);
                else rendered[i].Add(blank);
            }
        }
        for (int line = 0; line < height; line++)
        {
            sb.Append(vertical);
            for (int i = 0; i < n; i++)
            {
                if (i > 0) sb.Append(vertical);
                sb.Append(rendered[i][line]);
            }
            sb.Append(vertical).Append('\n');
        }
    }

    /// One cell: rich's Padding (1 space each side, expanded to the column width) around a Text wrapped with the
    /// column's justification and overflow="ellipsis" (<c>Text.wrap</c>, <c>_wrap.divide_line</c> with fold=False,
    /// <c>Lines.justify</c>, <c>Text.truncate</c>), each line then cropped or padded to the width.
    static List<string> RenderCell(string text, int columnWidth, Justify justify)
    {
        int width = Math.Max(0, columnWidth - 2);
        var result = new List<string>();
        foreach (string paragraph in text.Split('\n'))
        {
            foreach (string piece in DivideLine(ExpandTabs(paragraph), width))
            {
                string line = RstripEnd(piece, width);
                switch (justify)
                {
                    case Justify.Left:
                        {
                            int length = Cells.Length(line);
                            line = Truncate(line, width);
                            if (length < width) line += new string(' ', width - length);
                            break;
                        }
                    case Justify.Center:
                        {
                            line = Truncate(RstripPython(line), width);
                            int left = FloorDiv(width - Cells.Length(line), 2);
                            if (left > 0) line = new string(' ', left) + line;
                            int right = width - Cells.Length(line);
                            if (right > 0) line += new string(' ', right);
                            break;
                        }
                    default:
                        {
                            line = Truncate(RstripPython(line), width);
                            int left = width - Cells.Length(line);
                            if (left > 0) line = new string(' ', left) + line;
                            break;
                        }
                }
                line = Truncate(line, width);
                result.Add(" " + Cells.SetSize(line, width) + " ");
            }
        }
        if (columnWidth < 2)
            for (int i = 0; i < result.Count; i++) result[i] = Cells.SetSize(result[i], columnWidth);
        return result;
    }

    /// rich's <c>Text.expand_tabs</c> with the console's tab size of 8.
    static string ExpandTabs(string line)
    {
        if (line.IndexOf('\t') < 0) return line;
        var sb = new StringBuilder();
        int cellPosition = 0;
        string[] parts = line.Split('\t');
        for (int i = 0; i < parts.Length; i++)
        {
            sb.Append(parts[i]);
            cellPosition += Cells.Length(parts[i]);
            if (i == parts.Length - 1) break;
            sb.Append(' '); // the tab itself becomes a space, then spaces up to the next multiple of 8
            cellPosition++;
            int remainder = cellPosition % 8;
            if (remainder != 0)
            {
                sb.Append(' ', 8 - remainder);
                cellPosition += 8 - remainder;
            }
        }
        return sb.ToString();
    }

    static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);

    /// Python's <c>str.rstrip()</c>.
    static string RstripPython(string line)
    {
        int end = line.Length;
        while (end > 0 && IsPythonSpace(line[end - 1])) end--;
        return line.Substring(0, end);
    }

    /// Python's <c>str.isspace</c> / regex <c>\s</c> for the Basic Multilingual Plane.
    static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || (c >= '\x1c' && c <= '\x1f');

    /// rich's <c>Text.truncate(width, overflow="ellipsis")</c>.
    static string Truncate(string line, int width)
    {
        if (Cells.Length(line) > width)
            return Cells.SetSize(line, width - 1) + "…";
        return line;
    }

    /// rich's <c>Text.rstrip_end</c>: drop trailing whitespace beyond <paramref name="size"/> characters.
    static string RstripEnd(string line, int size)
    {
        int length = Cells.CodePointCount(line);
        if (length <= size) return line;
        int excess = length - size;
        int end = line.Length, removed = 0;
        while (end > 0 && removed < excess && IsPythonSpace(line[end - 1]))
        {
            end--;
            removed++;
        }
        return line.Substring(0, end);
    }

    /// rich's <c>_wrap.divide_line(text, width, fold=False)</c> followed by <c>Text.divide</c>: greedy word wrap where a
    /// word is "leading spaces + non-spaces + trailing spaces"; a word wider than the line stays whole (it is
    /// truncated later).
    static List<string> DivideLine(string text, int width)
    {
        var breaks = new List<int>();
        int cellOffset = 0;
        int position = 0;
        while (true)
        {
            int start = position, i = position;
            while (i < text.Length && IsPythonSpace(text[i])) i++;
            if (i == text.Length) break; // no further word
            while (i < text.Length && !IsPythonSpace(text[i])) i++;
            int endOfNonSpace = i;
            while (i < text.Length && IsPythonSpace(text[i])) i++;
            string word = text.Substring(start, i - start);
            position = i;

            int wordLength = Cells.Length(text.Substring(start, endOfNonSpace - start));
            if (width - cellOffset >= wordLength)
            {
                cellOffset += Cells.Length(word);
            }
            else if (wordLength > width)
            {
                if (start > 0) breaks.Add(start);
                cellOffset = Cells.Length(word);
            }
            else if (cellOffset > 0 && start > 0)
            {
                breaks.Add(start);
                cellOffset = Cells.Length(word);
            }
        }
        var pieces = new List<string>();
        int from = 0;
        foreach (int b in breaks)
        {
            pieces.Add(text.Substring(from, b - from));
            from = b;
        }
        pieces.Add(text.Substring(from));
        return pieces;
    }

    /// Terminal cell widths, as rich's <c>cells.py</c> measures them (wide East Asian characters and most emoji take
    /// two cells, combining marks and control characters none). An approximation of rich's Unicode tables that is
    /// exact for ASCII and the common scripts.
    static class Cells
    {
        internal static int Length(string text)
        {
            int length = 0;
            foreach (Rune rune in text.EnumerateRunes()) length += Width(rune);
            return length;
        }

        internal static int CodePointCount(string text)
        {
            int count = 0;
            foreach (Rune _ in text.EnumerateRunes()) count++;
            return count;
        }

        /// rich's <c>set_cell_size</c>: crop or pad with spaces to exactly <paramref name="total"/> cells; a double-width
        /// character cut in half becomes a space.
        internal static string SetSize(string text, int total)
        {
            if (total <= 0) return "";
            var sb = new StringBuilder();
            int used = 0;
            foreach (Rune rune in text.EnumerateRunes())
            {
                int w = Width(rune);
                if (used + w > total)
                {
                    if (used < total) { sb.Append(' '); used++; }
                    break;
                }
                sb.Append(rune.ToString());
                used += w;
            }
            if (used < total) sb.Append(' ', total - used);
            return sb.ToString();
        }

        static readonly (int Lo, int Hi)[] Wide =
        {
            (0x1100, 0x115F), (0x231A, 0x231B), (0x2329, 0x232A), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3),
            (0x25FD, 0x25FE), (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693), (0x26A1, 0x26A1),
            (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4), (0x26EA, 0x26EA),
            (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA), (0x26FD, 0x26FD), (0x2705, 0x2705), (0x270A, 0x270B),
            (0x2728, 0x2728), (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797),
            (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55), (0x2E80, 0x303E),
            (0x3041, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA000, 0xA4CF), (0xA960, 0xA97F), (0xAC00, 0xD7A3),
            (0xF900, 0xFAFF), (0xFE10, 0xFE19), (0xFE30, 0xFE6F), (0xFF00, 0xFF60), (0xFFE0, 0xFFE6), (0x16FE0, 0x16FE4),
            (0x17000, 0x18AFF), (0x1B000, 0x1B2FF), (0x1F004, 0x1F004), (0x1F0CF, 0x1F0CF), (0x1F18E, 0x1F18E),
            (0x1F191, 0x1F19A), (0x1F200, 0x1F251), (0x1F300, 0x1F320), (0x1F32D, 0x1F335), (0x1F337, 0x1F37C),
            (0x1F37E, 0x1F393), (0x1F3A0, 0x1F3CA), (0x1F3CF, 0x1F3D3), (0x1F3E0, 0x1F3F0), (0x1F3F4, 0x1F3F4),
            (0x1F3F8, 0x1F43E), (0x1F440, 0x1F440), (0x1F442, 0x1F4FC), (0x1F4FF, 0x1F53D), (0x1F54B, 0x1F54E),
            (0x1F550, 0x1F567), (0x1F57A, 0x1F57A), (0x1F595, 0x1F596), (0x1F5A4, 0x1F5A4), (0x1F5FB, 0x1F64F),
            (0x1F680, 0x1F6C5), (0x1F6CC, 0x1F6CC), (0x1F6D0, 0x1F6D2), (0x1F6D5, 0x1F6D7), (0x1F6DC, 0x1F6DF),
            (0x1F6EB, 0x1F6EC), (0x1F6F4, 0x1F6FC), (0x1F7E0, 0x1F7EB), (0x1F7F0, 0x1F7F0), (0x1F90C, 0x1F93A),
            (0x1F93C, 0x1F945), (0x1F947, 0x1F9FF), (0x1FA70, 0x1FAFF), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD),
        };

        static int Width(Rune rune)
        {
            int cp = rune.Value;
            if (cp >= 0x20 && cp < 0x7F) return 1;
            if ((cp > 0 && cp < 0x20) || (cp >= 0x7F && cp < 0xA0)) return 0;
            if (cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F)) return 0;
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) return 0;
            if (cp >= 0x1160 && cp <= 0x11FF) return 0; // Hangul medial vowels and final consonants
            foreach (var (lo, hi) in Wide)
            {
                if (cp < lo) break;
                if (cp <= hi) return 2;
            }
            return 1;
        }
    }
}
