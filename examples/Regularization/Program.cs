// The course's regularization chapter, ported cell by cell: the iris model of the optimization chapter, now with a
// validation split, trained plainly, with early stopping, with an L2 penalty and with dropout. The chapter's Python
// sits next to the C# as comments.
//
//   dotnet run --project examples/Regularization -- [--figures DIR]
//
// Figures (PNG) go to DIR, by default ./figures.
using System.Diagnostics;
using KerasSharp.Examples;
using KerasSharp.Examples.Regularization;

if (!ExampleArgs.TryFiguresDir(args, "Regularization", out var figuresDir, out var exitCode)) return exitCode;

var total = Stopwatch.StartNew();
T Time<T>(string name, Func<T> cell)
{
    var sw = Stopwatch.StartNew();
    var result = cell();
    Console.WriteLine($"  ({name}: {sw.Elapsed.TotalSeconds:F1} s)");
    Console.WriteLine();
    return result;
}

// np.random.seed(0); iris = ...; iris = iris.sample(frac=1); y = to_categorical(...); X = ...; standardize
var (X, y) = Chapter.load(Path.Combine(AppContext.BaseDirectory, "data", "iris.csv"));

Time("cell 1", () => Cell1_Overfitting.Run(X, y, figuresDir));
Time("cell 2", () => Cell2_EarlyStopping.Run(X, y, figuresDir));
Time("cell 3", () => Cell3_L2.Run(X, y, figuresDir));
Time("cell 4", () => Cell4_Dropout.Run(X, y, figuresDir));

Console.WriteLine($"Done in {total.Elapsed.TotalSeconds:F1} s.");
return 0;
