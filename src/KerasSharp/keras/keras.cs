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
    /// A symbolic input (Keras: <c>keras.Input(shape, batch_size, dtype, name)</c>): <paramref name="shape"/> excludes
    /// the batch dimension; <paramref name="batch_shape"/> includes it, null entries unknown. Call layers on it and
    /// pass it to <see cref="Model"/>; as a Sequential's first element it stands for its InputLayer.
    /// </summary>
    public static Backend.KerasTensor Input(int[]? shape = null, int? batch_size = null, string? dtype = null, string? name = null, int?[]? batch_shape = null) =>
        layers.Input(shape, batch_size, name, batch_shape, dtype);

    /// <summary>
    /// A functional model (Keras: <c>keras.Model(inputs, outputs, name)</c>): the graph of layer calls from
    /// <paramref name="inputs"/> to <paramref name="outputs"/>, each one tensor, a list or a dictionary keyed by name.
    /// </summary>
    public static Models.Functional Model(Ops.TensorStructure inputs, Ops.TensorStructure outputs, string? name = null, bool trainable = true) =>
        new(inputs, outputs, name, trainable);

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
