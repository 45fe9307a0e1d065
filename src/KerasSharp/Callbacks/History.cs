using System.Collections.Generic;
using KerasSharp.Callbacks;

namespace KerasSharp.Callbacks;

/// <summary>
/// The record of a <c>fit</c> call (Keras: <c>keras.callbacks.History</c>), returned by <c>fit</c> and kept as
/// <c>model.history</c>: <see cref="history"/> maps each key ("loss", "accuracy", "val_loss", ...) to one value per
/// epoch, <see cref="epoch"/> lists the 0-based epochs, <c>params</c> holds verbose, epochs and steps.
/// </summary>
[Interactive.TypeFormatterSource(typeof(Interactive.HistoryFormatterSource), PreferredMimeTypes = ["image/png", "text/plain"])]
public sealed class History : Callback
{
    /// <summary>One list of per-epoch values per key, keys sorted as Keras sorts them.</summary>
    public Dictionary<string, List<double>> history { get; } = new();

    /// <summary>The 0-based indices of the epochs run.</summary>
    public List<int> epoch { get; } = new();

    /// <inheritdoc />
    public override void on_train_begin(Dictionary<string, double>? logs = null) => epoch.Clear();

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        this.epoch.Add(epoch);
        if (logs is null) return;
        foreach (var (key, value) in logs)
        {
            if (!history.TryGetValue(key, out var values)) history[key] = values = new List<double>();
            values.Add(value);
        }
    }
}
