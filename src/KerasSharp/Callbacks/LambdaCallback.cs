using System;
using System.Collections.Generic;

namespace KerasSharp.Callbacks;

/// <summary>
/// A callback from functions (Keras: <c>keras.callbacks.LambdaCallback</c>), one per hook: Keras names six and takes
/// the others as keyword arguments; here every hook is a parameter. Only given batch hooks make <c>fit</c> read batch logs.
/// </summary>
public sealed class LambdaCallback(
    Action<int, Dictionary<string, double>?>? on_epoch_begin = null,
    Action<int, Dictionary<string, double>?>? on_epoch_end = null,
    Action<int, Dictionary<string, double>?>? on_train_batch_begin = null,
    Action<int, Dictionary<string, double>?>? on_train_batch_end = null,
    Action<Dictionary<string, double>?>? on_train_begin = null,
    Action<Dictionary<string, double>?>? on_train_end = null,
    Action<Dictionary<string, double>?>? on_test_begin = null,
    Action<Dictionary<string, double>?>? on_test_end = null,
    Action<int, Dictionary<string, double>?>? on_test_batch_begin = null,
    Action<int, Dictionary<string, double>?>? on_test_batch_end = null,
    Action<Dictionary<string, double>?>? on_predict_begin = null,
    Action<Dictionary<string, double>?>? on_predict_end = null,
    Action<int, Dictionary<string, double>?>? on_predict_batch_begin = null,
    Action<int, Dictionary<string, double>?>? on_predict_batch_end = null) : Callback
{
    readonly Action<int, Dictionary<string, double>?>? _epochBegin = on_epoch_begin, _epochEnd = on_epoch_end;
    readonly Action<int, Dictionary<string, double>?>? _batchBegin = on_train_batch_begin, _batchEnd = on_train_batch_end;
    readonly Action<Dictionary<string, double>?>? _trainBegin = on_train_begin, _trainEnd = on_train_end;
    readonly Action<Dictionary<string, double>?>? _testBegin = on_test_begin, _testEnd = on_test_end;
    readonly Action<int, Dictionary<string, double>?>? _testBatchBegin = on_test_batch_begin, _testBatchEnd = on_test_batch_end;
    readonly Action<Dictionary<string, double>?>? _predictBegin = on_predict_begin, _predictEnd = on_predict_end;
    readonly Action<int, Dictionary<string, double>?>? _predictBatchBegin = on_predict_batch_begin, _predictBatchEnd = on_predict_batch_end;

    /// <inheritdoc />
    internal override bool? uses_batch_hooks => _batchBegin is not null || _batchEnd is not null || _testBatchBegin is not null || _testBatchEnd is not null;
    internal override bool? uses_test_batch_hooks => _testBatchBegin is not null || _testBatchEnd is not null;

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
    /// <inheritdoc />
    public override void on_test_begin(Dictionary<string, double>? logs = null) => _testBegin?.Invoke(logs);
    /// <inheritdoc />
    public override void on_test_end(Dictionary<string, double>? logs = null) => _testEnd?.Invoke(logs);
    /// <inheritdoc />
    public override void on_test_batch_begin(int batch, Dictionary<string, double>? logs = null) => _testBatchBegin?.Invoke(batch, logs);
    /// <inheritdoc />
    public override void on_test_batch_end(int batch, Dictionary<string, double>? logs = null) => _testBatchEnd?.Invoke(batch, logs);
    /// <inheritdoc />
    public override void on_predict_begin(Dictionary<string, double>? logs = null) => _predictBegin?.Invoke(logs);
    /// <inheritdoc />
    public override void on_predict_end(Dictionary<string, double>? logs = null) => _predictEnd?.Invoke(logs);
    /// <inheritdoc />
    public override void on_predict_batch_begin(int batch, Dictionary<string, double>? logs = null) => _predictBatchBegin?.Invoke(batch, logs);
    /// <inheritdoc />
    public override void on_predict_batch_end(int batch, Dictionary<string, double>? logs = null) => _predictBatchEnd?.Invoke(batch, logs);
}
