namespace KerasSharp.Examples.ConvNets;

/// <summary>Cell 4: a 9x9 Gaussian filter and the image convolved with it, summed over the channels (greyscale).</summary>
public static class Cell4_GaussianBlur
{
    // i = np.arange(-4, 5)
    // filt = np.exp(-(i[:, None] ** 2 + i[None, :] ** 2) / 100.)
    /// <summary>exp(-(i² + j²) / 100) for i, j in -4..4.</summary>
    public static double[,] gaussian_kernel()
    {
        var g = new double[9, 9];
        for (int i = -4; i <= 4; i++)
            for (int j = -4; j <= 4; j++)
                g[i + 4, j + 4] = Math.Exp(-(i * i + j * j) / 100.0);
        return g;
    }

    // blurred = sum(convolve2d(image[:, :, c], filt, mode="same", boundary="symm") for c in range(3))
    /// <summary>The blurred greyscale image: each channel convolved ("same", symmetric boundary), then summed.</summary>
    public static double[,] blur(double[,,] image, double[,] kernel)
    {
        var total = new double[image.GetLength(0), image.GetLength(1)];
        for (int c = 0; c < image.GetLength(2); c++)
        {
            var conv = Signal.convolve2d_same_symm(Cell3_RgbImage.channel(image, c), kernel);
            for (int i = 0; i < total.GetLength(0); i++)
                for (int j = 0; j < total.GetLength(1); j++)
                    total[i, j] += conv[i, j];
        }
        return total;
    }

    /// <summary>Runs the cell: writes <c>gaussian_blur.png</c>.</summary>
    public static void Run(string figuresDir, double[,,] image)
    {
        Console.WriteLine("Cell 4: a 9x9 Gaussian filter (scipy.signal.convolve2d, mode=\"same\", boundary=\"symm\")");
        var kernel = gaussian_kernel();
        var blurred = blur(image, kernel);
        Console.WriteLine($"  blurred.shape = ({blurred.GetLength(0)}, {blurred.GetLength(1)}), blurred[0, 0] = {blurred[0, 0]:F4}");
        var grid = new ImageGrid().Rgb(image, "image").Gray(kernel, "9x9 Gaussian filter").Gray(blurred, "convolved, summed over channels");
        Console.WriteLine($"  wrote {Path.GetFileName(grid.Save(Path.Combine(figuresDir, "gaussian_blur.png"), 3, 200))}");
    }
}
