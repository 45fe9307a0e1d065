using System;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The image operations of Keras's torch backend (keras/src/backend/torch/image.py: <c>resize</c>,
/// <c>affine_transform</c>, <c>map_coordinates</c>) on images in TorchSharp's layout (N, C, H, W).
/// </summary>
internal static class ImageOps
{
    /// <summary>Keras's resize interpolations on the torch backend ("nearest" is torch's "nearest-exact").</summary>
    internal static readonly string[] ResizeInterpolations = { "bilinear", "nearest", "bicubic" };

    /// <summary>affine_transform's interpolations (map_coordinates orders 0 and 1).</summary>
    internal static readonly string[] AffineInterpolations = { "nearest", "bilinear" };

    /// <summary>The fill modes of the augmentation layers (affine_transform also has "mirror", which they refuse).</summary>
    internal static readonly string[] FillModes = { "reflect", "wrap", "constant", "nearest" };

    /// <summary>
    /// The largest centred window of an image of <paramref name="height"/> x <paramref name="width"/> with the aspect
    /// ratio of <paramref name="targetHeight"/> x <paramref name="targetWidth"/> (Keras: crop_to_aspect_ratio in
    /// resize, smart_resize in keras/src/utils/image_utils.py, RandomCrop's inference box).
    /// </summary>
    internal static (int top, int left, int height, int width) AspectCropBox(long height, long width, int targetHeight, int targetWidth)
    {
        int cropHeight = (int)Math.Max(Math.Min(height, (long)((double)(width * targetHeight) / targetWidth)), 1);
        int cropWidth = (int)Math.Max(Math.Min(width, (long)((double)(height * targetWidth) / targetHeight)), 1);
        return ((int)((double)(height - cropHeight) / 2), (int)((double)(width - cropWidth) / 2), cropHeight, cropWidth);
    }

    /// <summary>
    /// Keras's <c>resize</c> on a float (N, C, H, W) tensor: optional aspect-ratio crop or pad, then
    /// <c>interpolate</c> (align_corners false; antialias only for bilinear and bicubic).
    /// </summary>
    internal static Tensor Resize(Tensor images, int height, int width, string interpolation = "bilinear", bool antialias = false,
        bool crop_to_aspect_ratio = false, bool pad_to_aspect_ratio = false, double fill_value = 0.0)
    {
        using var scope = NewDisposeScope();
        long h = images.shape[2], w = images.shape[3];
        var x = images;
        if (crop_to_aspect_ratio)
        {
            var (top, left, ch, cw) = AspectCropBox(h, w, height, width);
            x = x.narrow(2, top, ch).narrow(3, left, cw);
        }
        else if (pad_to_aspect_ratio)
        {
            long padHeight = Math.Max(h, (long)((double)(w * height) / width));
            long padWidth = Math.Max(w, (long)((double)(h * width) / height));
            long hStart = (long)((double)(padHeight - h) / 2), wStart = (long)((double)(padWidth - w) / 2);
            long n = x.shape[0], c = x.shape[1];
            if (hStart > 0)
            {
                var band = full(new[] { n, c, hStart, w }, fill_value, dtype: x.dtype, device: x.device);
                x = cat(new[] { band, x, band }, 2);
            }
            if (wStart > 0)
            {
                // Keras 3.11.3's torch backend fills the left band with ones and only the right one with fill_value.
                var left = ones(new[] { n, c, h, wStart }, dtype: x.dtype, device: x.device);
                var band = full(new[] { n, c, h, wStart }, fill_value, dtype: x.dtype, device: x.device);
                x = cat(new[] { left, x, band }, 3);
            }
        }
        var mode = interpolation switch
        {
            "bilinear" => InterpolationMode.Bilinear,
            "nearest" => InterpolationMode.NearestExact,
            "bicubic" => InterpolationMode.Bicubic,
            _ => throw new ArgumentException($"Invalid value for argument `interpolation`. Expected one of {{'bilinear', 'nearest', 'bicubic'}}. Received: interpolation={interpolation}", nameof(interpolation)),
        };
        bool smooth = interpolation != "nearest";
        var resized = nn.functional.interpolate(x, new[] { (long)height, width }, mode: mode,
            align_corners: smooth ? false : null, antialias: antialias && smooth);
        return resized.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Keras's <c>affine_transform</c> on a float (N, C, H, W) tensor: output pixel (y, x) samples the input at
    /// <c>x' = a0·x + a1·y + a2</c>, <c>y' = b0·x + b1·y + b2</c> (<paramref name="transform"/> is (N, 8) with
    /// c0 = c1 = 0), by map_coordinates with order 0 ("nearest": round half to even) or 1 ("bilinear"); outside points
    /// follow <paramref name="fill_mode"/> ("constant" blends in <paramref name="fill_value"/> per corner).
    /// </summary>
    /// <remarks>
    /// Bilinear "reflect", "constant" and "nearest" run as one fused <c>grid_sample</c> (see <see cref="GridSample"/>)
    /// unless <paramref name="allowGridSample"/> is false; the gathers below are the general path (and the reference).
    /// </remarks>
    internal static Tensor AffineTransform(Tensor images, Tensor transform, string interpolation, string fill_mode, double fill_value, bool allowGridSample = true)
    {
        using var scope = NewDisposeScope();
        long n = images.shape[0], c = images.shape[1], h = images.shape[2], w = images.shape[3];
        var t = transform.to_type(ScalarType.Float32);
        // The input coordinates of every output pixel, as Keras's einsum computes them: [y, x] · [[b1, a1], [b0, a0]] + [b2, a2].
        var grid = meshgrid(new[] { arange(h, dtype: ScalarType.Float32, device: t.device), arange(w, dtype: ScalarType.Float32, device: t.device) }, indexing: "ij");
        var indices = stack(new[] { grid[0], grid[1] }, -1); // (H, W, 2)
        var m = stack(new[] { stack(new[] { t[.., 4], t[.., 1] }, -1), stack(new[] { t[.., 3], t[.., 0] }, -1) }, 1); // (N, 2, 2)
        var coords = einsum("hwj,njk->nhwk", indices, m); // (N, H, W, 2)
        var ys = coords[.., .., .., 0] + t[.., 5].view(n, 1, 1);
        var xs = coords[.., .., .., 1] + t[.., 2].view(n, 1, 1);
        if (allowGridSample && GridSampleFits(images, interpolation, fill_mode))
            return GridSample(images, xs, ys, fill_mode, fill_value).MoveToOuterDisposeScope();
        var flat = images.reshape(n, c, h * w);
        var fill = tensor(fill_value, dtype: images.dtype, device: images.device);
        bool constant = fill_mode == "constant";

        Tensor Sample(Tensor iy, Tensor ix)
        {
            var fy = Fix(iy, h, fill_mode);
            var fx = Fix(ix, w, fill_mode);
            var index = (fy * w + fx).view(n, 1, h * w).expand(n, c, h * w);
            var values = flat.gather(2, index).view(n, c, h, w);
            if (!constant) return values;
            var valid = iy.ge(0).logical_and(iy.lt(h)).logical_and(ix.ge(0)).logical_and(ix.lt(w)).unsqueeze(1);
            return where(valid, values, fill);
        }

        Tensor result;
        if (interpolation == "nearest")
        {
            result = Sample(ys.round().to_type(ScalarType.Int64), xs.round().to_type(ScalarType.Int64));
        }
        else
        {
            var y0 = ys.floor();
            var x0 = xs.floor();
            var wy1 = ys - y0;
            var wx1 = xs - x0;
            var wy0 = 1 - wy1;
            var wx0 = 1 - wx1;
            var iy0 = y0.to_type(ScalarType.Int64);
            var ix0 = x0.to_type(ScalarType.Int64);
            var iy1 = iy0 + 1;
            var ix1 = ix0 + 1;
            result = (wy0 * wx0).unsqueeze(1) * Sample(iy0, ix0);
            result = result + (wy0 * wx1).unsqueeze(1) * Sample(iy0, ix1);
            result = result + (wy1 * wx0).unsqueeze(1) * Sample(iy1, ix0);
            result = result + (wy1 * wx1).unsqueeze(1) * Sample(iy1, ix1);
        }
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Whether <see cref="AffineTransform"/> can hand the bilinear resampling to libtorch's fused <c>grid_sample</c>:
    /// bilinear interpolation of float32/float64 images with fill_mode "reflect", "constant" or "nearest". "wrap" has
    /// no grid_sample padding mode, and "nearest" interpolation keeps the general path because grid_sample rounds the
    /// reflected coordinate where Keras reflects the rounded index (they differ on ties).
    /// </summary>
    internal static bool GridSampleFits(Tensor images, string interpolation, string fill_mode) =>
        interpolation == "bilinear" && fill_mode is ("reflect" or "constant" or "nearest")
        && images.dtype is (ScalarType.Float32 or ScalarType.Float64);

    /// <summary>
    /// Keras's bilinear map_coordinates as one <c>grid_sample</c> (align_corners false, so normalized g is pixel
    /// (g + 1)·size / 2 - 1/2): the same interpolation of the same four corners, whose out-of-range corners are filled
    /// as Keras fills them. "reflect" is grid_sample's "reflection" (reflecting the coordinate about -1/2 and
    /// size - 1/2 and clipping gives the corners and weights Keras's half-sample reflection of each corner's index
    /// gives), "nearest" is "border" (clipping the coordinate = clamping each corner) and "constant" is "zeros" on
    /// images - fill_value, plus fill_value (the weights sum to 1, so out-of-range corners contribute fill_value).
    /// </summary>
    static Tensor GridSample(Tensor images, Tensor xs, Tensor ys, string fill_mode, double fill_value)
    {
        long h = images.shape[2], w = images.shape[3];
        var gx = xs.mul(2.0 / w).add_(1.0 / w - 1.0);
        var gy = ys.mul(2.0 / h).add_(1.0 / h - 1.0);
        var grid = stack(new[] { gx, gy }, -1).to_type(images.dtype); // (N, H, W, 2): x then y
        var padding = fill_mode switch
        {
            "reflect" => GridSamplePaddingMode.Reflection,
            "nearest" => GridSamplePaddingMode.Border,
            _ => GridSamplePaddingMode.Zeros,
        };
        bool shift = fill_mode == "constant" && fill_value != 0;
        var source = shift ? images - fill_value : images;
        var result = nn.functional.grid_sample(source, grid, GridSampleMode.Bilinear, padding, align_corners: false);
        return shift ? result.add_(fill_value) : result;
    }

    /// <summary>Keras's index fixers: out-of-range indices mapped back into [0, size).</summary>
    static Tensor Fix(Tensor index, long size, string fill_mode) => fill_mode switch
    {
        "constant" or "nearest" => index.clamp(0, size - 1),
        "wrap" => index.remainder(size),
        "mirror" => Mirror(index, size),
        "reflect" => (Mirror(2 * index + 1, 2 * size + 1) - 1).div(2, rounding_mode: RoundingMode.floor),
        _ => throw new ArgumentException($"Invalid value for argument `fill_mode`. Expected one of {{'constant', 'nearest', 'wrap', 'mirror', 'reflect'}}. Received: fill_mode={fill_mode}", nameof(fill_mode)),
    };

    /// <summary>A triangular wave of half-period size - 1 (Keras's _mirror_index_fixer); a size-1 axis has one index.</summary>
    static Tensor Mirror(Tensor index, long size)
    {
        long s = size - 1;
        return s == 0 ? zeros_like(index) : (index + s).remainder(2 * s).sub(s).abs();
    }

    /// <summary>Keras's <c>_compute_affine_matrix</c> for a rotation about the centre: (N, 8) float32 rows.</summary>
    internal static Tensor RotationMatrix(Tensor angleDegrees, long height, long width)
    {
        using var scope = NewDisposeScope();
        var angle = angleDegrees * tensor((float)(Math.PI / 180.0));
        var cx = 0.5f * ((float)width - 1);
        var cy = 0.5f * ((float)height - 1);
        var cos = angle.cos();
        var sin = angle.sin();
        var zero = zeros_like(angle);
        var a2 = zero + cx - cx * cos - cy * -sin;
        var b2 = zero + cy - cx * sin - cy * cos;
        return stack(new[] { cos, -sin, a2, sin, cos, b2, zero, zero }, 1).MoveToOuterDisposeScope();
    }
}
