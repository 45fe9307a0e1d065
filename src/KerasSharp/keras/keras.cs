using System;
using KerasSharp.Backend;

namespace KerasSharp;

/// <summary>
/// Keras's namespace as static classes, so that a Python cell ports line by line:
/// <code>
/// using static KerasSharp.keras.layers;     // InputLayer, Dense, Activation, ...
/// using static KerasSharp.keras.models;     // Sequential
/// using static KerasSharp.keras.optimizers; // SGD, Adam, RMSprop, Adagrad, AdamW, ...
/// using static KerasSharp.keras.utils;      // to_categorical, set_random_seed
/// </code>
/// </summary>
public static partial class keras
{
    /// <summary>
    /// Runs the enclosed work on a device (Keras: <c>with keras.device("cpu"):</c>): <c>using (keras.device("cuda")) { ... }</c>.
    /// Accepts "cpu", "cuda", "cuda:N", Keras's "gpu:N", or "auto".
    /// </summary>
    public static IDisposable device(string device_name) => DeviceConfig.Scope(device_name);

    /// <summary>
    /// Prepares TorchSharp's native backend for KerasSharp (no Keras equivalent). KerasSharp does this by itself when
    /// it is first used; call <c>keras.init();</c> first in a program whose first statement is a <c>torch.*</c> call.
    /// On Linux machines whose libstdc++ is older than GCC 13's it loads a fixed copy of TorchSharp's native library
    /// from <c>$XDG_CACHE_HOME/kerassharp/native</c> (made once); elsewhere it does nothing.
    /// </summary>
    public static void init() => NativeFallback.Apply();

    /// <summary>Keras's version this library follows.</summary>
    public const string __version__ = "3.16.0";
}
