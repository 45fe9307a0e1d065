// The course's RNN chapter: its one code cell (tanh and its derivative by autograd), then an experiment showing the
// chapter's point, that gated cells (LSTM, GRU) carry information across a long sequence where a SimpleRNN does not.
// The chapter's Python sits next to the C# as comments.
//
//   dotnet run --project examples/Sequences -- [--figures DIR]
//
// Figures (PNG) go to DIR, by default ./figures.
using System.Diagnostics;
using KerasSharp.Examples.Sequences;

if (!KerasSharp.Examples.ExampleArgs.TryFiguresDir(args, "Sequences", out var figuresDir, out int exitCode)) return exitCode;

var total = Stopwatch.StartNew();
void Time(string name, Action cell)
{
    var sw = Stopwatch.StartNew();
    cell();
    Console.WriteLine($"  ({name}: {sw.Elapsed.TotalSeconds:F1} s)");
    Console.WriteLine();
}

Time("cell 1", () => Cell1_TanhDerivative.Run(figuresDir));
Time("experiment", () => Experiment_LongRangeMemory.Run(figuresDir));

Console.WriteLine($"Done in {total.Elapsed.TotalSeconds:F1} s.");
return 0;
