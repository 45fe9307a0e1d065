// The course's convolutional networks chapter, ported cell by cell. Each cell is one static class with a Run method;
// the chapter's Python sits next to the C# as comments.
//
//   dotnet run --project examples/ConvNets -- [--figures DIR] [--epochs N]
//
// Figures (PNG, and the sliding-bump animation as an HTML page) and the trained LeNet go to DIR, by default ./figures.
using System.Diagnostics;
using System.Globalization;
using KerasSharp.Examples.ConvNets;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string figures = "figures";
int epochs = 10;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--figures" when i + 1 < args.Length:
            figures = args[++i];
            break;
        case "--epochs" when i + 1 < args.Length && int.TryParse(args[i + 1], out var e) && e > 0:
            epochs = e;
            i++;
            break;
        case "-h" or "--help":
            Console.WriteLine("usage: ConvNets [--figures DIR] [--epochs N]   (defaults: ./figures, 10)");
            return 0;
        default:
            Console.Error.WriteLine($"unknown or incomplete argument '{args[i]}'; usage: ConvNets [--figures DIR] [--epochs N]");
            return 2;
    }
}
string figuresDir = Directory.CreateDirectory(Path.GetFullPath(figures)).FullName;
Console.WriteLine($"Figures: {figuresDir}");

var total = Stopwatch.StartNew();
void Time(string name, Action cell)
{
    var sw = Stopwatch.StartNew();
    cell();
    Console.WriteLine($"  ({name}: {sw.Elapsed.TotalSeconds:F1} s)");
    Console.WriteLine();
}

double[,,] image = null!;
Time("cell 1", () => Cell1_RandomWalk.Run(figuresDir));                 // random walk, Gaussian smoothing
Time("cell 2", () => Cell2_SlidingBump.Run(figuresDir));                // translation equivariance (animation)
Time("cell 3", () => image = Cell3_RgbImage.Run(figuresDir));           // an RGB image and its channels
Time("cell 4", () => Cell4_GaussianBlur.Run(figuresDir, image));        // 9x9 Gaussian blur
Time("cell 5", () => Cell5_ConvLayers.Run(figuresDir, image));          // Conv2D, MaxPool2D, AvgPool2D
Time("cell 6", () => Cell6_LeNet.Run(figuresDir,                         // LeNet-5 on the digits
    Path.Combine(AppContext.BaseDirectory, "data", "digits.csv"), epochs));

Console.WriteLine($"Done in {total.Elapsed.TotalSeconds:F1} s.");
return 0;
