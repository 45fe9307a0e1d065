using KerasSharp.Callbacks;
using KerasSharp.Models;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Callbacks;

/// <summary>
/// Drives a callback by hand the way callbacks_oracle.py drives Keras's: a Dense(1) model whose weights are set to the
/// epoch number before each epoch end, scripted logs, and stdout/stderr captured.
/// </summary>
internal sealed class CallbackDriver
{
    internal readonly Model model;

    internal CallbackDriver()
    {
        model = Sequential([Input(shape: [1]), Dense(1)]);
        model.compile(optimizer: keras.optimizers.SGD(0.1), loss: "mse");
    }

    internal sealed record Run(int epochs_run, string stdout, string stderr, double final_weight, List<double> lrs);

    internal Run Drive(Callback cb, IReadOnlyList<Dictionary<string, double>> epochs, IReadOnlyList<Dictionary<string, double>>? batches = null)
    {
        var outWriter = new StringWriter();
        var errWriter = new StringWriter();
        var (prevOut, prevErr) = (Console.Out, Console.Error);
        Console.SetOut(outWriter);
        Console.SetError(errWriter);
        int run = 0;
        var lrs = new List<double>();
        try
        {
            cb.bind(model, new Dictionary<string, object?>());
            model.stop_training = false;
            cb.on_train_begin();
            for (int epoch = 0; epoch < epochs.Count; epoch++)
            {
                cb.on_epoch_begin(epoch);
                if (batches is not null)
                    for (int b = 0; b < batches.Count; b++)
                    {
                        cb.on_train_batch_begin(b);
                        cb.on_train_batch_end(b, new Dictionary<string, double>(batches[b]));
                    }
                Mark(epoch);
                cb.on_epoch_end(epoch, new Dictionary<string, double>(epochs[epoch]));
                lrs.Add((float)model.optimizer!.learning_rate);
                run++;
                if (model.stop_training) break;
            }
            cb.on_train_end();
        }
        finally
        {
            Console.SetOut(prevOut);
            Console.SetError(prevErr);
        }
        return new Run(run, outWriter.ToString().Replace("\r\n", "\n"), errWriter.ToString().Replace("\r\n", "\n"),
            model.get_weights()[0].data<float>()[0], lrs);
    }

    void Mark(int epoch) => model.set_weights([full(1, 1, (float)epoch), full(1, (float)epoch)]);
}
