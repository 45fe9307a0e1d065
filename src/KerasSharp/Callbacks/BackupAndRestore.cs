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
/// <para>As <see cref="ModelCheckpoint"/> with <c>save_on_background</c> (the default here too), the weights and optimizer
/// state are copied to the host on the training thread and the files (the ".bkp" copies, the weights file, then the
/// metadata, in that order) are written on the thread pool, in order, one at a time with at most one waiting (replaced by
/// a newer backup unless <c>double_checkpoint</c>, whose ".bkp" must be the backup before); <c>fit</c> waits for the last one
/// before it returns or throws, so an interrupted fit leaves its last backup complete on disk. A failed write is thrown
/// from <c>fit</c> at the next backup or at the end of training.</para>
/// </summary>
public sealed class BackupAndRestore : Callback
{
    readonly SaveFrequency _freq;
    int _currentEpoch;
    readonly string _weightsPath, _metadataPath, _prevWeightsPath, _prevMetadataPath;

    /// <summary>Creates the callback; <paramref name="backup_dir"/> must not be empty.</summary>
    public BackupAndRestore(string backup_dir, object? save_freq = null, bool double_checkpoint = false, bool delete_checkpoint = true,
        bool save_on_background = true)
    {
        this.save_on_background = save_on_background;
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
    /// <summary>Whether backups are written off the training thread (see the class remarks); false writes in place, as Keras.</summary>
    public bool save_on_background { get; }

    readonly BackgroundWriter _writer = new();

    /// <summary>Blocks until the backup being written in the background, if any, is on disk; a failed write is thrown here.</summary>
    public void wait_until_finished() => _writer.Wait();

    /// <inheritdoc />
    internal override void on_fit_exit()
    {
        if (_writer.Take() is { } failure) WeightsFile.Warn(failure.Message);
    }

    /// <inheritdoc />
    internal override bool? uses_batch_hooks => !_freq.per_epoch;

    /// <inheritdoc />
    public override void on_train_begin(Dictionary<string, double>? logs = null)
    {
        _writer.Wait();
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
        _writer.ThrowIfFailed();
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
        var metadata = PythonJson.Dumps(new Dictionary<string, object?> { ["epoch"] = (long)_currentEpoch, ["batch"] = (long)_freq.last_batch_seen });
        if (!save_on_background || !model!.built)
        {
            _writer.Wait();
            write(() => model!.save_weights(_weightsPath), metadata); // an unbuilt model gets save_weights's own refusal
            return;
        }
        var key = double_checkpoint ? null : Path.GetFullPath(backup_dir);
        _writer.Reserve(key);
        var weights = WeightsFile.Capture(model);
        // A waiting backup is replaced by a newer one, except with double_checkpoint, whose ".bkp" must be the one before.
        _writer.Start($"BackupAndRestore: writing the backup of epoch {_currentEpoch} to '{backup_dir}'", key,
            double_checkpoint ? [_weightsPath, _metadataPath, _prevWeightsPath, _prevMetadataPath] : [_weightsPath, _metadataPath],
            () => { using (weights) write(() => AtomicFile.Write(_weightsPath, stream => WeightsFile.EncodeTo(weights, stream)), metadata); }, weights);
    }

    void write(Action saveWeights, string metadata)
    {
        if (double_checkpoint && File.Exists(_weightsPath)) File.Copy(_weightsPath, _prevWeightsPath, overwrite: true);
        if (double_checkpoint && File.Exists(_metadataPath)) File.Copy(_metadataPath, _prevMetadataPath, overwrite: true);
        saveWeights();
        File.WriteAllText(_metadataPath, metadata);
    }

    /// <inheritdoc />
    public override void on_train_end(Dictionary<string, double>? logs = null)
    {
        _writer.Wait();
        if (delete_checkpoint && Directory.Exists(backup_dir)) Directory.Delete(backup_dir, recursive: true);
    }
}
