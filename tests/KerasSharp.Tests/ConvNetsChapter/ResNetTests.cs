using KerasSharp.Examples;
using KerasSharp.Examples.ConvNets;
using KerasSharp.Layers;
using KerasSharp.Tests.Saving;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests.ConvNetsChapter;

/// <summary>The chapter's small ResNet (examples/ConvNets Cell7_ResNet) and the example's shared command line.</summary>
public sealed class ResNetTests : TorchTest
{
    [Fact]
    public void ResNet_HasTheHandCountedParameters_AndResidualConnections()
    {
        var model = Cell7_ResNet.resnet();
        // By hand: each conv is 3x3 without bias, each BatchNormalization 4 values per channel (2 trainable).
        long stem = 3 * 3 * 1 * 8 + 4 * 8, block8 = 2 * (3 * 3 * 8 * 8 + 4 * 8);
        long down = 3 * 3 * 8 * 16 + 4 * 16, block16 = 2 * (3 * 3 * 16 * 16 + 4 * 16), head = 16 * 10 + 10;
        Assert.Equal(stem + block8 + down + block16 + head, model.count_params());
        Assert.Equal(7442, model.count_params());
        Assert.Equal(2, model.layers.OfType<Add>().Count());
        var text = model.summary_text();
        Assert.Contains("Connected to", text);
        Assert.Contains("global_average_poo", text);
        var y = model.call_tensors([rand(2, 32, 32, 1)], false)[0];
        Assert.Equal(new long[] { 2, 10 }, y.shape);
        Assert.True(y.sum(1).allclose(ones(2), atol: 1e-5));
    }

    [Fact]
    public void ExampleArgs_ReadsFiguresAndEpochs_AndRefusesBadEpochs()
    {
        using var dir = new TempFolder();
        Assert.True(ExampleArgs.TryFiguresDirAndEpochs(["--figures", dir.path, "--epochs", "3"], "ConvNets", 10, out var figures, out int epochs, out int code));
        Assert.Equal((dir.path, 3, 0), (figures, epochs, code));
        Assert.True(ExampleArgs.TryFiguresDirAndEpochs(["--figures", dir.path], "ConvNets", 10, out _, out epochs, out _));
        Assert.Equal(10, epochs);
        Assert.False(ExampleArgs.TryFiguresDirAndEpochs(["--epochs", "0"], "ConvNets", 10, out _, out _, out code));
        Assert.Equal(2, code);
        Assert.False(ExampleArgs.TryFiguresDir(["--epochs", "3"], "Sequences", out _, out code));
        Assert.Equal(2, code);
    }
}
