using static KerasSharp.keras.layers;
using static TorchSharp.torch;

namespace KerasSharp.Examples.ConvNets;

/// <summary>Cell 5: Keras's Conv2D, MaxPool2D and AvgPool2D applied to the image (a batch of one).</summary>
public static class Cell5_ConvLayers
{
    /// <summary>The image as a (1, height, width, 3) float32 tensor.</summary>
    public static Tensor as_batch(double[,,] image)
    {
        int h = image.GetLength(0), w = image.GetLength(1);
        var flat = new float[h * w * 3];
        int k = 0;
        foreach (var v in image) flat[k++] = (float)v;
        return tensor(flat, new long[] { 1, h, w, 3 });
    }

    /// <summary>Runs the cell: prints the output shapes and writes <c>feature_maps.png</c>.</summary>
    public static void Run(string figuresDir, double[,,] image)
    {
        Console.WriteLine("Cell 5: Conv2D, MaxPool2D, AvgPool2D");
        keras.utils.set_random_seed(0);
        using var scope = NewDisposeScope();
        var x = as_batch(image);
        // conv = Conv2D(filters=6, kernel_size=5, padding="valid", activation="relu")
        var conv = Conv2D(filters: 6, kernel_size: 5, padding: "valid", activation: "relu");
        var maps = conv.forward(x);
        Console.WriteLine($"  Conv2D(filters=6, kernel_size=5, padding=\"valid\", activation=\"relu\"): {Shape(x)} -> {Shape(maps)}, kernel {Shape(conv.kernel!.value)}");
        // MaxPool2D(pool_size=2)(maps), AvgPool2D(pool_size=2)(maps)
        var maxPooled = MaxPool2D(pool_size: 2).forward(maps);
        var avgPooled = AvgPool2D(pool_size: 2).forward(maps);
        Console.WriteLine($"  MaxPool2D(pool_size=2): {Shape(maps)} -> {Shape(maxPooled)}");
        Console.WriteLine($"  AvgPool2D(pool_size=2): {Shape(maps)} -> {Shape(avgPooled)}");

        var grid = new ImageGrid();
        for (int c = 0; c < 6; c++) grid.Gray(Matrix(maps, c), $"feature map {c}");
        grid.Gray(Matrix(maxPooled, 0), "max-pooled map 0").Gray(Matrix(avgPooled, 0), "average-pooled map 0");
        Console.WriteLine($"  wrote {Path.GetFileName(grid.Save(Path.Combine(figuresDir, "feature_maps.png"), 4))}");
    }

    static string Shape(Tensor t) => "(" + string.Join(", ", t.shape) + ")";

    static double[,] Matrix(Tensor maps, int channel)
    {
        var m = maps[0, TensorIndex.Colon, TensorIndex.Colon, channel].contiguous().to_type(ScalarType.Float64);
        var values = m.data<double>().ToArray();
        var result = new double[m.shape[0], m.shape[1]];
        Buffer.BlockCopy(values, 0, result, 0, values.Length * sizeof(double));
        return result;
    }
}
