using System.Collections.Generic;

namespace KerasSharp.Callbacks;

/// <summary>
/// Stops training when a batch's loss is NaN or infinite (Keras: <c>keras.callbacks.TerminateOnNaN</c>), printing
/// "Batch N: Invalid loss, terminating training" (N 0-based). It reads the loss after every batch, so it costs one host
/// synchronisation per batch, as in Keras.
/// </summary>
public sealed class TerminateOnNaN : Callback
{
    /// <inheritdoc />
    internal override bool? uses_batch_hooks => true;

    /// <inheritdoc />
    public override void on_train_batch_end(int batch, Dictionary<string, double>? logs = null)
    {
        if (logs is null || !logs.TryGetValue("loss", out var loss)) return;
        if (double.IsNaN(loss) || double.IsInfinity(loss))
        {
            MonitorCallback.print_msg($"Batch {batch}: Invalid loss, terminating training");
            model!.stop_training = true;
        }
    }
}
