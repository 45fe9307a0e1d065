namespace KerasSharp.Examples.ConvNets;

/// <summary>
/// Cell 3: an RGB image and its three channels. The chapter shows a photograph; this port draws its own image (a sky
/// gradient, a sun, hills and a house), so that nothing under a third-party licence is needed.
/// </summary>
public static class Cell3_RgbImage
{
    /// <summary>A 96 x 128 RGB image in [0, 1], image[row, column, channel].</summary>
    public static double[,,] make_image(int height = 96, int width = 128)
    {
        var img = new double[height, width, 3];
        for (int i = 0; i < height; i++)
            for (int j = 0; j < width; j++)
            {
                double t = (double)i / (height - 1);
                double r = 0.35 + 0.4 * t, g = 0.55 + 0.3 * t, b = 0.95 - 0.2 * t;            // sky
                double dx = j - 0.75 * width, dy = i - 0.25 * height;
                if (dx * dx + dy * dy < 0.012 * width * width) (r, g, b) = (1.0, 0.85, 0.1);      // sun
                double hill = 0.62 * height + 0.08 * height * Math.Sin(2 * Math.PI * j / width * 1.5);
                if (i > hill) (r, g, b) = (0.15, 0.55 + 0.2 * (i - hill) / height, 0.2);         // hills
                bool wall = j > 0.18 * width && j < 0.40 * width && i > 0.55 * height && i < 0.80 * height;
                bool roof = i <= 0.55 * height && i > 0.55 * height - (0.11 * width - Math.Abs(j - 0.29 * width)) && Math.Abs(j - 0.29 * width) < 0.13 * width;
                if (wall) (r, g, b) = (0.9, 0.9, 0.85);
                if (roof) (r, g, b) = (0.7, 0.1, 0.1);
                img[i, j, 0] = r;
                img[i, j, 1] = g;
                img[i, j, 2] = b;
            }
        return img;
    }

    /// <summary>One channel of an image as a matrix (<c>image[:, :, c]</c>).</summary>
    public static double[,] channel(double[,,] image, int c)
    {
        var m = new double[image.GetLength(0), image.GetLength(1)];
        for (int i = 0; i < m.GetLength(0); i++)
            for (int j = 0; j < m.GetLength(1); j++)
                m[i, j] = image[i, j, c];
        return m;
    }

    /// <summary>Runs the cell: writes <c>rgb_channels.png</c>.</summary>
    public static double[,,] Run(string figuresDir)
    {
        Console.WriteLine("Cell 3: an RGB image split into its channels");
        var image = make_image();
        Console.WriteLine($"  image.shape = ({image.GetLength(0)}, {image.GetLength(1)}, {image.GetLength(2)})");
        // for i, name in enumerate(["Red", "Green", "Blue"]): plt.subplot(1, 4, i + 2); plt.imshow(image[:, :, i], cmap="gray")
        var grid = new ImageGrid().Rgb(image, "RGB image");
        string[] names = ["Red", "Green", "Blue"];
        for (int c = 0; c < 3; c++) grid.Gray(channel(image, c), $"{names[c]} channel");
        Console.WriteLine($"  wrote {Path.GetFileName(grid.Save(Path.Combine(figuresDir, "rgb_channels.png"), 4))}");
        return image;
    }
}
