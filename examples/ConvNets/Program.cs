// The course's convolutional networks chapter, ported cell by cell. Each cell is one static class with a Run method;
// the chapter's Python sits next to the C# as comments.
//
//   dotnet run --project examples/ConvNets -- [--figures DIR] [--epochs N]
//
// Figures (PNG, and the sliding-bump animation as an HTML page) and the trained LeNet go to DIR, by default ./figures;
// --epochs sets the LeNet's and the ResNet's epochs (default 10).
using System.Diagnostics;
using System.Globalization;
using KerasSharp.Examples.ConvNets;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (!KerasSharp.Examples.ExampleArgs.TryFiguresDirAndEpochs(args, "ConvNets", 10, out var figuresDir, out int epochs, out int exitCode)) return exitCode;

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
string digits = Path.Combine(AppContext.BaseDirectory, "data", "digits.csv");
double lenetAccuracy = 0;
Time("cell 6", () => lenetAccuracy = Cell6_LeNet.Run(figuresDir, digits, epochs));    // LeNet-5 on the digits
Time("cell 7", () => Cell7_ResNet.Run(figuresDir, digits, epochs, lenetAccuracy));     // a small ResNet, against the LeNet

Console.WriteLine($"Done in {total.Elapsed.TotalSeconds:F1} s.");
return 0;
