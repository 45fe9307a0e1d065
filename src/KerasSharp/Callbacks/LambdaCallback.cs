using System;
using System.Collections.Generic;

namespace KerasSharp.Callbacks;

/// <summary>A callback from functions (Keras: <c>keras.callbacks.LambdaCallback</c>).</summary>
public sealed class LambdaCallback(
    Action<int, Dictionary<string, double>?>? on_epoch_begin = null,
    Action<int, Dictionary<string, double>?>? on_epoch_end = null,
    Action<int, Dictionary<string, double>?>? on_train_batch_begin = null,
    Action<int, Dictionary<string, double>?>? on_train_batch_end = null,
    Action<Dictionary<string, double>?>? on_train_begin = null,
    Action<Dictionary<string, double>?>? on_train_end = null) : Callback
{
    readonly Action<int, Dictionary<string, double>?>? _epochBegin = on_epoch_begin, _epochEnd = on_epoch_end;
    readonly Action<int, Dictionary<string, double>?>? _batchBegin = on_train_batch_begin, _batchEnd = on_train_batch_end;
    readonly Action<Dictionary<string, double>?>? _trainBegin = on_train_begin, _trainEnd = on_train_end;

    internal bool has_batch_hooks => _batchBegin is not null || _batchEnd is not null;

    /// <inheritdoc />
    public override void on_epoch_begin(int epoch, Dictionary<string, double>? logs = null) => _epochBegin?.Invoke(epoch, logs);
    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null) => _epochEnd?.Invoke(epoch, logs);
    /// <inheritdoc />
    public override void on_train_batch_begin(int batch, Dictionary<string, double>? logs = null) => _batchBegin?.Invoke(batch, logs);
    /// <inheritdoc />
    public override void on_train_batch_end(int batch, Dictionary<string, double>? logs = null) => _batchEnd?.Invoke(batch, logs);
    /// <inheritdoc />
    public override void on_train_begin(Dictionary<string, double>? logs = null) => _trainBegin?.Invoke(logs);
    /// <inheritdoc />
    public override void on_train_end(Dictionary<string, double>? logs = null) => _trainEnd?.Invoke(logs);
}
