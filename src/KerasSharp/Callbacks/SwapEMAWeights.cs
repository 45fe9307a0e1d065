using System;
using System.Collections.Generic;

namespace KerasSharp.Callbacks;

/// <summary>
/// Evaluates and predicts with the optimizer's moving averages of the weights (Keras:
/// <c>keras.callbacks.SwapEMAWeights</c>, keras/src/callbacks/swap_ema_weights.py): the model's weights and the
/// averages are swapped at <c>on_test_begin</c>/<c>on_predict_begin</c> and back at the end; with
/// <paramref name="swap_on_epoch"/> also around the end of each epoch, so that later callbacks (a checkpoint) see the
/// averages. The optimizer must be created with <c>use_ema: true</c>.
/// </summary>
/// <remarks>
/// As in Keras 3.11, <c>on_predict_end</c> swaps back only when the averages are not in the model, which never holds
/// after <c>on_predict_begin</c>: a predict called with this callback leaves the averages in the model. Validation inside
/// <c>fit</c> runs the test hooks, as Keras's does, so <c>val_loss</c> is the averages' loss.
/// </remarks>
public sealed class SwapEMAWeights(bool swap_on_epoch = false) : Callback
{
    bool _emaInModel;

    /// <summary>Whether the weights are swapped around each epoch's end too.</summary>
    public bool swap_on_epoch { get; } = swap_on_epoch;

    Optimizers.Optimizer Optimizer()
    {
        var opt = model?.optimizer ?? throw new InvalidOperationException("SwapEMAWeights needs a compiled model.");
        if (!opt.use_ema)
            throw new InvalidOperationException($"SwapEMAWeights must be used when `use_ema=True` is set on the optimizer. Received: use_ema={opt.use_ema}");
        return opt;
    }

    void Swap() => Optimizer().swap_ema_weights(model!.trainable_weights);

    /// <inheritdoc />
    public override void on_train_begin(Dictionary<string, double>? logs = null) => Optimizer();

    /// <inheritdoc />
    public override void on_epoch_begin(int epoch, Dictionary<string, double>? logs = null)
    {
        if (swap_on_epoch && _emaInModel)
        {
            Swap();
            _emaInModel = false;
        }
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        if (swap_on_epoch && !_emaInModel)
        {
            Swap();
            _emaInModel = true;
            // The last epoch: the averages take the model's (average) values, so fit's finalize keeps them.
            if (@params.TryGetValue("epochs", out var e) && e is int epochs && epoch == epochs - 1)
                Optimizer().set_averages_to_variables(model!.trainable_weights);
        }
    }

    /// <inheritdoc />
    public override void on_test_begin(Dictionary<string, double>? logs = null)
    {
        if (!_emaInModel)
        {
            Swap();
            _emaInModel = true;
        }
    }

    /// <inheritdoc />
    public override void on_test_end(Dictionary<string, double>? logs = null)
    {
        if (_emaInModel)
        {
            Swap();
            _emaInModel = false;
        }
    }

    /// <inheritdoc />
    public override void on_predict_begin(Dictionary<string, double>? logs = null)
    {
        if (!_emaInModel)
        {
            Swap();
            _emaInModel = true;
        }
    }

    /// <inheritdoc />
    public override void on_predict_end(Dictionary<string, double>? logs = null)
    {
        // Keras 3.11's condition, kept as is (see remarks).
        if (!_emaInModel)
        {
            Swap();
            _emaInModel = false;
        }
    }
}
