using System;
using System.Collections.Generic;
using System.IO;
using KerasSharp.Saving;

namespace KerasSharp.Callbacks;

/// <summary>
/// Lets an interrupted <c>fit</c> resume (Keras: <c>keras.callbacks.BackupAndRestore</c>): at each epoch end (or every
/// <c>save_freq</c> batches) it writes <c>backup_dir/latest.weights.h5</c> (weights and optimizer state) and
/// <c>training_metadata.json</c> (<c>{"epoch": next epoch, "batch": last batch}</c>); when <c>fit</c> starts and a backup
/// exists, it loads it (building the optimizer first, as Keras does) and <c>fit</c> continues from the saved epoch. A
/// completed <c>fit</c> deletes the folder unless <c>delete_checkpoint</c> is false.
/// <c>double_checkpoint</c> keeps the previous backup as ".bkp" files and falls back to it when the latest
/// cannot be read.
/// </summary>
public sealed class BackupAndRestore : Callback
{
    readonly SaveFrequency _freq;
    int _currentEpoch;
    readonly string _weightsPath, _metadataPath, _prevWeightsPath, _prevMetadataPath;

    /// <summary>Creates the callback; <paramref name="backup_dir"/> must not be empty.</summary>
    public BackupAndRestore(string backup_dir, object? save_freq = null, bool double_checkpoint = false, bool delete_checkpoint = true)
    {
        if (string.IsNullOrEmpty(backup_dir)) throw new ArgumentException("Empty `backup_dir` argument passed", nameof(backup_dir));
        _freq = new SaveFrequency(save_freq ?? "epoch", nameof(BackupAndRestore));
        this.backup_dir = backup_dir;
        this.double_checkpoint = double_checkpoint;
        this.delete_checkpoint = delete_checkpoint;
        _weightsPath = Path.Combine(backup_dir, "latest.weights.h5");
        _metadataPath = Path.Combine(backup_dir, "training_metadata.json");
        _prevWeightsPath = _weightsPath + ".bkp";
        _prevMetadataPath = _metadataPath + ".bkp";
    }

    /// <summary>The folder of the backup.</summary>
    public string backup_dir { get; }
    /// <summary>Whether the previous backup is kept as a fallback.</summary>
    public bool double_checkpoint { get; }
    /// <summary>Whether a completed fit deletes the backup.</summary>
    public bool delete_checkpoint { get; }
    /// <summary>"epoch" or a batch count.</summary>
    public object save_freq => _freq.value;

    /// <inheritdoc />
    internal override bool? uses_batch_hooks => !_freq.per_epoch;

    /// <inheritdoc />
    public override void on_train_begin(Dictionary<string, double>? logs = null)
    {
        try
        {
            load();
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidDataException)
        {
            if (!File.Exists(_prevWeightsPath)) throw;
            File.Copy(_prevWeightsPath, _weightsPath, overwrite: true);
            if (File.Exists(_prevMetadataPath)) File.Copy(_prevMetadataPath, _metadataPath, overwrite: true);
            else if (File.Exists(_metadataPath)) File.Delete(_metadataPath);
            load();
        }
    }

    void load()
    {
        var m = model!;
        if (!m.built)
            throw new InvalidOperationException($"To use the BackupAndRestore callback, you model must be built before you call `fit()`. Model {m.name} is unbuilt.");
        if (File.Exists(_weightsPath)) m.load_weights(_weightsPath, buildOptimizer: true);
        if (File.Exists(_metadataPath))
        {
            var metadata = PythonJson.Loads(File.ReadAllText(_metadataPath)) as Dictionary<string, object?>;
            if (metadata is null || !metadata.TryGetValue("epoch", out var epoch) || epoch is not (long or int) || Convert.ToInt64(epoch) < 0 || Convert.ToInt64(epoch) > int.MaxValue)
                throw new InvalidDataException($"'{_metadataPath}' is not a BackupAndRestore metadata file: expected {{\"epoch\": <non-negative int>, \"batch\": <int>}}.");
            m._initial_epoch = (int)Convert.ToInt64(epoch);
        }
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        _currentEpoch = epoch + 1;
        _freq.last_batch_seen = 0;
        if (_freq.per_epoch) save();
    }

    /// <inheritdoc />
    public override void on_train_batch_end(int batch, Dictionary<string, double>? logs = null)
    {
        if (_freq.should_save_on_batch(batch)) save();
    }

    void save()
    {
        Directory.CreateDirectory(backup_dir);
        if (double_checkpoint && File.Exists(_weightsPath)) File.Copy(_weightsPath, _prevWeightsPath, overwrite: true);
        if (double_checkpoint && File.Exists(_metadataPath)) File.Copy(_metadataPath, _prevMetadataPath, overwrite: true);
        model!.save_weights(_weightsPath);
        File.WriteAllText(_metadataPath, PythonJson.Dumps(new Dictionary<string, object?> { ["epoch"] = (long)_currentEpoch, ["batch"] = (long)_freq.last_batch_seen }));
    }

    /// <inheritdoc />
    public override void on_train_end(Dictionary<string, double>? logs = null)
    {
        if (delete_checkpoint && Directory.Exists(backup_dir)) Directory.Delete(backup_dir, recursive: true);
    }
}
