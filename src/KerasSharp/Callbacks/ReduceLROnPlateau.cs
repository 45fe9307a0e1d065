using System;
using System.Collections.Generic;

namespace KerasSharp.Callbacks;

/// <summary>
/// Multiplies the learning rate by <c>factor</c> when the monitored quantity has not improved for
/// <c>patience</c> epochs (Keras: <c>keras.callbacks.ReduceLROnPlateau</c>): never below
/// <c>min_lr</c>, then waits <c>cooldown</c> epochs before counting again. Each epoch's logs get
/// "learning_rate" (the optimizer's rate as the float32 Keras stores). Verbose prints "Epoch N: ReduceLROnPlateau
/// reducing learning rate to X." with X as Python prints it.
/// </summary>
public sealed class ReduceLROnPlateau : MonitorCallback
{
    /// <summary>Creates the callback; <paramref name="factor"/> must be below 1.</summary>
    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0, string mode = "auto",
        double min_delta = 0.0001, int cooldown = 0, double min_lr = 0.0)
        : base(monitor, mode, null, min_delta)
    {
        if (!(factor < 1.0)) throw new ArgumentException($"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={factor}", nameof(factor));
        if (!(factor >= 0)) throw new ArgumentException($"ReduceLROnPlateau needs a factor in [0, 1). Received factor={factor}", nameof(factor));
        if (!(min_lr >= 0 && double.IsFinite(min_lr))) throw new ArgumentException($"`min_lr` must be a non-negative finite number. Received: min_lr={min_lr}", nameof(min_lr));
        this.factor = factor;
        this.patience = patience;
        this.verbose = verbose;
        this.cooldown = cooldown;
        this.min_lr = min_lr;
    }

    /// <summary>The factor applied to the rate.</summary>
    public double factor { get; }
    /// <summary>Epochs without improvement before a reduction.</summary>
    public int patience { get; }
    /// <summary>0 silent, 1 prints each reduction.</summary>
    public int verbose { get; }
    /// <summary>Epochs to wait after a reduction.</summary>
    public int cooldown { get; }
    /// <summary>The lower bound on the rate.</summary>
    public double min_lr { get; }
    /// <summary>Epochs counted without improvement.</summary>
    public int wait { get; private set; }
    /// <summary>Cooldown epochs left.</summary>
    public int cooldown_counter { get; private set; }

    /// <inheritdoc />
    public override void on_train_begin(Dictionary<string, double>? logs = null)
    {
        cooldown_counter = 0;
        wait = 0;
        base.on_train_begin(logs);
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        set_monitor_op();
        var optimizer = model?.optimizer ?? throw new InvalidOperationException("ReduceLROnPlateau needs a compiled model (an optimizer with a learning rate).");
        logs ??= new Dictionary<string, double>();
        logs["learning_rate"] = LearningRateScheduler.stored_rate(optimizer);
        if (!logs.TryGetValue(monitor, out var current))
        {
            Saving.WeightsFile.Warn($"Learning rate reduction is conditioned on metric `{monitor}` which is not available. Available metrics are: {available(logs)}.");
            return;
        }
        if (cooldown_counter > 0)
        {
            cooldown_counter--;
            wait = 0;
        }
        if (is_improvement(current, best))
        {
            best = current;
            wait = 0;
            return;
        }
        if (cooldown_counter > 0) return;
        wait++;
        if (wait < patience) return;
        double old = LearningRateScheduler.stored_rate(optimizer);
        if (old > (float)min_lr)
        {
            double rate = Math.Max(old * factor, min_lr);
            LearningRateScheduler.set_rate(optimizer, rate, nameof(ReduceLROnPlateau));
            if (verbose > 0) print_msg($"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {PythonFormat.Repr(rate)}.");
            cooldown_counter = cooldown;
            wait = 0;
        }
    }
}
