using KerasSharp.Callbacks;
using KerasSharp.Optimizers;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Callbacks;

/// <summary>
/// Validation inside fit runs the test hooks, as Keras 3's fit does by calling <c>evaluate(..., callbacks=callbacks)</c>
/// (keras/src/backend/torch/trainer.py): on_test_begin, on_test_batch_begin/end per validation batch and on_test_end
/// with the unprefixed logs, once per validation run.
/// </summary>
public sealed class ValidationHooksTests : TorchTest
{
    static bool Same(Tensor a, Tensor b) => a.eq(b).all().item<bool>();

    static KerasSharp.Models.Sequential Small() => Sequential([Input(shape: [3]), Dense(2)]);

    [Fact]
    public void FitValidation_FiresTheTestHooks_OncePerValidationRun_WithUnprefixedLogs()
    {
        var x = randn(12, 3);
        var y = randn(12, 2);
        var model = Small();
        model.compile(optimizer: "sgd", loss: "mse");
        int begins = 0, batches = 0;
        var ends = new List<double>();
        var probe = new LambdaCallback(
            on_test_begin: _ => begins++,
            on_test_batch_end: (_, _) => batches++,
            on_test_end: logs => ends.Add(logs!["loss"]));
        var h = model.fit(x, y, epochs: 4, batch_size: 4, verbose: 0, validation_data: (x, y), validation_freq: 2, callbacks: [probe]);
        Assert.Equal(2, begins);                 // epochs 2 and 4
        Assert.Equal(2 * 3, batches);            // 12 rows in batches of 4, per run
        Assert.Equal(h.history["val_loss"], ends);
    }

    [Fact]
    public void SwapEMAWeights_ValidatesWithTheAverages_AndTrainsOnTheWeights()
    {
        var x = randn(16, 3);
        var y = randn(16, 2);
        var model = Small();
        var opt = new SGD(0.1, use_ema: true, ema_momentum: 0.9);
        model.compile(optimizer: opt, loss: "mse");
        // The swap exchanges the weights and the averages: what the model validates with is the average slot after the
        // swap back, and differs from the weights it trains on.
        var validated = new List<Tensor>();
        var checks = new List<(bool averages, bool weights)>();
        var w = model.trainable_weights;
        var probe = new LambdaCallback(
            on_test_batch_begin: (batch, _) => { if (batch == 0) validated.Add(w[0].value.detach().clone().DetachFromDisposeScope()); },
            on_epoch_end: (_, _) => checks.Add((Same(validated[^1], opt.slot(w[0], "average")), Same(validated[^1], w[0].value))));
        model.fit(x, y, epochs: 3, batch_size: 4, shuffle: false, verbose: 0, validation_data: (x, y), callbacks: [new SwapEMAWeights(), probe]);
        Assert.Equal(3, checks.Count);
        Assert.All(checks, c => Assert.True(c.averages, "validation ran on the moving averages, as in Keras"));
        Assert.All(checks, c => Assert.False(c.weights, "the trained weights are back in the model after validation"));
    }

    [Fact]
    public void FitWithValidation_PrintsNoSeparateValidationBar()
    {
        var x = randn(8, 3);
        var y = randn(8, 2);
        var model = Small();
        model.compile(optimizer: "sgd", loss: "mse");
        var old = Console.Out;
        using var sw = new StringWriter();
        Console.SetOut(sw);
        try { model.fit(x, y, epochs: 1, batch_size: 4, verbose: 2, validation_data: (x, y)); }
        finally { Console.SetOut(old); }
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);                    // verbose=2: one line for the epoch, val_ values on it
        Assert.Contains("val_loss", lines[0]);
    }
}
