using KerasSharp.Layers;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Recurrent;

/// <summary>Embedding and Masking as Keras defines them (keras/src/layers/core/embedding.py, masking.py), and the mask reaching recurrent layers.</summary>
public sealed class EmbeddingAndMaskingTests : TorchTest
{
    [Fact]
    public void Embedding_LooksUpRows_AndDefaultsToUniform005()
    {
        var e = Embedding(10, 3);
        var model = Sequential([InputLayer(shape: [4]), e]);
        var table = e.embeddings!.numpy();
        Assert.Equal(new long[] { 10, 3 }, table.shape);
        Assert.True(table.abs().max().item<float>() <= 0.05f);
        Assert.True(table.abs().max().item<float>() > 0.01f);
        var ids = tensor(new long[,] { { 0, 9, 3, 3 }, { 1, 2, 5, 8 } });
        var y = model.predict(ids);
        Assert.Equal(new long[] { 2, 4, 3 }, y.shape);
        Assert.Equal(table[9].data<float>().ToArray(), y[0, 1].data<float>().ToArray());
        Assert.Equal(table[8].data<float>().ToArray(), y[1, 3].data<float>().ToArray());
        Assert.Equal(new long?[] { null, 4, 3 }, model.layers[0].output_shape);
        Assert.Equal(30, model.count_params());
    }

    [Fact]
    public void Embedding_FloatIdsAreTruncated_AsKerasCastsToInt32()
    {
        var e = Embedding(5, 2);
        e.ensure_built(new long?[] { null, 2 });
        var y = e.call(tensor(new float[,] { { 1.9f, 4.2f } }), false);
        Assert.Equal(e.embeddings!.numpy()[1].data<float>().ToArray(), y[0, 0].data<float>().ToArray());
        Assert.Equal(e.embeddings!.numpy()[4].data<float>().ToArray(), y[0, 1].data<float>().ToArray());
    }

    [Theory]
    [InlineData(10L)]
    [InlineData(-1L)]
    [InlineData(12345L)]
    public void Embedding_IdOutOfRange_IsRefusedNamingTheValue(long bad)
    {
        var model = Sequential([InputLayer(shape: [3]), Embedding(10, 2), LSTM(2)]);
        var before = model.get_weights().Select(w => w.clone()).ToList();
        var e = Assert.Throws<ArgumentException>(() => model.predict(tensor(new long[,] { { 1, bad, 2 } })));
        Assert.Contains($"token id {bad}", e.Message);
        Assert.Contains("[0, 10)", e.Message);
        // The model still works and is unchanged.
        Assert.Equal(new long[] { 1, 2 }, model.predict(tensor(new long[,] { { 1, 9, 2 } })).shape);
        Assert.All(model.get_weights().Zip(before), p => Assert.True(p.First.equal(p.Second).all().item<bool>()));
    }

    [Fact]
    public void Embedding_ArgumentsAreValidated()
    {
        Assert.Contains("input_dim=0", Assert.Throws<ArgumentException>(() => Embedding(0, 3)).Message);
        Assert.Contains("output_dim=-2", Assert.Throws<ArgumentException>(() => Embedding(3, -2)).Message);
    }

    [Fact]
    public void Embedding_MaskZero_IsIdsNotZero_AndOnlyWithMaskZero()
    {
        var ids = tensor(new long[,] { { 3, 0, 1 } });
        var withMask = Embedding(5, 2, mask_zero: true);
        Assert.True(withMask.supports_masking);
        Assert.Equal(new[] { true, false, true }, withMask.compute_mask(ids, null)!.data<bool>().ToArray());
        Assert.Null(Embedding(5, 2).compute_mask(ids, null));
        Assert.False(Embedding(5, 2).supports_masking);
    }

    [Fact]
    public void Masking_ZeroesMaskedSteps_AndMasksThem()
    {
        var x = tensor(new float[] { 1, 2, 0, 0, 0, 5 }).reshape(1, 3, 2);
        var m = Masking();
        Assert.Equal(new[] { true, false, true }, m.compute_mask(x, null)!.data<bool>().ToArray());
        var x2 = tensor(new float[] { 7, 7, 1, 7 }).reshape(1, 2, 2);
        var m7 = Masking(mask_value: 7);
        Assert.Equal(new[] { false, true }, m7.compute_mask(x2, null)!.data<bool>().ToArray());
        Assert.Equal(new float[] { 0, 0, 1, 7 }, m7.call(x2, false).data<float>().ToArray());
    }

    [Fact]
    public void EmbeddingMaskZero_ThenLstm_MatchesKeras()
    {
        // Keras: Sequential([Input((5,), dtype="int32"), Embedding(10, 3, mask_zero=True), LSTM(4)]) with fixed weights,
        // ids with trailing zeros (right padding) and a leading zero.
        var c = Fixture.Case("Embedding_mask_zero_LSTM");
        var model = Sequential([InputLayer(shape: [5]), Embedding(10, 3, mask_zero: true), LSTM(4)]);
        model.set_weights(c.GetProperty("weights").EnumerateArray().Select(Fixture.ToTensor).ToList());
        var ids = Fixture.ToTensor(c.GetProperty("ids")).to_type(ScalarType.Int64);
        var expected = Fixture.ToTensor(c.GetProperty("outputs")[0]);
        var y = model.predict(ids);
        Assert.True((y - expected).abs().max().item<float>() < 2e-6);
        // Without the mask the padded steps count, and the numbers differ.
        var unmasked = Sequential([InputLayer(shape: [5]), Embedding(10, 3), LSTM(4)]);
        unmasked.set_weights(model.get_weights());
        Assert.True((unmasked.predict(ids) - expected).abs().max().item<float>() > 1e-3);
    }

    [Fact]
    public void Mask_PassesThroughReturnSequences_AndEndsAfterTheLastStep()
    {
        var lstm = LSTM(2, return_sequences: true);
        var mask = tensor(new[] { true, false });
        Assert.Same(mask, lstm.compute_mask(zeros(1, 2, 3), mask));
        Assert.Null(LSTM(2).compute_mask(zeros(1, 2, 3), mask));
    }

    [Theory]
    [InlineData(2, 5)]
    [InlineData(3, 4)]
    public void Mask_OfTheWrongShape_IsRefused(long batch, long time)
    {
        var layer = LSTM(2);
        var e = Assert.Throws<ArgumentException>(() => layer.call(randn(3, 5, 2), null, ones(batch, time, ScalarType.Bool)));
        Assert.Contains($"({batch}, {time})", e.Message);
        Assert.Contains("(3, 5)", e.Message);
    }

    [Fact]
    public void TwoDimensionalInput_ToARecurrentLayer_IsRefusedWithKerasMessage()
    {
        var e = Assert.Throws<ArgumentException>(() => Sequential([InputLayer(shape: [5]), LSTM(2)]));
        Assert.Contains("expected ndim=3, found ndim=2", e.Message);
        Assert.Contains("(None, 5)", e.Message);
        var gru = GRU(2);
        var e2 = Assert.Throws<ArgumentException>(() => gru.call(randn(4, 5), null));
        Assert.Contains("expected ndim=3, found ndim=2", e2.Message);
        var built = Sequential([InputLayer(shape: [5, 3]), SimpleRNN(2)]);
        var e3 = Assert.Throws<ArgumentException>(() => built.predict(randn(4, 5, 2)));
        Assert.Contains("3", e3.Message);
    }
}
