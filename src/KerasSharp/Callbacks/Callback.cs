using System.Collections.Generic;
using KerasSharp.Models;

namespace KerasSharp.Callbacks;

/// <summary>
/// The base of callbacks (Keras: <c>keras.callbacks.Callback</c>): override the hooks you need. <c>logs</c> hold the
/// running means of the loss and metrics (keys as in History: "loss", "accuracy", "val_loss", ...); a callback may add
/// keys in <c>on_epoch_end</c>. Batch-level hooks cost a host synchronisation per batch to fill their logs, so
/// <c>fit</c> fills them only when some callback overrides a batch hook.
/// </summary>
public abstract class Callback
{
    /// <summary>The model being trained, evaluated or used for prediction.</summary>
    public Model? model => _model;

    /// <summary>Training parameters: "verbose", "epochs", "steps".</summary>
    public Dictionary<string, object?> @params => _params;

    Model? _model;
    Dictionary<string, object?> _params = new();

    /// <summary>
    /// Gives the callback its model and parameters before training (Keras's <c>set_model</c> and <c>set_params</c>;
    /// C# reserves those names for the setters of <see cref="model"/> and <c>params</c>). Override
    /// <see cref="on_train_begin"/> to act at that point.
    /// </summary>
    internal virtual void bind(Model model, Dictionary<string, object?> @params)
    {
        _model = model;
        _params = @params;
    }

    /// <summary>
    /// Whether this callback acts on batch hooks (so <c>fit</c> reads batch logs for it), or null to decide from which
    /// hooks the class overrides. A callback whose batch hooks depend on its settings (ModelCheckpoint's save_freq) says so.
    /// </summary>
    internal virtual bool? uses_batch_hooks => null;

    /// <summary>Like <see cref="uses_batch_hooks"/>, for the test-batch hooks alone (validation inside fit, evaluate).</summary>
    internal virtual bool? uses_test_batch_hooks => null;

    /// <summary>
    /// When <c>fit</c> ends, normally (after <see cref="on_train_end"/>) or by an exception: a callback with work still in
    /// flight (ModelCheckpoint's background write) finishes it here, so every file exists once <c>fit</c> returns or
    /// throws. Must not throw (it runs while another exception may be propagating).
    /// </summary>
    internal virtual void on_fit_exit() { }

    /// <summary>At the start of <c>fit</c>.</summary>
    public virtual void on_train_begin(Dictionary<string, double>? logs = null) { }
    /// <summary>At the end of <c>fit</c>, with the last epoch's logs.</summary>
    public virtual void on_train_end(Dictionary<string, double>? logs = null) { }
    /// <summary>At the start of an epoch (0-based).</summary>
    public virtual void on_epoch_begin(int epoch, Dictionary<string, double>? logs = null) { }
    /// <summary>At the end of an epoch (0-based), with the epoch's training and validation results.</summary>
    public virtual void on_epoch_end(int epoch, Dictionary<string, double>? logs = null) { }
    /// <summary>Before a training batch.</summary>
    public virtual void on_train_batch_begin(int batch, Dictionary<string, double>? logs = null) { }
    /// <summary>After a training batch, with the running means so far in the epoch.</summary>
    public virtual void on_train_batch_end(int batch, Dictionary<string, double>? logs = null) { }
    /// <summary>At the start of <c>evaluate</c>, and of each validation run inside <c>fit</c> (as in Keras 3).</summary>
    public virtual void on_test_begin(Dictionary<string, double>? logs = null) { }
    /// <summary>At the end of <c>evaluate</c> or of a validation run inside <c>fit</c>, with its (unprefixed) logs.</summary>
    public virtual void on_test_end(Dictionary<string, double>? logs = null) { }
    /// <summary>Before an evaluation batch.</summary>
    public virtual void on_test_batch_begin(int batch, Dictionary<string, double>? logs = null) { }
    /// <summary>After an evaluation batch.</summary>
    public virtual void on_test_batch_end(int batch, Dictionary<string, double>? logs = null) { }
    /// <summary>At the start of <c>predict</c>.</summary>
    public virtual void on_predict_begin(Dictionary<string, double>? logs = null) { }
    /// <summary>At the end of <c>predict</c>.</summary>
    public virtual void on_predict_end(Dictionary<string, double>? logs = null) { }
    /// <summary>Before a prediction batch.</summary>
    public virtual void on_predict_batch_begin(int batch, Dictionary<string, double>? logs = null) { }
    /// <summary>After a prediction batch.</summary>
    public virtual void on_predict_batch_end(int batch, Dictionary<string, double>? logs = null) { }
}
