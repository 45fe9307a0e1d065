using System;
using System.Collections.Generic;
using System.IO;

namespace KerasSharp.Callbacks;

/// <summary>
/// Saves the model or its weights during training (Keras: <c>keras.callbacks.ModelCheckpoint</c>,
/// keras/src/callbacks/model_checkpoint.py). <c>filepath</c> is a Python format string filled with
/// <c>epoch</c> (1-based), <c>batch</c> (1-based, when saving every <c>save_freq</c> batches) and the logs:
/// "weights.{epoch:02d}-{val_loss:.2f}.weights.h5". It must end in ".keras" (a whole-model archive) or, with
/// <c>save_weights_only</c>, in ".weights.h5", as Keras requires. With <c>save_best_only</c> a
/// file is written only when the monitored value improves on the best so far (starting from
/// <c>initial_value_threshold</c>), with Keras's messages when verbose. <c>save_freq</c> is
/// "epoch" or an int number of batches.
/// </summary>
public class ModelCheckpoint : MonitorCallback
{
    readonly SaveFrequency _freq;
    int _currentEpoch;

    /// <summary>Creates the callback; a filepath with the wrong extension is refused here, before training.</summary>
    public ModelCheckpoint(string filepath, string monitor = "val_loss", int verbose = 0, bool save_best_only = false, bool save_weights_only = false,
        string mode = "auto", object? save_freq = null, double? initial_value_threshold = null)
        : base(monitor, mode, initial_value_threshold)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        _freq = new SaveFrequency(save_freq ?? "epoch", nameof(ModelCheckpoint));
        if (save_weights_only)
        {
            if (!filepath.EndsWith(".weights.h5", StringComparison.Ordinal))
                throw new ArgumentException(
                    $"When using `save_weights_only=True` in `ModelCheckpoint`, the filepath provided must end in `.weights.h5` (Keras weights format). Received: filepath={filepath}",
                    nameof(filepath));
        }
        else if (filepath.EndsWith(".h5", StringComparison.Ordinal))
            throw new NotSupportedException(
                $"ModelCheckpoint: filepath={filepath} asks for Keras's legacy HDF5 model format, which KerasSharp does not write. Use a `.keras` filepath, or `save_weights_only: true` with a `.weights.h5` filepath.");
        else if (!filepath.EndsWith(".keras", StringComparison.Ordinal))
            throw new ArgumentException($"The filepath provided must end in `.keras` (Keras model format). Received: filepath={filepath}", nameof(filepath));
        this.filepath = filepath;
        this.verbose = verbose;
        this.save_best_only = save_best_only;
        this.save_weights_only = save_weights_only;
    }

    /// <summary>The filepath template.</summary>
    public string filepath { get; }
    /// <summary>0 silent, 1 prints each decision.</summary>
    public int verbose { get; }
    /// <summary>Whether only improvements are saved.</summary>
    public bool save_best_only { get; }
    /// <summary>Whether only the weights are saved.</summary>
    public bool save_weights_only { get; }
    /// <summary>"epoch" or a batch count.</summary>
    public object save_freq => _freq.value;

    /// <inheritdoc />
    internal override bool? uses_batch_hooks => !_freq.per_epoch;

    /// <inheritdoc />
    public override void on_train_batch_end(int batch, Dictionary<string, double>? logs = null)
    {
        if (_freq.should_save_on_batch(batch)) save_model(_currentEpoch, batch, logs);
    }

    /// <inheritdoc />
    public override void on_epoch_begin(int epoch, Dictionary<string, double>? logs = null) => _currentEpoch = epoch;

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        set_monitor_op();
        if (_freq.per_epoch) save_model(epoch, null, logs);
    }

    bool should_save(int epoch, Dictionary<string, double>? logs, string path)
    {
        if (!save_best_only)
        {
            if (verbose > 0) print_msg($"\nEpoch {epoch + 1}: saving model to {path}");
            return true;
        }
        if (logs is null || !logs.TryGetValue(monitor, out var current))
        {
            Saving.WeightsFile.Warn($"Can save best model only with {monitor} available.");
            return true;
        }
        string bestText = best is { } b ? PythonFormat.FormatValue(b, ".5f") : "None";
        if (is_improvement(current, best))
        {
            if (verbose > 0)
                print_msg($"\nEpoch {epoch + 1}: {monitor} improved from {bestText} to {PythonFormat.FormatValue(current, ".5f")}, saving model to {path}");
            best = current;
            return true;
        }
        if (verbose > 0) print_msg($"\nEpoch {epoch + 1}: {monitor} did not improve from {bestText}");
        return false;
    }

    void save_model(int epoch, int? batch, Dictionary<string, double>? logs)
    {
        var path = file_path(epoch, batch, logs);
        if (!should_save(epoch, logs, path)) return;
        if (Directory.Exists(path))
            throw new IOException($"Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an existing directory: {path}");
        var dir = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        if (save_weights_only) model!.save_weights(path);
        else model!.save(path);
    }

    /// <summary>The filepath for an epoch (0-based) and batch (0-based or null), formatted as Keras formats it.</summary>
    internal string file_path(int epoch, int? batch, Dictionary<string, double>? logs)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal) { ["epoch"] = epoch + 1 };
        if (batch is { } b && (logs is null || !logs.ContainsKey("batch"))) values["batch"] = b + 1;
        if (logs is not null) foreach (var (k, v) in logs) values[k] = v;
        try
        {
            return PythonFormat.Format(filepath, values);
        }
        catch (KeyNotFoundException e)
        {
            throw new KeyNotFoundException($"Failed to format this callback filepath: \"{filepath}\". Reason: {e.Message}. Available keys: {string.Join(", ", values.Keys)}.", e);
        }
        catch (FormatException e)
        {
            throw new FormatException($"Failed to format this callback filepath: \"{filepath}\". Reason: {e.Message}", e);
        }
    }
}
