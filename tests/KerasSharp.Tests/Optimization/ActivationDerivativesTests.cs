using KerasSharp.Examples.Optimization;
using Xunit;

namespace KerasSharp.Tests.Optimization;

/// <summary>The third cell: derivatives of tanh, sigmoid and ReLU by TorchSharp's autograd, against their closed forms.</summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public class ActivationDerivativesTests
{
    [Fact]
    public void Autograd_derivatives_match_closed_forms()
    {
        var (x, grad_tanh_x, grad_sig_x, grad_relu_x) = Cell3_ActivationDerivatives.compute();
        Assert.Equal(100, x.Length);
        Assert.Equal(-4f, x[0]);
        Assert.Equal(4f, x[^1]);
        for (int i = 0; i < x.Length; i++)
        {
            double t = Math.Tanh(x[i]), s = 1 / (1 + Math.Exp(-x[i]));
            Assert.Equal(1 - t * t, grad_tanh_x[i], 1e-5);
            Assert.Equal(s * (1 - s), grad_sig_x[i], 1e-6);
            Assert.Equal(x[i] > 0 ? 1f : 0f, grad_relu_x[i]);
        }
    }

    [Fact]
    public void Hand_written_tanh_and_sigmoid_match_torch()
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        var x = TorchSharp.torch.linspace(-4, 4, 9, dtype: TorchSharp.torch.ScalarType.Float64);
        Assert.True(Cell3_ActivationDerivatives.tanh(x).allclose(TorchSharp.torch.tanh(x), rtol: 0, atol: 1e-12));
        Assert.True(Cell3_ActivationDerivatives.sigmoid(x).allclose(TorchSharp.torch.sigmoid(x), rtol: 0, atol: 1e-12));
    }
}
