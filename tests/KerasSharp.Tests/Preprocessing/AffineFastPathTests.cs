using System;
using System.Linq;
using KerasSharp.Layers;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Preprocessing;

/// <summary>
/// The affine resampling of RandomRotation / RandomZoom / RandomTranslation runs bilinear "reflect", "constant" and
/// "nearest" through libtorch's grid_sample: its values and input gradients must be those of the general path (Keras's
/// map_coordinates with per-corner index fixing, which the Keras fixtures check), including points far outside the
/// image (several reflections), a non-zero fill value, and float64 images.
/// </summary>
public sealed class AffineFastPathTests : TorchTest
{
    /// <summary>(N, 8) transforms: rotations, zooms, large shifts (up to 2.5 image sizes) and shears, row by row.</summary>
    static Tensor Transforms(long n, long h, long w, ScalarType dtype)
    {
        var g = new Random(7);
        var rows = new float[n * 8];
        for (int i = 0; i < n; i++)
        {
            double angle = g.NextDouble() * 2 * Math.PI, zoom = 0.3 + 1.7 * g.NextDouble();
            double shear = i % 3 == 0 ? 0.4 * (g.NextDouble() - 0.5) : 0.0;
            double cos = Math.Cos(angle) * zoom, sin = Math.Sin(angle) * zoom;
            rows[i * 8 + 0] = (float)cos;
            rows[i * 8 + 1] = (float)(-sin + shear);
            rows[i * 8 + 2] = (float)((g.NextDouble() - 0.5) * 5 * w);
            rows[i * 8 + 3] = (float)sin;
            rows[i * 8 + 4] = (float)cos;
            rows[i * 8 + 5] = (float)((g.NextDouble() - 0.5) * 5 * h);
        }
        return tensor(rows).reshape(n, 8).to_type(dtype);
    }

    static Tensor Images(long n, long c, long h, long w, ScalarType dtype) =>
        arange(n * c * h * w, dtype: ScalarType.Float64).mul(37).remainder(101).mul(2.5).reshape(n, c, h, w).to_type(dtype);

    [Theory]
    [InlineData("reflect", 0.0)]
    [InlineData("constant", 0.0)]
    [InlineData("constant", 7.0)]
    [InlineData("nearest", 0.0)]
    public void GridSample_GivesTheGeneralPathsValuesAndGradients(string fill_mode, double fill_value)
    {
        foreach (var (h, w) in new[] { (5L, 6L), (8L, 3L), (1L, 4L) })
        {
            var x = Images(12, 2, h, w, ScalarType.Float32);
            var t = Transforms(12, h, w, ScalarType.Float32);
            Assert.True(ImageOps.GridSampleFits(x, "bilinear", fill_mode));
            var a = x.detach().requires_grad_();
            var b = x.detach().requires_grad_();
            var fast = ImageOps.AffineTransform(a, t, "bilinear", fill_mode, fill_value);
            var general = ImageOps.AffineTransform(b, t, "bilinear", fill_mode, fill_value, allowGridSample: false);
            Assert.Equal(general.shape, fast.shape);
            // Values in [0, 250] (neighbours differ by up to 250); float32 coordinates up to 2.5 sizes out differ by an ulp
            // between the two computations: about 4e-4 at worst here.
            var diff = (fast - general).abs().max().item<float>();
            Assert.True(diff <= 1e-3f, $"{fill_mode} {fill_value} on {h}x{w}: largest difference {diff}");
            Assert.True(general.sub(fill_value).abs().gt(1).any().item<bool>(), "the transforms should move pixels");
            // The same weights on the same corners: the same gradient with respect to the images.
            var upstream = Images(12, 2, h, w, ScalarType.Float32).div(250);
            fast.mul(upstream).sum().backward();
            general.mul(upstream).sum().backward();
            var gradDiff = (a.grad! - b.grad!).abs().max().item<float>();
            Assert.True(gradDiff <= 1e-4f, $"{fill_mode} {fill_value} on {h}x{w}: largest gradient difference {gradDiff}");
        }
    }

    [Fact]
    public void GridSample_InFloat64_AgreesToDoublePrecision()
    {
        var x = Images(6, 3, 7, 9, ScalarType.Float64);
        var t = Transforms(6, 7, 9, ScalarType.Float64);
        foreach (var mode in new[] { "reflect", "constant", "nearest" })
        {
            var fast = ImageOps.AffineTransform(x, t, "bilinear", mode, 3.0);
            var general = ImageOps.AffineTransform(x, t, "bilinear", mode, 3.0, allowGridSample: false);
            Assert.Equal(ScalarType.Float64, fast.dtype);
            // The general path computes its coordinates in float32 (as Keras does); so does the fast one.
            Assert.True((fast - general).abs().max().item<double>() <= 2e-3, mode);
        }
    }

    [Fact]
    public void WrapAndNearestInterpolation_KeepTheGeneralPath()
    {
        var x = Images(1, 1, 4, 4, ScalarType.Float32);
        Assert.False(ImageOps.GridSampleFits(x, "bilinear", "wrap"));
        Assert.False(ImageOps.GridSampleFits(x, "nearest", "reflect"));
        Assert.False(ImageOps.GridSampleFits(x.to_type(ScalarType.Float16), "bilinear", "reflect"));
        Assert.True(ImageOps.GridSampleFits(x, "bilinear", "reflect"));
    }

    [Fact]
    public void RandomRotation_InTraining_EqualsTheGeneralPathOnItsDraws()
    {
        // The layer (channels_last in, a view out) through the fast path against the general path on the same draw.
        var images = Images(4, 3, 10, 12, ScalarType.Float32).permute(0, 2, 3, 1);
        var layer = new RandomRotation(0.3, seed: 11);
        var got = layer.call(images, true);
        var again = new RandomRotation(0.3, seed: 11);
        var native = images.permute(0, 3, 1, 2).contiguous();
        var expected = ImageOps.AffineTransform(native, again.DrawTransform(native), "bilinear", "reflect", 0.0, allowGridSample: false).permute(0, 2, 3, 1);
        Assert.Equal(expected.shape, got.shape);
        Assert.True((got - expected).abs().max().item<float>() <= 2e-3f);
        Assert.False(got.allclose(images), "a rotation of up to 108 degrees moves pixels");
    }
}
