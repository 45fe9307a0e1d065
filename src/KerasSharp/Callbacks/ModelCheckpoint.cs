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
/// <para>With <c>save_on_background</c> (the default, named as Keras's <c>OrbaxCheckpoint</c> names it) only the capture
/// runs on the training thread: the decision, the checks, the config text and a host copy of every weight and optimizer
/// variable. Encoding the HDF5 and zip, writing the temporary file, flushing it to disk and renaming it over the target
/// run on the thread pool, in order, one at a time, with at most one more snapshot waiting behind it: a newer save of the
/// same file replaces the waiting one (which would be overwritten at once, as "best.keras" is when improvements follow
/// each other faster than a write takes), a save of another file (an <c>{epoch}</c>-templated name) waits until the
/// waiting one has started. The bytes are those a <c>model.save</c>/<c>save_weights</c> at the capture writes. <c>fit</c>
/// waits for the last write before it returns or throws, so afterwards every file Keras would have written exists,
/// complete. A failed write is thrown from <c>fit</c> (as an <see cref="IOException"/> naming the file and epoch) at the
/// next save or epoch end, or at the end of training; if <c>fit</c> is already failing for another reason, the write's
/// failure is printed as a warning and the original exception propagates. KerasSharp's readers (<c>load_model</c>,
/// <c>load_weights</c>) wait for a pending write of the file they open, so a callback that loads the checkpoint in
/// <c>on_epoch_end</c> reads the new file, as in Keras; code that opens the file by other means during <c>fit</c>
/// should call <see cref="wait_until_finished"/> first or pass <c>save_on_background: false</c> (Keras's behaviour:
/// the whole save on the training thread). Saves every <c>save_freq</c> batches run the same way: to one file they
/// replace each other while waiting; to several files, when they come faster than writes take, the training thread
/// waits, so it never costs more than saving in place.</para>
/// </summary>
public class ModelCheckpoint : MonitorCallback
{
    readonly SaveFrequency _freq;
    int _currentEpoch;

    /// <summary>Creates the callback; a filepath with the wrong extension is refused here, before training.</summary>
    public ModelCheckpoint(string filepath, string monitor = "val_loss", int verbose = 0, bool save_best_only = false, bool save_weights_only = false,
        string mode = "auto", object? save_freq = null, double? initial_value_threshold = null, bool save_on_background = true)
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
        this.save_on_background = save_on_background;
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
    /// <summary>Whether files are written off the training thread (see the class remarks); false saves in place, as Keras.</summary>
    public bool save_on_background { get; }

    readonly Saving.BackgroundWriter _writer = new();

    /// <summary>
    /// Blocks until the checkpoint being written in the background, if any, is on disk (Keras: <c>OrbaxCheckpoint.wait_until_finished</c>);
    /// a failed write is thrown here as an <see cref="IOException"/>.
    /// </summary>
    public void wait_until_finished() => _writer.Wait();

    /// <inheritdoc />
    public override void on_train_begin(Dictionary<string, double>? logs = null)
    {
        _writer.Wait();
        base.on_train_begin(logs);
    }

    /// <inheritdoc />
    public override void on_train_end(Dictionary<string, double>? logs = null)
    {
        _writer.Wait();
        base.on_train_end(logs);
    }

    /// <inheritdoc />
    internal override void on_fit_exit()
    {
        if (_writer.Take() is { } failure) Saving.WeightsFile.Warn(failure.Message);
    }

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
        _writer.ThrowIfFailed();
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
        string BestText() => best is { } b ? PythonFormat.FormatValue(b, ".5f") : "None";
        if (is_improvement(current, best))
        {
            if (verbose > 0)
                print_msg($"\nEpoch {epoch + 1}: {monitor} improved from {BestText()} to {PythonFormat.FormatValue(current, ".5f")}, saving model to {path}");
            best = current;
            return true;
        }
        if (verbose > 0) print_msg($"\nEpoch {epoch + 1}: {monitor} did not improve from {BestText()}");
        return false;
    }

    void save_model(int epoch, int? batch, Dictionary<string, double>? logs)
    {
        var path = file_path(epoch, batch, logs); // first, as Keras's _save_model: a bad template fails even when nothing is saved
        if (!should_save(epoch, logs, path)) return;
        if (Directory.Exists(path))
            throw new IOException($"Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an existing directory: {path}");
        var dir = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var m = model!;
        if (!save_on_background || (save_weights_only && !m.built))
        {
            _writer.Wait();
            if (save_weights_only) m.save_weights(path); // an unbuilt model gets save_weights's own refusal
            else m.save(path);
            return;
        }
        var key = Path.GetFullPath(path);
        _writer.Reserve(key); // room in the queue before the capture: at most two snapshots exist
        Action write;
        IDisposable snapshot;
        if (save_weights_only)
        {
            var weights = Saving.WeightsFile.Capture(m);
            (snapshot, write) = (weights, () => { using (weights) Saving.AtomicFile.Write(key, stream => Saving.WeightsFile.EncodeTo(weights, stream)); }); // full path: the working folder may change meanwhile
        }
        else
        {
            var archive = Saving.ModelArchive.Capture(m, path);
            (snapshot, write) = (archive, () => { using (archive) archive.WriteTo(key); });
        }
        _writer.Start($"ModelCheckpoint: saving '{path}' at epoch {epoch + 1}{(batch is { } b ? $", batch {b + 1}" : "")}", key, [path], write, snapshot);
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
