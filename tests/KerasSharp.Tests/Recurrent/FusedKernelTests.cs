using KerasSharp.Layers;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Recurrent;

/// <summary>
/// The fused libtorch kernels give the step loop's outputs and gradients (input, initial states, and every weight in
/// Keras's layout), so training on either is the same; and the configurations libtorch cannot express use the loop.
/// </summary>
public sealed class FusedKernelTests : TorchTest
{
    static RNN Make(string kind, bool backwards, bool bias) => kind switch
    {
        "SimpleRNN" => new SimpleRNN(5, use_bias: bias, return_sequences: true, return_state: true, go_backwards: backwards),
        "SimpleRNN_relu" => new SimpleRNN(5, activation: "relu", use_bias: bias, return_sequences: true, return_state: true, go_backwards: backwards),
        "LSTM" => new LSTM(5, use_bias: bias, return_sequences: true, return_state: true, go_backwards: backwards),
        _ => new GRU(5, use_bias: bias, return_sequences: true, return_state: true, go_backwards: backwards),
    };

    [Theory]
    [InlineData("SimpleRNN", false, true)]
    [InlineData("SimpleRNN_relu", true, true)]
    [InlineData("LSTM", false, true)]
    [InlineData("LSTM", true, false)]
    [InlineData("GRU", false, true)]
    [InlineData("GRU", true, false)]
    public void Gradients_FusedEqualStepLoop(string kind, bool backwards, bool bias)
    {
        var x = randn(3, 7, 4);
        var weights = new List<Tensor>();
        var results = new List<Tensor[]>();
        foreach (var fused in new bool?[] { true, false })
        {
            keras.utils.set_random_seed(1);
            var layer = Make(kind, backwards, bias);
            layer.fused_preference = fused;
            layer.ensure_built(new long?[] { null, 7, 4 });
            if (weights.Count == 0) weights.AddRange(layer.get_weights());
            else layer.set_weights(weights);
            var xi = x.clone().requires_grad_(true);
            var initial = layer.cell.get_initial_state(3).Select(s => s.add(0.1).requires_grad_(true)).ToArray();
            var outs = layer.call(xi, initial, null, true);
            // A loss touching every output, so each path's gradient is used.
            var loss = outs.Select((o, i) => o.mul(linspace(-1, 1, o.numel()).reshape(o.shape).mul(i + 1)).sum()).Aggregate((a, b) => a + b);
            loss.backward();
            var grads = new List<Tensor> { xi.grad!.clone() };
            grads.AddRange(initial.Select(s => s.grad!.clone()));
            grads.AddRange(layer.trainable_weights.Select(v => v.value.grad!.clone()));
            results.Add(outs.Select(o => o.detach()).Concat(grads).ToArray());
        }
        Assert.Equal(results[0].Length, results[1].Length);
        for (int i = 0; i < results[0].Length; i++)
        {
            Assert.Equal(results[1][i].shape, results[0][i].shape);
            var diff = (results[0][i] - results[1][i]).abs().max().item<float>();
            Assert.True(diff < 1e-5, $"{kind}: tensor {i} differs by {diff:g3} between the fused kernel and the step loop");
        }
    }

    [Fact]
    public void UseCudnnTrue_RefusesWhatTheFusedKernelCannotDo()
    {
        var gru = new GRU(3, reset_after: false, use_cudnn: true);
        var e = Assert.Throws<InvalidOperationException>(() => gru.call(randn(2, 4, 3), null));
        Assert.Contains("use_cudnn=True", e.Message);
        var lstm = new LSTM(3, use_cudnn: true);
        var e2 = Assert.Throws<InvalidOperationException>(() => lstm.call(randn(2, 4, 3), null, ones(2, 4, ScalarType.Bool), false));
        Assert.Contains("mask", e2.Message);
    }

    [Fact]
    public void FusedKernelChoice_FollowsKerasConditions()
    {
        Assert.Equal(FusedRecurrence.Kind.LSTM, new LSTMCell(2).fused_kind(true));
        Assert.Null(new LSTMCell(2, activation: "relu").fused_kind(false));
        Assert.Null(new LSTMCell(2, recurrent_activation: "hard_sigmoid").fused_kind(false));
        Assert.Null(new LSTMCell(2, recurrent_dropout: 0.2).fused_kind(true));
        Assert.Equal(FusedRecurrence.Kind.LSTM, new LSTMCell(2, recurrent_dropout: 0.2).fused_kind(false));
        Assert.Equal(FusedRecurrence.Kind.LSTM, new LSTMCell(2, dropout: 0.2).fused_kind(true));
        Assert.Equal(FusedRecurrence.Kind.GRU, new GRUCell(2).fused_kind(true));
        Assert.Null(new GRUCell(2, reset_after: false).fused_kind(false));
        Assert.Equal(FusedRecurrence.Kind.RnnTanh, new SimpleRNNCell(2).fused_kind(true));
        Assert.Equal(FusedRecurrence.Kind.RnnRelu, new SimpleRNNCell(2, activation: "relu").fused_kind(true));
        Assert.Null(new SimpleRNNCell(2, activation: "sigmoid").fused_kind(true));
    }

    [Fact]
    public void LayerAppliedTwiceInOneGraph_GivesTheSumOfBothGradients()
    {
        // The second application finds the fused kernel waiting for its backward pass and runs the step loop.
        var layer = new LSTM(3);
        var a = randn(2, 5, 4);
        var b = randn(2, 5, 4);
        var loss = layer.call(a, null)[0].sum() + layer.call(b, null)[0].sum().mul(2);
        loss.backward();
        var both = layer.trainable_weights.Select(v => v.value.grad!.clone()).ToList();
        foreach (var v in layer.trainable_weights) v.value.grad!.zero_();
        layer.call(a, null)[0].sum().backward();
        (layer.call(b, null)[0].sum().mul(2)).backward();
        var separate = layer.trainable_weights.Select(v => v.value.grad!).ToList();
        for (int i = 0; i < both.Count; i++)
            Assert.True((both[i] - separate[i]).abs().max().item<float>() < 1e-5);
    }
}
