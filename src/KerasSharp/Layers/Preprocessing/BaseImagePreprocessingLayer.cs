using System;
using System.Globalization;
using System.Linq;
using KerasSharp.Backend;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The base of the image preprocessing and augmentation layers (Keras: <c>BaseImagePreprocessingLayer</c>,
/// keras/src/layers/preprocessing/image_preprocessing/base_image_preprocessing_layer.py): batched (batch, height,
/// width, channels) or unbatched (height, width, channels) images in <c>data_format</c>, computed in TorchSharp's
/// (N, C, H, W) layout and returned as a view in Keras's layout (see <see cref="SpatialLayout"/>), so consecutive
/// image layers and convolutions pass the native tensor along. The random layers draw only in training (<c>fit</c>);
/// in <c>predict</c>/<c>evaluate</c> they return their input. Seeded, draw k uses a generator seeded with seed + k, as
/// Keras's torch backend does (the same numbers as real Keras on the CPU).
/// </summary>
public abstract class BaseImagePreprocessingLayer : Layer
{
    private protected BaseImagePreprocessingLayer(string? data_format, string? name, string? dtype, bool trainable, int[]? input_shape, int? input_dim, int? batch_size)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        this.data_format = SpatialLayout.Standardize(data_format);
    }

    /// <summary>"channels_last" (batch, height, width, channels) or "channels_first".</summary>
    public string data_format { get; }

    /// <summary>The index of the height axis in a Keras shape of <paramref name="rank"/> 3 or 4.</summary>
    private protected int HeightAxis(int rank) => data_format == "channels_last" ? rank - 3 : rank - 2;

    /// <summary>Refuses shapes that are neither (height, width, channels) nor (batch, height, width, channels).</summary>
    private protected void CheckImageRank(int rank, string shape)
    {
        if (rank != 3 && rank != 4)
            throw new ArgumentException(
                $"Input of layer '{name}' ({class_name}) must be a batch of images shaped {SpatialLayout.ExpectedShape(2, data_format)} or one image (rank 3); received input shape {shape}.",
                "inputs");
    }

    /// <summary>The shape with the height and width replaced (Keras: compute_output_shape of the resizing layers).</summary>
    private protected long?[] WithSize(long?[] input_shape, long height, long width)
    {
        CheckImageRank(input_shape.Length, ShapeUtils.Format(input_shape));
        var s = (long?[])input_shape.Clone();
        int hAxis = HeightAxis(s.Length);
        s[hAxis] = height;
        s[hAxis + 1] = width;
        return s;
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        CheckImageRank(input_shape.Length, ShapeUtils.Format(input_shape));
        return input_shape;
    }

    /// <summary>
    /// The images as a float (N, C, H, W) tensor: integers are converted to float32, a single image gets a batch axis.
    /// </summary>
    private protected Tensor ToNative(Tensor inputs, out bool unbatched)
    {
        CheckImageRank((int)inputs.dim(), ShapeUtils.Format(inputs));
        unbatched = inputs.dim() == 3;
        var x = unbatched ? inputs.unsqueeze(0) : inputs;
        if (!x.is_floating_point()) x = x.to_type(ScalarType.Float32);
        return SpatialLayout.ToNative(x, data_format);
    }

    /// <summary>The input unchanged (inference of the random layers), integers converted to float32 as Keras casts them.</summary>
    private protected Tensor Passthrough(Tensor inputs)
    {
        CheckImageRank((int)inputs.dim(), ShapeUtils.Format(inputs));
        return inputs.is_floating_point() ? inputs : inputs.to_type(ScalarType.Float32);
    }

    /// <summary>A native (N, C, H, W) result seen in Keras's layout, without its batch axis for a single image.</summary>
    private protected Tensor FromNative(Tensor native, bool unbatched)
    {
        var y = SpatialLayout.FromNative(native, data_format);
        return unbatched ? y.squeeze(0) : y;
    }

    /// <summary>
    /// Keras's <c>random.uniform(shape, minval, maxval, seed)</c> on the torch backend: <c>(max - min) · rand + min</c> in
    /// float32, from the layer's next seeded generator (or TorchSharp's global one when unseeded).
    /// </summary>
    private protected static Tensor Uniform(SeedGenerator seeds, long[] shape, double minval, double maxval, Device device)
    {
        using var generator = seeds.next(device);
        var r = rand(shape, generator: generator, dtype: ScalarType.Float32, device: device);
        return r.mul_(maxval - minval).add_(minval);
    }

    /// <summary>
    /// Keras's <c>_set_factor</c>: a number f in [bounds] gives (max(-|f|, low), |f|); a pair is sorted and must
    /// overlap the bounds. Integral values stay integral (as Python's <c>max</c> returns the bound).
    /// </summary>
    private protected static FloatRange SetFactor(FloatRange factor, int low, int high)
    {
        var message = $"The `factor` argument should be a number (or a list of two numbers) in the range [{low}, {high}]. Received: factor={factor}";
        var v = factor.values;
        if (factor.is_tuple)
        {
            if (v.Count != 2 || v[0] > high || v[1] < low || v.Any(double.IsNaN))
                throw new ArgumentException(message, nameof(factor));
            return v[0] <= v[1] ? factor : new FloatRange(new[] { v[1], v[0] }, new[] { factor.integral(1), factor.integral(0) });
        }
        if (!(v[0] >= low && v[0] <= high)) throw new ArgumentException(message, nameof(factor));
        var f = Math.Abs(v[0]);
        bool lowWins = low > -f; // Python's max(-f, low) returns -f on a tie
        return new FloatRange(new[] { lowWins ? low : -f, f }, new[] { lowWins || factor.integral(0), factor.integral(0) });
    }

    /// <summary>
    /// The factor validation of RandomZoom and RandomTranslation (their own <c>_set_factor</c>): a number f in [-1, 1]
    /// gives (-|f|, |f|); a pair's entries must each be in [-1, 1] and are sorted.
    /// </summary>
    private protected static (double lower, double upper) SignedFactor(FloatRange factor, string argument, string prefix)
    {
        var v = factor.values;
        if (factor.is_tuple && v.Count != 2)
            throw new ArgumentException($"{prefix}Received: {argument}={factor}", argument);
        foreach (var x in v)
            if (!(x >= -1.0 && x <= 1.0))
                throw new ArgumentException($"{prefix}Received: input_number={Saving.PythonJson.Dumps(x)}", argument);
        if (!factor.is_tuple) return (-Math.Abs(v[0]), Math.Abs(v[0]));
        return (Math.Min(v[0], v[1]), Math.Max(v[0], v[1]));
    }

    /// <summary>Refuses an argument outside Keras's list, naming both.</summary>
    private protected static string OneOf(string value, string[] allowed, string argument)
    {
        ArgumentNullException.ThrowIfNull(value, argument);
        return allowed.Contains(value) ? value
            : throw new ArgumentException($"Unknown `{argument}` {value}. Expected of one ({string.Join(", ", allowed.Select(a => $"'{a}'"))}).", argument);
    }

    /// <summary>Refuses a non-positive target size.</summary>
    private protected static int Positive(int value, string argument) =>
        value > 0 ? value : throw new ArgumentException($"The `{argument}` argument must be a positive integer. Received: {argument}={value.ToString(CultureInfo.InvariantCulture)}", argument);

    /// <summary>Refuses a non-finite fill value.</summary>
    private protected static double Finite(double value, string argument) =>
        double.IsFinite(value) ? value : throw new ArgumentException($"The `{argument}` argument must be a finite number. Received: {argument}={value}", argument);
}
