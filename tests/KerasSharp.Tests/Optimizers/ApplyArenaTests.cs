using System.Collections.Generic;
using System.Linq;
using KerasSharp.Data;
using KerasSharp.Models;
using KerasSharp.Optimizers;
using Xunit;
using static KerasSharp.keras.layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Optimizers;

/// <summary>
/// fit's default step takes the optimizer's flat entry (checks bound once per fit); it must step exactly as
/// <c>optimizer.apply(gradients, variables)</c> does on the same gradients, constraints and EMA included.
/// </summary>
public sealed class ApplyArenaTests : TorchTest
{
    /// <summary>The default step written by hand: forward, compute_loss, zero_grad, backward, optimizer.apply.</summary>
    sealed class ApplyStepModel(IEnumerable<KerasSharp.Layers.Layer> layers) : Sequential(layers)
    {
        public override Dictionary<string, Tensor> train_step(DataBatch data)
        {
            var (x, y, w) = data;
            var pred = call(x, true);
            var loss = compute_loss([x], y, pred, w, true);
            zero_grad();
            loss.backward();
            var vars = trainable_weights;
            optimizer!.apply(vars.Select(v => v.value.grad).ToList(), vars);
            return new Dictionary<string, Tensor>();
        }
    }

    static List<KerasSharp.Layers.Layer> Layers() =>
    [
        InputLayer(shape: [4]),
        Dense(8, activation: "relu", kernel_constraint: keras.constraints.NonNeg()),
        Dense(2),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DefaultStep_StepsBitForBitAsOptimizerApply(bool useEma)
    {
        manual_seed(7);
        var x = randn(40, 4);
        var y = randn(40, 2);
        var fitted = new Sequential(Layers());
        var byHand = new ApplyStepModel(Layers());
        fitted.build_model([null, 4]);
        byHand.build_model([null, 4]);
        byHand.set_weights(fitted.get_weights());
        var optFit = new Adam(0.01, use_ema: useEma);
        var optHand = new Adam(0.01, use_ema: useEma);
        fitted.compile(optimizer: optFit, loss: "mse");
        byHand.compile(optimizer: optHand, loss: "mse");
        for (int call = 0; call < 2; call++) // a second fit binds its new variable list again
        {
            fitted.fit(x, y, batch_size: 8, epochs: 3, shuffle: false, verbose: 0);
            byHand.fit(x, y, batch_size: 8, epochs: 3, shuffle: false, verbose: 0);
        }
        Assert.Equal(30, optFit.iterations);
        Assert.Equal(30, optFit.flat_steps);
        Assert.Equal(optHand.iterations, optFit.iterations);
        var a = fitted.get_weights();
        var b = byHand.get_weights();
        Assert.Equal(b.Count, a.Count);
        for (int i = 0; i < a.Count; i++) Assert.True(a[i].eq(b[i]).all().item<bool>(), $"weight {i} differs: max |diff| {a[i].sub(b[i]).abs().max().item<float>()}");
        // The constraint ran after each step of the bound path (with EMA, fit ends on the averages, which Keras
        // updates before the constraints run, so they may be negative).
        if (!useEma) Assert.True(fitted.layers[0].get_weights()[0].min().item<float>() >= 0f);
        Assert.True(a[0].ne(0).any().item<bool>());
    }

    [Fact]
    public void AGradientThatIsNoLongerTheFlatBuffersView_TakesTheGeneralPath()
    {
        var model = new Sequential([InputLayer(shape: [3]), Dense(2)]);
        var opt = new Adam(0.01);
        model.compile(optimizer: opt, loss: "mse");
        var x = randn(12, 3);
        var y = randn(12, 2);
        model.fit(x, y, batch_size: 4, epochs: 1, shuffle: false, verbose: 0);
        Assert.Equal(3, opt.flat_steps);
        // A callback replaces the bias's gradient by a tensor of its own: the next steps cannot use the flat buffers.
        var bias = model.layers[0].trainable_weights[1].value;
        var probe = new KerasSharp.Callbacks.LambdaCallback(on_train_batch_end: (_, _) => bias.grad = zeros_like(bias));
        var before = model.layers[0].get_weights()[1];
        model.fit(x, y, batch_size: 4, epochs: 1, shuffle: false, verbose: 0, callbacks: [probe]);
        Assert.Equal(6, opt.iterations);
        Assert.Equal(4, opt.flat_steps); // the first step of the second fit ran before the callback replaced it
        Assert.False(before.eq(model.layers[0].get_weights()[1]).all().item<bool>());
    }
}
