using Xunit;

namespace KerasSharp.Tests;

/// <summary>
/// Base of tests that use TorchSharp: each test starts with Keras's global state reset (automatic names from
/// "dense", "sequential") and the random seed set, inside the collection that never runs in parallel.
/// </summary>
[Collection(TorchStateCollection.Name)]
public abstract class TorchTest
{
    protected TorchTest()
    {
        keras.backend.clear_session();
        keras.config.set_device("auto");
        keras.utils.set_random_seed(0);
    }
}
