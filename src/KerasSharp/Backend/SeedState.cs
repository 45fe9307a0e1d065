using System;

namespace KerasSharp.Backend;

/// <summary>The seed given to <c>set_random_seed</c>, and a host generator derived from it for any host-side randomness.</summary>
internal static class SeedState
{
    internal static int? Seed { get; private set; }
    internal static Random Host { get; private set; } = new();

    internal static void Reset(int seed)
    {
        Seed = seed;
        Host = new Random(seed);
    }
}
