// The course's optimization chapter (optim.md), ported cell by cell. Each cell is one static class with a Run method;
// the chapter's Python sits next to the C# as comments.
//
//   dotnet run --project examples/Optimization -- [--figures DIR]
//
// Figures (PNG, and the GD/SGD animation as an HTML page) go to DIR, by default ./figures.
using System.Diagnostics;
using KerasSharp.Examples;
using KerasSharp.Examples.Optimization;

if (!ExampleArgs.TryFiguresDir(args, "Optimization", out var figuresDir, out var exitCode)) return exitCode;

var total = Stopwatch.StartNew();
void Time(string name, Action cell)
{
    var sw = Stopwatch.StartNew();
    cell();
    Console.WriteLine($"  ({name}: {sw.Elapsed.TotalSeconds:F1} s)");
    Console.WriteLine();
}

Time("cell 1", () => Cell1_GdVsSgd.Run(figuresDir));                    // GD vs SGD (animation)
Time("cell 2", () => Cell2_NonConvexLoss.Run(figuresDir));              // non-convex loss of a 6-20-1 MLP
Time("cell 3", () => Cell3_ActivationDerivatives.Run(figuresDir));      // tanh', sigmoid', ReLU' by autograd

Time("cell 4", () => Cell4_KerasCompile.Run());                         // summary and compile
Time("cell 5", () => Cell5_Standardization.Run(figuresDir,               // iris without / with standardization
    Path.Combine(AppContext.BaseDirectory, "data", "iris.csv")));

Console.WriteLine($"Done in {total.Elapsed.TotalSeconds:F1} s.");
return 0;
