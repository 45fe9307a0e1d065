using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// Tests that touch TorchSharp's or KerasSharp's process-wide state (random seed, thread count, default device,
/// auto-naming counters) belong to this collection: xunit runs its members one at a time and never alongside
/// another collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchStateCollection
{
    public const string Name = "TorchSharp process state";
}
