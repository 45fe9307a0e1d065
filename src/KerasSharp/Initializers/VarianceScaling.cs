using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// Keras's <c>VarianceScaling</c> (keras/src/initializers/random_initializers.py) and its named forms:
/// GlorotUniform = (1, fan_avg, uniform), i.e. U(±sqrt(6/(fan_in+fan_out))); GlorotNormal = (1, fan_avg, truncated_normal);
/// HeUniform / HeNormal = (2, fan_in, ...); LecunUniform / LecunNormal = (1, fan_in, ...).
/// </summary>
public sealed class VarianceScaling : Initializer
{
    /// <summary>Keras's arguments; mode is fan_in, fan_out or fan_avg, distribution truncated_normal, untruncated_normal or uniform.</summary>
    public VarianceScaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal", int? seed = null, string? class_name = null)
    {
        if (!(scale > 0))
            throw new ArgumentException($"Argument `scale` must be positive float. Received: scale={scale}", nameof(scale));
        if (mode is not ("fan_in" or "fan_out" or "fan_avg"))
            throw new ArgumentException($"Invalid `mode` argument: expected one of fan_in, fan_out, fan_avg. Received: mode={mode}", nameof(mode));
        if (distribution is not ("truncated_normal" or "untruncated_normal" or "uniform" or "normal"))
            throw new ArgumentException($"Invalid `distribution` argument: expected one of truncated_normal, untruncated_normal, uniform. Received: distribution={distribution}", nameof(distribution));
        this.scale = scale;
        this.mode = mode;
        this.distribution = distribution == "normal" ? "truncated_normal" : distribution;
        this.seed = seed;
        _className = class_name ?? "VarianceScaling";
    }

    readonly string _className;

    /// <summary>Scaling factor.</summary>
    public double scale { get; }
    /// <summary>fan_in, fan_out or fan_avg.</summary>
    public string mode { get; }
    /// <summary>truncated_normal, untruncated_normal or uniform.</summary>
    public string distribution { get; }
    /// <summary>Seed of the initializer's own generator, or null for the global one.</summary>
    public int? seed { get; }

    /// <inheritdoc />
    public override string class_name => _className;

    /// <summary>Glorot (Xavier) uniform: U(±sqrt(6/(fan_in+fan_out))). Keras's Dense default.</summary>
    public static VarianceScaling GlorotUniform(int? seed = null) => new(1.0, "fan_avg", "uniform", seed, "GlorotUniform");
    /// <summary>Glorot normal, truncated.</summary>
    public static VarianceScaling GlorotNormal(int? seed = null) => new(1.0, "fan_avg", "truncated_normal", seed, "GlorotNormal");
    /// <summary>He uniform: U(±sqrt(6/fan_in)).</summary>
    public static VarianceScaling HeUniform(int? seed = null) => new(2.0, "fan_in", "uniform", seed, "HeUniform");
    /// <summary>He normal, truncated.</summary>
    public static VarianceScaling HeNormal(int? seed = null) => new(2.0, "fan_in", "truncated_normal", seed, "HeNormal");
    /// <summary>LeCun uniform: U(±sqrt(3/fan_in)).</summary>
    public static VarianceScaling LecunUniform(int? seed = null) => new(1.0, "fan_in", "uniform", seed, "LecunUniform");
    /// <summary>LeCun normal, truncated.</summary>
    public static VarianceScaling LecunNormal(int? seed = null) => new(1.0, "fan_in", "truncated_normal", seed, "LecunNormal");

    /// <summary>Keras's <c>compute_fans</c>: (in, out) for a matrix, both = n for a vector, receptive field for convolutions.</summary>
    internal static (double fanIn, double fanOut) ComputeFans(long[] shape)
    {
        if (shape.Length == 0) return (1, 1);
        if (shape.Length == 1) return (shape[0], shape[0]);
        if (shape.Length == 2) return (shape[0], shape[1]);
        double receptive = 1;
        for (int i = 0; i < shape.Length - 2; i++) receptive *= shape[i];
        return (shape[^2] * receptive, shape[^1] * receptive);
    }

    /// <inheritdoc />
    public override Tensor call(long[] shape)
    {
        CheckShape(shape);
        var (fanIn, fanOut) = ComputeFans(shape);
        double s = scale / mode switch
        {
            "fan_in" => Math.Max(1.0, fanIn),
            "fan_out" => Math.Max(1.0, fanOut),
            _ => Math.Max(1.0, (fanIn + fanOut) / 2.0),
        };
        switch (distribution)
        {
            case "truncated_normal":
                return TruncatedNormal.Truncated(shape, 0.0, Math.Sqrt(s) / 0.87962566103423978, seed);
            case "untruncated_normal":
                return Allocate(shape).normal_(0.0, Math.Sqrt(s), GeneratorFor(seed));
            default:
                var limit = Math.Sqrt(3.0 * s);
                return RandomUniform.Uniform(shape, -limit, limit, seed);
        }
    }

    /// <summary>
    /// Keras's config without <c>input_axes</c>/<c>output_axes</c>: KerasSharp never sets them, null is their default, and
    /// Keras before 3.15 refuses the keys ("Unrecognized keyword arguments"), so leaving them out keeps files readable there.
    /// </summary>
    public override Dictionary<string, object?> get_config() => class_name == "VarianceScaling"
        ? new() { ["seed"] = seed, ["scale"] = scale, ["mode"] = mode, ["distribution"] = distribution }
        : new() { ["seed"] = seed };
}
