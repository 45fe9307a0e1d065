using System;
using System.Collections.Generic;

namespace KerasSharp;

public static partial class keras
{
    /// <summary>Callbacks (Keras: <c>keras.callbacks</c>).</summary>
    public static class callbacks
    {
        /// <summary>A callback from functions (Keras: <c>LambdaCallback</c>).</summary>
        public static Callbacks.LambdaCallback LambdaCallback(
            Action<int, Dictionary<string, double>?>? on_epoch_begin = null,
            Action<int, Dictionary<string, double>?>? on_epoch_end = null,
            Action<int, Dictionary<string, double>?>? on_train_batch_begin = null,
            Action<int, Dictionary<string, double>?>? on_train_batch_end = null,
            Action<Dictionary<string, double>?>? on_train_begin = null,
            Action<Dictionary<string, double>?>? on_train_end = null) =>
            new(on_epoch_begin, on_epoch_end, on_train_batch_begin, on_train_batch_end, on_train_begin, on_train_end);

        /// <summary>Evaluates and predicts with the optimizer's moving averages (Keras: <c>SwapEMAWeights</c>).</summary>
        public static Callbacks.SwapEMAWeights SwapEMAWeights(bool swap_on_epoch = false) => new(swap_on_epoch);
    }
}
