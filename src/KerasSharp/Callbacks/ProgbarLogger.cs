using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using KerasSharp.Utils;

namespace KerasSharp.Callbacks;

/// <summary>
/// Prints Keras's progress bar during <c>fit</c>, <c>evaluate</c> and <c>predict</c> (Keras:
/// <c>keras.callbacks.ProgbarLogger</c>, added automatically when verbose is not 0): "Epoch 3/100" when there are
/// several epochs, then the bar, or with verbose=2 one line per epoch. It reads metric values from the device only
/// when it is about to draw.
/// </summary>
internal sealed class ProgbarLogger : Callback
{
    readonly int _verbose;
    readonly TextWriter _output;
    Progbar? _progbar;
    int _epochs;
    int? _target;
    int _seen;
    bool _calledInFit;

    internal ProgbarLogger(int verbose, TextWriter? output = null)
    {
        _verbose = verbose;
        _output = output ?? Console.Out;
    }

    internal override void bind(Models.Model model, Dictionary<string, object?> @params)
    {
        base.bind(model, @params);
        _epochs = @params.TryGetValue("epochs", out var e) && e is int ep ? ep : 1;
        _target = @params.TryGetValue("steps", out var s) && s is int st ? st : null;
    }

    void Reset(int? target)
    {
        _seen = 0;
        _progbar = new Progbar(target, _output, _verbose);
    }

    /// <summary>Whether this bar belongs to a <c>fit</c> (Keras: <c>_called_in_fit</c>): validation then draws nothing.</summary>
    internal bool called_in_fit => _calledInFit;

    public override void on_train_begin(Dictionary<string, double>? logs = null) => _calledInFit = true;

    public override void on_epoch_begin(int epoch, Dictionary<string, double>? logs = null)
    {
        Reset(_target);
        if (_epochs > 1) _output.WriteLine($"Epoch {epoch + 1}/{_epochs}");
    }

    /// <summary>Draws after a batch when due; <paramref name="logs"/> is only called then.</summary>
    internal void on_batch_end(int batch, Func<Dictionary<string, double>> logs)
    {
        _seen = batch + 1;
        if (_progbar is null || !_progbar.WouldRender(_seen, finalize: false)) return;
        _progbar.Update(_seen, Ordered(logs()), finalize: false);
    }

    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null) => Finalize(logs);

    public override void on_test_begin(Dictionary<string, double>? logs = null)
    {
        if (!_calledInFit) Reset(_target);
    }

    public override void on_test_end(Dictionary<string, double>? logs = null)
    {
        if (!_calledInFit) Finalize(logs);
    }

    public override void on_predict_begin(Dictionary<string, double>? logs = null) => Reset(_target);

    public override void on_predict_end(Dictionary<string, double>? logs = null) => Finalize(null);

    void Finalize(Dictionary<string, double>? logs)
    {
        _progbar?.Update(_target ?? _seen, logs is null ? null : Ordered(logs), finalize: true);
    }

    // Keras: the logs' own order (training keys sorted, then keys added later).
    static IReadOnlyList<KeyValuePair<string, double>> Ordered(Dictionary<string, double> logs) => logs.ToList();
}
