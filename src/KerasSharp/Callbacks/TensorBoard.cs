using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasSharp.Callbacks;

/// <summary>
/// Writes TensorBoard event files (Keras: <c>keras.callbacks.TensorBoard</c>, keras/src/callbacks/tensorboard.py) with
/// TorchSharp's <c>torch.utils.tensorboard.SummaryWriter</c>: under <c>log_dir/train</c> the scalars
/// <c>epoch_loss</c>, <c>epoch_&lt;metric&gt;</c> and <c>epoch_learning_rate</c> per epoch (step = 0-based epoch),
/// under <c>log_dir/validation</c> the "val_" values without the prefix (<c>epoch_loss</c>, ...). With
/// <c>histogram_freq</c> N &gt; 0, every N epochs a histogram per weight, tagged "&lt;weight name&gt;/histogram"
/// ("kernel/histogram", as Keras 3 names weights). <c>update_freq</c> "epoch" (the default) writes nothing per batch;
/// "batch" or an int N writes <c>batch_loss</c>, ... every N training batches (step = global batch count), which reads
/// the batch logs from the device each batch, as Keras does. <c>evaluate</c> writes
/// <c>evaluation_&lt;key&gt;_vs_iterations</c> (step = optimizer iterations) to the validation folder.
/// </summary>
public sealed class TensorBoard : Callback
{
    readonly int? _updateEvery;
    SummaryWriter? _train, _validation;
    int _globalTrainBatch;

    /// <summary>Creates the callback; <paramref name="update_freq"/> is "epoch", "batch" or a positive int.</summary>
    public TensorBoard(string log_dir = "logs", int histogram_freq = 0, object? update_freq = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(log_dir);
        if (histogram_freq < 0) throw new ArgumentException($"`histogram_freq` must be >= 0. Received: histogram_freq={histogram_freq}", nameof(histogram_freq));
        this.log_dir = log_dir;
        this.histogram_freq = histogram_freq;
        _updateEvery = (update_freq ?? "epoch") switch
        {
            "epoch" => null,
            "batch" => 1,
            int n when n > 0 => n,
            var other => throw new ArgumentException($"Unrecognized update_freq: {other}. Expected 'epoch', 'batch' or a positive integer.", nameof(update_freq)),
        };
    }

    /// <summary>The root folder of the logs.</summary>
    public string log_dir { get; }
    /// <summary>Epochs between weight histograms (0: none).</summary>
    public int histogram_freq { get; }
    /// <summary>"epoch" or the number of batches between batch scalars.</summary>
    public object update_freq => _updateEvery is { } n ? n : "epoch";

    /// <inheritdoc />
    internal override bool? uses_batch_hooks => _updateEvery is not null;

    // TorchSharp's writer appends each event to its file as it is added (it has nothing to flush or close).
    SummaryWriter Train => _train ??= TorchSharp.torch.utils.tensorboard.SummaryWriter(Path.Combine(log_dir, "train"));
    SummaryWriter Validation => _validation ??= TorchSharp.torch.utils.tensorboard.SummaryWriter(Path.Combine(log_dir, "validation"));

    /// <inheritdoc />
    public override void on_train_begin(Dictionary<string, double>? logs = null) => _globalTrainBatch = 0;

    /// <inheritdoc />
    public override void on_train_batch_begin(int batch, Dictionary<string, double>? logs = null) => _globalTrainBatch++;

    /// <inheritdoc />
    public override void on_train_batch_end(int batch, Dictionary<string, double>? logs = null)
    {
        if (_updateEvery is not { } every || logs is null || _globalTrainBatch % every != 0) return;
        foreach (var (name, value) in logs) Train.add_scalar("batch_" + name, (float)value, _globalTrainBatch);
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        if (logs is { Count: > 0 })
        {
            var train = logs.Where(p => !p.Key.StartsWith("val_", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);
            if (model?.optimizer is { } optimizer) train["learning_rate"] = LearningRateScheduler.stored_rate(optimizer);
            foreach (var (name, value) in train) Train.add_scalar("epoch_" + name, (float)value, epoch);
            foreach (var (name, value) in logs.Where(p => p.Key.StartsWith("val_", StringComparison.Ordinal)))
                Validation.add_scalar("epoch_" + name["val_".Length..], (float)value, epoch);
        }
        if (histogram_freq > 0 && epoch % histogram_freq == 0 && model is not null)
        {
            using var scope = NewDisposeScope();
            foreach (var layer in model.layers)
                foreach (var weight in layer.variables)
                    Train.add_histogram(weight.name.Replace(':', '_') + "/histogram", weight.numpy(), epoch);
        }
    }

    /// <inheritdoc />
    public override void on_test_end(Dictionary<string, double>? logs = null)
    {
        if (logs is null || model?.optimizer is not { } optimizer) return;
        foreach (var (name, value) in logs)
            Validation.add_scalar("evaluation_" + name + "_vs_iterations", (float)value, (int)Math.Min(optimizer.iterations, int.MaxValue));
    }

    /// <inheritdoc />
    public override void on_train_end(Dictionary<string, double>? logs = null) => _train = _validation = null;
}
