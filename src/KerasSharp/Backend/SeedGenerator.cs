using System;
using static TorchSharp.torch;

namespace KerasSharp.Backend;

/// <summary>
/// The random state of a layer that draws at every call (Keras: <c>keras.random.SeedGenerator</c>,
/// keras/src/random/seed_generator.py, as the torch backend uses it in keras/src/backend/torch/random.py). Seeded, its
/// state is <c>[seed, 0]</c> and draw number k uses a fresh generator seeded with <c>seed + k</c>, so a layer's sequence of
/// draws is the same from construction on. Unseeded, draws come from TorchSharp's global generator, which
/// <c>keras.utils.set_random_seed</c> seeds (Keras's unseeded torch dropout uses torch's global generator too).
/// </summary>
internal sealed class SeedGenerator
{
    readonly long? _seed;
    long _count;

    internal SeedGenerator(int? seed) => _seed = seed;

    /// <summary>The seed given at construction (Keras: <c>_initial_seed</c>), or null.</summary>
    internal int? initial_seed => _seed is { } s ? (int)s : null;

    /// <summary>
    /// The generator for the next draw on <paramref name="device"/> (the caller disposes it), or null for the global
    /// generator when unseeded.
    /// </summary>
    internal Generator? next(Device device)
    {
        if (_seed is not { } s) return null;
        var value = s + _count++;
        return new Generator(unchecked((ulong)value), device);
    }
}
