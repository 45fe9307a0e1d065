namespace KerasSharp.Examples.ConvNets;

/// <summary>The NumPy and SciPy filtering functions the chapter calls, in double precision over plain arrays.</summary>
public static class Signal
{
    /// <summary>
    /// <c>np.correlate(a, v, mode="same")</c>: out[i] = Σ_m a[i + m - len(v) / 2] · v[m] (zeros outside a), as NumPy's
    /// <c>convolve(a, v[::-1], "same")</c> centres it (an even filter starts half a tap earlier).
    /// </summary>
    public static double[] correlate_same(IReadOnlyList<double> a, IReadOnlyList<double> v)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(v);
        if (v.Count == 0 || a.Count == 0) throw new ArgumentException("np.correlate needs non-empty inputs.");
        if (v.Count > a.Count) throw new ArgumentException($"The filter ({v.Count} taps) is longer than the signal ({a.Count}); NumPy would swap them.");
        var result = new double[a.Count];
        int offset = v.Count / 2;
        for (int i = 0; i < a.Count; i++)
        {
            double s = 0;
            for (int m = 0; m < v.Count; m++)
            {
                int k = i + m - offset;
                if (k >= 0 && k < a.Count) s += a[k] * v[m];
            }
            result[i] = s;
        }
        return result;
    }

    /// <summary>
    /// <c>scipy.signal.convolve2d(image, kernel, mode="same", boundary="symm")</c>: a true convolution (the kernel
    /// flipped), the image extended by mirror symmetry including the edge (x[-1] = x[0]), output the image's size.
    /// </summary>
    public static double[,] convolve2d_same_symm(double[,] image, double[,] kernel)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(kernel);
        int h = image.GetLength(0), w = image.GetLength(1), kh = kernel.GetLength(0), kw = kernel.GetLength(1);
        if (kh > h || kw > w) throw new ArgumentException($"The kernel ({kh}x{kw}) is larger than the image ({h}x{w}).");
        // "same" keeps the centre of the full convolution: full index (i + (kh - 1) / 2).
        int ch = (kh - 1) / 2, cw = (kw - 1) / 2;
        var result = new double[h, w];
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
            {
                double s = 0;
                for (int p = 0; p < kh; p++)
                    for (int q = 0; q < kw; q++)
                        s += kernel[p, q] * image[Symm(i + ch - p, h), Symm(j + cw - q, w)];
                result[i, j] = s;
            }
        return result;
    }

    static int Symm(int k, int n)
    {
        while (k < 0 || k >= n) k = k < 0 ? -k - 1 : 2 * n - k - 1;
        return k;
    }
}
