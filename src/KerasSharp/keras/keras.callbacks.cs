using System;
using System.Collections.Generic;

namespace KerasSharp;

public static partial class keras
{
    /// <summary>Callbacks (Keras: <c>keras.callbacks</c>).</summary>
    public static class callbacks
    {
        /// <summary>A callback from functions (Keras: <c>LambdaCallback</c>).</summary>
        public static Callbacks.LambdaCallback LambdaCallback(
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
            Action<int, Dictionary<string, double>?>? on_predict_batch_end = null) =>
            new(on_epoch_begin, on_epoch_end, on_train_batch_begin, on_train_batch_end, on_train_begin, on_train_end, on_test_begin, on_test_end,
                on_test_batch_begin, on_test_batch_end, on_predict_begin, on_predict_end, on_predict_batch_begin, on_predict_batch_end);

        /// <summary>Stops training when a monitored quantity stops improving (Keras: <c>EarlyStopping</c>).</summary>
        public static Callbacks.EarlyStopping EarlyStopping(string monitor = "val_loss", double min_delta = 0, int patience = 0, int verbose = 0,
            string mode = "auto", double? baseline = null, bool restore_best_weights = false, int start_from_epoch = 0) =>
            new(monitor, min_delta, patience, verbose, mode, baseline, restore_best_weights, start_from_epoch);

        /// <summary>Saves the model or its weights during training (Keras: <c>ModelCheckpoint</c>); save_freq is "epoch" or an int.</summary>
        public static Callbacks.ModelCheckpoint ModelCheckpoint(string filepath, string monitor = "val_loss", int verbose = 0, bool save_best_only = false,
            bool save_weights_only = false, string mode = "auto", object? save_freq = null, double? initial_value_threshold = null,
            bool save_on_background = true) =>
            new(filepath, monitor, verbose, save_best_only, save_weights_only, mode, save_freq, initial_value_threshold, save_on_background);

        /// <summary>Backs up training so that an interrupted fit resumes (Keras: <c>BackupAndRestore</c>).</summary>
        public static Callbacks.BackupAndRestore BackupAndRestore(string backup_dir, object? save_freq = null, bool double_checkpoint = false,
            bool delete_checkpoint = true, bool save_on_background = true) => new(backup_dir, save_freq, double_checkpoint, delete_checkpoint, save_on_background);

        /// <summary>Reduces the learning rate when a quantity stops improving (Keras: <c>ReduceLROnPlateau</c>).</summary>
        public static Callbacks.ReduceLROnPlateau ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0,
            string mode = "auto", double min_delta = 0.0001, int cooldown = 0, double min_lr = 0.0) =>
            new(monitor, factor, patience, verbose, mode, min_delta, cooldown, min_lr);

        /// <summary>Sets the learning rate each epoch from schedule(epoch, lr) (Keras: <c>LearningRateScheduler</c>).</summary>
        public static Callbacks.LearningRateScheduler LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0) => new(schedule, verbose);


        /// <summary>Streams epoch results to a CSV file (Keras: <c>CSVLogger</c>).</summary>
        public static Callbacks.CSVLogger CSVLogger(string filename, string separator = ",", bool append = false) => new(filename, separator, append);

        /// <summary>Writes TensorBoard event files (Keras: <c>TensorBoard</c>); update_freq is "epoch", "batch" or an int.</summary>
        public static Callbacks.TensorBoard TensorBoard(string log_dir = "logs", int histogram_freq = 0, object? update_freq = null) =>
            new(log_dir, histogram_freq, update_freq);

        /// <summary>Stops training at a NaN or infinite loss (Keras: <c>TerminateOnNaN</c>).</summary>
        public static Callbacks.TerminateOnNaN TerminateOnNaN() => new();

        /// <summary>Evaluates and predicts with the optimizer's moving averages (Keras: <c>SwapEMAWeights</c>).</summary>
        public static Callbacks.SwapEMAWeights SwapEMAWeights(bool swap_on_epoch = false) => new(swap_on_epoch);
    }
}
