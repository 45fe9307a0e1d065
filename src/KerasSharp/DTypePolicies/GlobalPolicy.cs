namespace KerasSharp.DTypePolicies;

/// <summary>
/// The process-wide default policy (Keras: <c>keras.config.set_dtype_policy</c> / <c>dtype_policy()</c>, kept in
/// Keras's global state, so <c>keras.backend.clear_session()</c> resets it to "float32"). Layers read it when they are
/// constructed without a <c>dtype</c>.
/// </summary>
internal static class GlobalPolicy
{
    static readonly DTypePolicy Float32 = new("float32");
    static volatile DTypePolicy _current = Float32;

    internal static DTypePolicy Current => _current;

    internal static void Set(object policy) => _current = DTypePolicy.Get(policy ?? throw new System.ArgumentNullException(nameof(policy)));

    internal static void Reset() => _current = Float32;
}
