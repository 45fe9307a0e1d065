using SkiaSharp;

namespace KerasSharp.Examples.ConvNets;

/// <summary>
/// A grid of images with titles, written as a PNG (what the chapter draws with <c>plt.subplot</c> + <c>plt.imshow</c>):
/// greyscale tiles (matplotlib's "gray" colormap, scaled from the tile's minimum to its maximum, as imshow does) or RGB
/// tiles in [0, 1].
/// </summary>
public sealed class ImageGrid
{
    readonly List<(string title, Func<int, int, SKColor> pixel, int h, int w)> _tiles = [];

    /// <summary>Adds a greyscale tile.</summary>
    public ImageGrid Gray(double[,] image, string title)
    {
        int h = image.GetLength(0), w = image.GetLength(1);
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in image) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        double scale = hi > lo ? 255 / (hi - lo) : 0;
        _tiles.Add((title, (i, j) => { var g = (byte)Math.Round((image[i, j] - lo) * scale); return new SKColor(g, g, g); }, h, w));
        return this;
    }

    /// <summary>Adds an RGB tile, image[i, j, c] in [0, 1].</summary>
    public ImageGrid Rgb(double[,,] image, string title)
    {
        static byte B(double v) => (byte)Math.Round(Math.Clamp(v, 0, 1) * 255);
        _tiles.Add((title, (i, j) => new SKColor(B(image[i, j, 0]), B(image[i, j, 1]), B(image[i, j, 2])), image.GetLength(0), image.GetLength(1)));
        return this;
    }

    /// <summary>Number of tiles added.</summary>
    public int Count => _tiles.Count;

    /// <summary>Writes the tiles in rows of <paramref name="columns"/>, each <paramref name="tileSize"/> pixels wide.</summary>
    public string Save(string path, int columns, int tileSize = 160)
    {
        if (_tiles.Count == 0) throw new InvalidOperationException("No images to write.");
        columns = Math.Min(columns, _tiles.Count);
        int rows = (_tiles.Count + columns - 1) / columns;
        const int titleHeight = 22, gap = 8;
        int cellW = tileSize + gap, cellH = tileSize + titleHeight + gap;
        using var surface = SKSurface.Create(new SKImageInfo(columns * cellW + gap, rows * cellH + gap));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 13);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        for (int t = 0; t < _tiles.Count; t++)
        {
            var (title, pixel, h, w) = _tiles[t];
            int x0 = gap + (t % columns) * cellW, y0 = gap + (t / columns) * cellH;
            canvas.DrawText(title, x0 + tileSize / 2f, y0 + 15, SKTextAlign.Center, font, ink);
            // Nearest-neighbour scaling (imshow's default for small images), aspect kept.
            double s = (double)tileSize / Math.Max(h, w);
            using var bitmap = new SKBitmap(w, h);
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++)
                    bitmap.SetPixel(j, i, pixel(i, j));
            var dest = new SKRect(x0, y0 + titleHeight, x0 + (float)(w * s), y0 + titleHeight + (float)(h * s));
            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, dest, new SKSamplingOptions(SKFilterMode.Nearest));
        }
        using var png = surface.Snapshot().Encode(SKEncodedImageFormat.Png, 100);
        using (var file = File.Create(path)) png.SaveTo(file);
        return path;
    }
}
