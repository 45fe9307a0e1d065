using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// Creates a layer weight's initial value (Keras: <c>keras.initializers.Initializer</c>). Values are drawn on the
/// CPU from TorchSharp's global generator (or from a generator of their own when a <c>seed</c> is given), so
/// <c>set_random_seed</c> gives the same weights on every device. A name converts implicitly:
/// <c>kernel_initializer: "he_normal"</c>.
/// </summary>
public abstract class Initializer
{
    /// <summary>A float32 CPU tensor of the given shape.</summary>
    public abstract Tensor call(long[] shape);

    /// <summary>Keras's class name, e.g. "GlorotUniform".</summary>
    public virtual string class_name => GetType().Name;

    /// <summary>The constructor arguments, as Keras's <c>get_config()</c>.</summary>
    public virtual Dictionary<string, object?> get_config() => new();

    /// <summary>Looks up an initializer by Keras name (snake_case or class name), with Keras's default arguments.</summary>
    public static Initializer get(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (Factories.TryGetValue(identifier, out var make)) return make();
        throw new ArgumentException(
            $"Could not interpret initializer identifier: '{identifier}'. {Utils.ClosestName.DidYouMean(identifier, Factories.Keys)}Expected one of: {string.Join(", ", Factories.Keys.Order(StringComparer.Ordinal))}.",
            nameof(identifier));
    }

    /// <summary>From a Keras name.</summary>
    public static implicit operator Initializer(string identifier) => get(identifier);

    static readonly Dictionary<string, Func<Initializer>> Factories = new(StringComparer.Ordinal)
    {
        ["zeros"] = () => new Zeros(),
        ["Zeros"] = () => new Zeros(),
        ["ones"] = () => new Ones(),
        ["Ones"] = () => new Ones(),
        ["random_normal"] = () => new RandomNormal(),
        ["RandomNormal"] = () => new RandomNormal(),
        ["random_uniform"] = () => new RandomUniform(),
        ["RandomUniform"] = () => new RandomUniform(),
        ["truncated_normal"] = () => new TruncatedNormal(),
        ["TruncatedNormal"] = () => new TruncatedNormal(),
        ["glorot_uniform"] = () => VarianceScaling.GlorotUniform(),
        ["GlorotUniform"] = () => VarianceScaling.GlorotUniform(),
        ["glorot_normal"] = () => VarianceScaling.GlorotNormal(),
        ["GlorotNormal"] = () => VarianceScaling.GlorotNormal(),
        ["he_uniform"] = () => VarianceScaling.HeUniform(),
        ["HeUniform"] = () => VarianceScaling.HeUniform(),
        ["he_normal"] = () => VarianceScaling.HeNormal(),
        ["HeNormal"] = () => VarianceScaling.HeNormal(),
        ["lecun_uniform"] = () => VarianceScaling.LecunUniform(),
        ["LecunUniform"] = () => VarianceScaling.LecunUniform(),
        ["lecun_normal"] = () => VarianceScaling.LecunNormal(),
        ["LecunNormal"] = () => VarianceScaling.LecunNormal(),
        ["variance_scaling"] = () => new VarianceScaling(),
        ["VarianceScaling"] = () => new VarianceScaling(),
        ["orthogonal"] = () => new Orthogonal(),
        ["Orthogonal"] = () => new Orthogonal(),
    };

    /// <summary>A generator for a seeded initializer, or null for TorchSharp's global one.</summary>
    internal static Generator? GeneratorFor(int? seed) => seed is { } s ? new Generator((ulong)s, CPU) : null;

    /// <summary>Checks a shape given to <see cref="call"/>.</summary>
    internal static void CheckShape(long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(d => d < 0))
            throw new ArgumentException($"Invalid weight shape ({string.Join(", ", shape)}): dimensions must be non-negative.", nameof(shape));
    }

    /// <summary>
    /// An uninitialised float32 CPU tensor of <paramref name="shape"/>, for an initializer to fill in place. Allocation
    /// goes through <c>torch.empty</c>, which throws when memory is short (TorchSharp 0.107's <c>torch.rand</c> returns a
    /// bad handle instead and the process dies later); sizes beyond what can be addressed or allocated are refused with
    /// an <see cref="InsufficientMemoryException"/> naming the shape and its size.
    /// </summary>
    protected static Tensor Allocate(long[] shape)
    {
        CheckShape(shape);
        long elements = 1;
        foreach (var d in shape)
            if (d != 0 && elements > long.MaxValue / 4 / d)
                throw TooLarge(shape, null, null);
            else elements *= d;
        try
        {
            return empty(shape, ScalarType.Float32);
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            throw TooLarge(shape, 4.0 * elements, e);
        }
    }

    static InsufficientMemoryException TooLarge(long[] shape, double? bytes, Exception? inner) => new(
        $"Cannot allocate a float32 weight of shape ({string.Join(", ", shape)})"
        + (bytes is { } b ? $", {b / (1L << 30):0.##} GiB" : ", more bytes than can be addressed")
        + (inner is null ? "." : $": {inner.Message}"), inner);

    /// <summary>
    /// <see cref="call"/> for the weight <paramref name="weight"/> of layer <paramref name="layer"/>: a size that cannot
    /// be allocated is refused with an <see cref="InsufficientMemoryException"/> naming the layer, the weight and its shape.
    /// </summary>
    internal Tensor call_for(string layer, string weight, long[] shape)
    {
        try
        {
            return call(shape);
        }
        catch (InsufficientMemoryException e)
        {
            throw new InsufficientMemoryException($"Layer '{layer}': cannot create its weight '{weight}'. {e.Message}", e.InnerException ?? e);
        }
    }
}
