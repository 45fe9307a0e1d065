using KerasSharp.Initializers;
using KerasSharp.Tests.Callbacks;
using Xunit;
using static KerasSharp.keras.layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers;

/// <summary>Seeded and unseeded initializers reused by layers, as Keras 3.11.3 does (schedules_oracle.py, "seeds").</summary>
public sealed class InitializerSeedTests : TorchTest
{
    static bool Keras(string key) => Oracle.Schedules.GetProperty("seeds").GetProperty(key).GetBoolean();

    static Tensor KernelOf(Initializer init)
    {
        var d = Dense(3, kernel_initializer: init);
        d.build([null, 4]);
        return d.kernel!.numpy();
    }

    [Fact]
    public void Seeded_DrawsTheSameNumbersEveryTime()
    {
        Assert.True(Keras("seeded_same_twice"));
        var init = VarianceScaling.GlorotUniform(seed: 3);
        Assert.True(KernelOf(init).equal(KernelOf(init)).all().item<bool>());
        Assert.True(KernelOf(init).equal(KernelOf(VarianceScaling.GlorotUniform(seed: 3))).all().item<bool>());
        Assert.True(KernelOf(new RandomNormal(seed: 1)).equal(KernelOf(new RandomNormal(seed: 1))).all().item<bool>());
        Assert.False(KernelOf(new RandomNormal(seed: 1)).equal(KernelOf(new RandomNormal(seed: 2))).all().item<bool>());
    }

    [Fact]
    public void UnseededInstanceReusedByTwoLayers_GivesBothTheSameValues_AsKeras()
    {
        Assert.True(Keras("unseeded_shared_by_two_layers_equal"));
        var init = new RandomNormal();
        var a = KernelOf(init);
        var afterFirst = TorchSharp.torch.random.get_rng_state();
        var b = KernelOf(init);
        Assert.True(a.equal(b).all().item<bool>());
        // The repeat leaves the global generator where the first draw left it.
        Assert.True(afterFirst.equal(TorchSharp.torch.random.get_rng_state()).all().item<bool>());
        foreach (var make in new Func<Initializer>[] { () => new RandomUniform(), () => new TruncatedNormal(), () => VarianceScaling.HeNormal() })
        {
            var i = make();
            Assert.True(KernelOf(i).equal(KernelOf(i)).all().item<bool>());
        }
    }

    [Fact]
    public void ByName_EachLayerGetsItsOwnValues_AsKeras()
    {
        Assert.False(Keras("by_name_two_layers_equal"));
        Assert.False(KernelOf("random_normal").equal(KernelOf("random_normal")).all().item<bool>());
    }

    [Fact]
    public void TheFirstDraw_IsUnchanged_SoSetRandomSeedStillReproducesModels()
    {
        keras.utils.set_random_seed(11);
        var plain = KernelOf(new RandomNormal());
        keras.utils.set_random_seed(11);
        var reused = new RandomNormal();
        Assert.True(plain.equal(KernelOf(reused)).all().item<bool>());
    }
}
