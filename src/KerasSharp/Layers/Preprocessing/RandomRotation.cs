using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Rotates each image of a batch about its centre by a random angle in training (Keras:
/// <c>keras.layers.RandomRotation</c>, keras/src/layers/preprocessing/image_preprocessing/random_rotation.py):
/// <c>factor</c> is a fraction of a full turn, a number f for [-f, f] or a pair (low, high), each in [-1, 1]; the
/// angle is drawn uniformly in [low·360°, high·360°], positive counter-clockwise.
/// </summary>
public sealed class RandomRotation : RandomAffineLayer
{
    readonly FloatRange _factor;

    /// <summary>Keras's arguments and defaults.</summary>
    public RandomRotation(FloatRange factor, string fill_mode = "reflect", string interpolation = "bilinear", int? seed = null,
        double fill_value = 0.0, string? data_format = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(fill_mode, interpolation, seed, fill_value, data_format, name, dtype, trainable, input_shape, input_dim, batch_size)
    {
        _factor = SetFactor(factor, -1, 1);
    }

    /// <summary>The (low, high) range of the rotation, in fractions of a full turn.</summary>
    public FloatRange factor => _factor;

    internal override Tensor DrawTransform(Tensor native)
    {
        var angle = Uniform(seeds, new[] { native.shape[0] }, _factor.values[0] * 360.0, _factor.values[1] * 360.0, native.device);
        return ImageOps.RotationMatrix(angle, native.shape[2], native.shape[3]);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["factor"] = _factor.ToJson();
        c["data_format"] = data_format;
        c["fill_mode"] = fill_mode;
        c["fill_value"] = fill_value;
        c["interpolation"] = interpolation;
        c["seed"] = seed;
        return c;
    }
}
