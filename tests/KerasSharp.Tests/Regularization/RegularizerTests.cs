using KerasSharp.Regularizers;
using Xunit;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Regularization;

/// <summary>Regularizer names and formulas (keras/src/regularizers).</summary>
public sealed class RegularizerTests : TorchTest
{
    static readonly Tensor W = tensor(new float[] { 1, -2, 3 });   // Σ|w| = 6, Σw² = 14

    [Theory]
    [InlineData("l1", 0.06)]    // 0.01 · 6
    [InlineData("L1", 0.06)]
    [InlineData("l2", 0.14)]    // 0.01 · 14
    [InlineData("L2", 0.14)]
    [InlineData("l1l2", 0.0)]   // L1L2's class defaults are l1 = l2 = 0
    [InlineData("L1L2", 0.0)]
    public void Names_ResolveToTheClassDefaults(string name, double expected)
    {
        Regularizer r = name;
        Assert.Equal(expected, r.call(W).item<float>(), 1e-6);
    }

    [Fact]
    public void L1L2_AddsBothPenalties_AndL1L2FunctionAliasUsesKerasDefaults()
    {
        Assert.Equal(0.5 * 6 + 0.25 * 14, new L1L2(0.5, 0.25).call(W).item<float>(), 1e-5);
        // Keras 3: keras.regularizers.l1_l2 is the class L1L2 itself, defaults 0 (issue 13 item 2; Keras 2's function had 0.01).
        Assert.Equal(0.0, keras.regularizers.l1_l2().call(W).item<float>());
        Assert.Equal(0.5 * 6 + 0.25 * 14, keras.regularizers.l1_l2(0.5, 0.25).call(W).item<float>(), 1e-5);
    }

    [Theory]
    [InlineData("l1_l2")]   // keras.regularizers.get("l1_l2") is refused by Keras too
    [InlineData("L3")]
    public void UnknownNames_AreRefused_ListingTheValidOnes(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => Regularizer.get(name));
        Assert.Contains($"'{name}'", e.Message);
        Assert.Contains("l1l2", e.Message);
    }

    [Fact]
    public void NegativeFactors_AreRefused()
    {
        Assert.Contains("l2=-1", Assert.Throws<ArgumentException>(() => new L2(-1)).Message);
    }
}
