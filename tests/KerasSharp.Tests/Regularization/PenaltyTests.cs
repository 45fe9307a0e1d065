using KerasSharp.Optimizers;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Regularization;

/// <summary>Weight penalties as fit and evaluate add them: <c>l2 * sum(w²)</c> with no 1/2 (keras/src/regularizers/regularizers.py).</summary>
public sealed class PenaltyTests : TorchTest
{
    [Fact]
    public void L2_AddsL2TimesTheSumOfSquares_ToTheLoss_AndTwiceL2W_ToTheGradient()
    {
        var x = tensor(new float[] { 1, 2 }).reshape(1, 2);
        var y = tensor(new float[] { 0 }).reshape(1, 1);
        var model = Sequential([InputLayer(shape: [2]), Dense(1, use_bias: false, kernel_initializer: keras.initializers.Constant(0.5), kernel_regularizer: keras.regularizers.L2(0.1))]);
        model.compile(loss: "mse", optimizer: new SGD(learning_rate: 0.1));
        // prediction 1.5, mse 2.25; penalty 0.1 * (0.25 + 0.25) = 0.05 (with a 1/2 it would be 0.025).
        Assert.Equal(2.25 + 0.05, model.evaluate(x, y, verbose: 0)["loss"], 5);
        model.fit(x, y, epochs: 1, verbose: 0);
        // d/dw: 2 * 1.5 * x + 2 * 0.1 * w = [3.1, 6.1]; w' = 0.5 - 0.1 * grad.
        var w = model.get_weights()[0].data<float>().ToArray();
        Assert.Equal(0.5 - 0.1 * 3.1, w[0], 5);
        Assert.Equal(0.5 - 0.1 * 6.1, w[1], 5);
    }
}
