using KerasSharp.Examples.Sequences;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Sequences;

/// <summary>examples/Sequences: the chapter's cell against the closed form, and the experiment's task as described.</summary>
public sealed class SequencesChapterTests : TorchTest
{
    [Fact]
    public void Cell1_AutogradDerivativeOfTanh_IsOneMinusTanhSquared()
    {
        var (x, y, dy) = Cell1_TanhDerivative.compute();
        Assert.Equal(50, x.Length);
        Assert.Equal((-4f, 4f), (x[0], x[^1]));
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(Math.Tanh(x[i]), y[i], 1e-6);
            Assert.Equal(1 - Math.Tanh(x[i]) * Math.Tanh(x[i]), dy[i], 1e-6);
        }
        // The chapter's point: the derivative is at most 1 and tiny away from 0.
        Assert.True(dy.Max() <= 1f && dy[0] < 0.002f);
    }

    [Fact]
    public void Experiment_LabelIsDecidedByTheFirstSteps_AndTheRestIsNoise()
    {
        var (x, y) = Experiment_LongRangeMemory.Data(400, 7);
        Assert.Equal(new long[] { 400, Experiment_LongRangeMemory.T, 2 }, x.shape);
        int s = Experiment_LongRangeMemory.Signal;
        var sign = y.mul(2).sub(1);
        Assert.True(x.narrow(1, 0, s).select(2, 0).eq(sign.expand(400, s)).all().item<bool>());
        Assert.True(x.narrow(1, 0, s).select(2, 1).eq(1).all().item<bool>());
        Assert.True(x.narrow(1, s, 50 - s).select(2, 1).eq(0).all().item<bool>());
        // Later steps carry no information: their correlation with the label is ~0, and the classes are balanced.
        var later = x.narrow(1, s, 50 - s).select(2, 0).mean(new long[] { 1 });
        var corr = (later - later.mean()).mul(sign - sign.mean()).mean().item<float>() / (later.std().item<float>() * sign.std().item<float>());
        Assert.InRange(corr, -0.15, 0.15);
        Assert.InRange(y.mean().item<float>(), 0.4, 0.6);
        // Reproducible from the seed.
        Assert.True(Experiment_LongRangeMemory.Data(400, 7).x.equal(x).all().item<bool>());
    }
}
