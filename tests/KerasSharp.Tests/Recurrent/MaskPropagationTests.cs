using System.Text.Json;
using KerasSharp.Layers;
using KerasSharp.Models;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Recurrent;

/// <summary>
/// Keras's mask propagation (keras/src/layers/layer.py: <c>supports_masking</c>, <c>compute_mask</c>,
/// <c>_set_mask_metadata</c>) against real Keras 3.11.3 (Fixtures/mask_propagation.json, made by
/// Fixtures/make_mask_fixtures.py): Embedding(mask_zero) or Masking, then layers that pass the mask on (Dense,
/// Activation, Dropout, Rescaling, GaussianNoise, ActivityRegularization, TimeDistributed, merge layers), then the
/// recurrent layers and GlobalAveragePooling1D that skip the masked steps; Conv1D ends the mask with Keras's warning.
/// </summary>
public sealed class MaskPropagationTests : TorchTest
{
    const int T = 5, D = 3, U = 4;

    static JsonElement? _doc;

    static JsonElement Case(string name)
    {
        _doc ??= JsonDocument.Parse(File.ReadAllText(Fixture.Path("mask_propagation.json"))).RootElement;
        return _doc.Value.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
    }

    static Tensor Ids(JsonElement c, int i) => Fixture.ToTensor(c.GetProperty("inputs")[i]).to_type(ScalarType.Int64);
    static Tensor Floats(JsonElement c, int i) => Fixture.ToTensor(c.GetProperty("inputs")[i]);

    /// <summary>Sets the fixture's weights, predicts, and returns the largest difference from Keras's output.</summary>
    static double Gap(Model model, JsonElement c, object x)
    {
        model.set_weights(c.GetProperty("weights").EnumerateArray().Select(Fixture.ToTensor).ToList());
        var y = model.predict(x, verbose: 0);
        var expected = Fixture.ToTensor(c.GetProperty("output"));
        Assert.Equal(expected.shape, y.shape);
        return (y - expected).abs().max().item<float>();
    }

    static Model Sequence(string name, bool maskZero = true) => name switch
    {
        "embedding_dense_lstm" => Sequential([InputLayer(shape: [T]), Embedding(10, D, mask_zero: maskZero), Dense(U, activation: "tanh"), LSTM(U)]),
        "embedding_regularization_stack_gru_gap" => Sequential([InputLayer(shape: [T]), Embedding(10, D, mask_zero: maskZero), Dropout(0.3),
            Activation("relu"), Rescaling(0.5, offset: 0.25), GaussianNoise(0.1), ActivityRegularization(l2: 0.01),
            GRU(U, return_sequences: true), GlobalAveragePooling1D()]),
        "embedding_dense_bidirectional_lstm" => Sequential([InputLayer(shape: [T]), Embedding(10, D, mask_zero: maskZero), Dense(D), Bidirectional(LSTM(U))]),
        "embedding_conv1d_lstm" => Sequential([InputLayer(shape: [T]), Embedding(10, D, mask_zero: maskZero), Conv1D(D, 1, name: "mask_test_conv"), LSTM(U)]),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("embedding_dense_lstm")]
    [InlineData("embedding_regularization_stack_gru_gap")]
    [InlineData("embedding_dense_bidirectional_lstm")]
    public void Sequential_PassesTheMaskThroughMaskingLayers_ToTheLayersThatSkipSteps(string name)
    {
        var c = Case(name);
        Assert.True(Gap(Sequence(name), c, Ids(c, 0)) < 2e-6);
        // Without the mask the padded steps count and the numbers differ: the fixture needs the mask to be matched.
        Assert.True(Gap(Sequence(name, maskZero: false), c, Ids(c, 0)) > 1e-3);
    }

    [Fact]
    public void Masking_ThenTimeDistributed_ThenSimpleRNN_MatchesKeras()
    {
        var c = Case("masking_timedistributed_simplernn");
        var model = Sequential([InputLayer(shape: [T, D]), Masking(0.0), TimeDistributed(Dense(D)), SimpleRNN(U)]);
        Assert.True(Gap(model, c, Floats(c, 0)) < 2e-6);
    }

    [Fact]
    public void ALayerWithoutMaskSupport_EndsTheMask_WithKerasWarning()
    {
        var c = Case("embedding_conv1d_lstm");
        var error = Console.Error;
        var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            // Keras's LSTM runs every step here: the Conv1D ended the mask.
            Assert.True(Gap(Sequence("embedding_conv1d_lstm"), c, Ids(c, 0)) < 2e-6);
        }
        finally { Console.SetError(error); }
        var expected = c.GetProperty("warnings")[0].GetString()!.Replace("'conv'", "'mask_test_conv'");
        Assert.Contains("UserWarning: " + expected, captured.ToString());
    }

    static Functional TwoIdInputs(Func<KerasSharp.Backend.KerasTensor, KerasSharp.Backend.KerasTensor, KerasSharp.Backend.KerasTensor> merge)
    {
        var a = keras.Input(shape: [T], dtype: "int32", name: "a");
        var b = keras.Input(shape: [T], dtype: "int32", name: "b");
        var ea = Embedding(10, D, mask_zero: true).call(a);
        var eb = Embedding(10, D, mask_zero: true).call(b);
        return keras.Model(inputs: new[] { a, b }, outputs: LSTM(U).call(merge(ea, Dense(D).call(eb))));
    }

    [Fact]
    public void Functional_Add_OfTwoMaskedBranches_MasksTheirOr()
    {
        var c = Case("functional_add_lstm");
        Assert.True(Gap(TwoIdInputs((x, y) => Add().call([x, y])), c, new[] { Ids(c, 0), Ids(c, 1) }) < 2e-6);
    }

    [Fact]
    public void Functional_Multiply_WithAnUnmaskedInput_HasNoMask()
    {
        var c = Case("functional_multiply_one_unmasked_lstm");
        var a = keras.Input(shape: [T], dtype: "int32", name: "a");
        var b = keras.Input(shape: [T, D], name: "b");
        var model = keras.Model(inputs: new[] { a, b }, outputs: LSTM(U).call(Multiply().call([Embedding(10, D, mask_zero: true).call(a), b])));
        Assert.True(Gap(model, c, new[] { Ids(c, 0), Floats(c, 1) }) < 2e-6);
    }

    [Fact]
    public void Functional_DenseThenLstmSequences_ThenMaskedAverage_MatchesKeras()
    {
        var c = Case("functional_dense_lstm_sequences_gap");
        var a = keras.Input(shape: [T], dtype: "int32");
        var h = Dense(D, activation: "relu").call(Embedding(10, D, mask_zero: true).call(a));
        var model = keras.Model(inputs: a, outputs: GlobalAveragePooling1D().call(LSTM(U, return_sequences: true).call(h)));
        Assert.True(Gap(model, c, Ids(c, 0)) < 2e-6);
    }

    [Fact]
    public void GlobalAveragePooling1D_AveragesTheUnmaskedSteps_AndEndsTheMask()
    {
        var x = tensor(new float[] { 1, 10, 2, 20, 3, 30, 4, 40 }).reshape(2, 2, 2);
        var mask = tensor(new[] { true, false, true, true });
        var pool = GlobalAveragePooling1D();
        Assert.Equal(new float[] { 1, 10, 3.5f, 35 }, pool.call(x, mask.reshape(2, 2), false).data<float>().ToArray());
        Assert.Equal(new float[] { 1.5f, 15, 3.5f, 35 }, pool.call(x, false).data<float>().ToArray());
        Assert.Null(pool.compute_mask(x, mask.reshape(2, 2)));
        var first = GlobalAveragePooling1D(data_format: "channels_first", keepdims: true);
        Assert.Equal(new float[] { 1, 2, 16.5f, 22 }, first.call(x, tensor(new[] { true, false, true, true }).reshape(2, 2), false).data<float>().ToArray());
        var e = Assert.Throws<ArgumentException>(() => pool.call(x, ones(2, 3, ScalarType.Bool), false));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(2, 2)", e.Message);
    }

    [Fact]
    public void MergeMasks_FollowKeras_OrForElementwise_ConcatenateAlongItsAxis_NoneForDot()
    {
        // Keras's Merge.compute_mask: OR when every input has a mask, else None; Concatenate: the masks (all true for
        // an unmasked input, a (batch, time) mask broadcast over the features) joined along the axis, any over the last.
        var x = zeros(1, 3, 2);
        var m1 = tensor(new[] { true, false, false }).reshape(1, 3);
        var m2 = tensor(new[] { false, false, true }).reshape(1, 3);
        Assert.Equal(new[] { true, false, true }, Add().compute_mask([x, x], [m1, m2])!.data<bool>().ToArray());
        Assert.Null(Maximum().compute_mask([x, x], [m1, null]));
        Assert.Null(Dot(axes: [2, 2]).compute_mask([x, x], [m1, m2]));
        Assert.Equal(new[] { true, false, true }, Concatenate().compute_mask([x, x], [m1, m2])!.data<bool>().ToArray());
        Assert.Equal(new[] { true, true, true }, Concatenate().compute_mask([x, x], [m1, null])!.data<bool>().ToArray());
        Assert.Null(Concatenate().compute_mask([x, x], [null, null]));
        var time = Concatenate(axis: 1).compute_mask([x, x], [m1, m2])!;
        Assert.Equal(new long[] { 1, 6 }, time.shape);
        Assert.Equal(new[] { true, false, false, false, false, true }, time.data<bool>().ToArray());
        Assert.Throws<ArgumentException>(() => Add().compute_mask([x, x], [m1]));
    }

    [Fact]
    public void MaskedMerges_Multiply_Maximum_Minimum_ComputeAsKeras()
    {
        // multiply.py: a masked entry counts as 1, and with every input masked the entries masked in all are 0;
        // _apply_merge_op_and_or_mask (Maximum, Minimum): a masked entry takes the other side's value.
        var x1 = tensor(new float[] { 1, 5, 3 }).reshape(1, 3, 1);
        var x2 = tensor(new float[] { 2, 0, 4 }).reshape(1, 3, 1);
        var m1 = tensor(new[] { true, false, false }).reshape(1, 3);
        var m2 = tensor(new[] { false, false, true }).reshape(1, 3);
        float[] Run(Merge layer, Tensor? a, Tensor? b) => layer.call_masked([x1, x2], [a, b]).data<float>().ToArray();
        Assert.Equal(new float[] { 1, 0, 4 }, Run(Multiply(), m1, m2));
        Assert.Equal(new float[] { 2, 0, 4 }, Run(Multiply(), m1, null));
        Assert.Equal(new float[] { 1, 5, 4 }, Run(Maximum(), m1, m2));
        Assert.Equal(new float[] { 1, 5, 4 }, Run(Minimum(), m1, m2));
        Assert.Equal(new float[] { 1, 5, 3 }, Run(Minimum(), null, m2)); // x2 takes x1 where masked, so min(3, 4) is 3
        Assert.Equal(new float[] { 3, 5, 7 }, Run(Add(), m1, m2)); // Add ignores the masks in its values
    }

    [Fact]
    public void Functional_ConcatenateAlongTime_FeedsTheJoinedMask_ToTheRecurrentLayer()
    {
        // The same numbers as running the LSTM on the concatenated sequences with the concatenated mask by hand.
        var a = keras.Input(shape: [T], dtype: "int32", name: "a");
        var b = keras.Input(shape: [T], dtype: "int32", name: "b");
        var ea = Embedding(10, D, mask_zero: true);
        var eb = Embedding(10, D, mask_zero: true);
        var lstm = LSTM(U);
        var model = keras.Model(inputs: new[] { a, b }, outputs: lstm.call(Concatenate(axis: 1).call([ea.call(a), eb.call(b)])));
        var ia = tensor(new long[] { 3, 1, 0, 0, 2, 0, 4, 5, 6, 7 }).reshape(2, T);
        var ib = tensor(new long[] { 0, 2, 7, 0, 0, 1, 1, 1, 0, 0 }).reshape(2, T);
        var y = model.predict(new[] { ia, ib }, verbose: 0);
        using var _ = no_grad();
        var seq = cat(new[] { ea.call(ia, false), eb.call(ib, false) }, 1);
        var expected = lstm.call(seq, null, cat(new[] { ia.ne(0), ib.ne(0) }, 1))[0];
        Assert.True((y - expected).abs().max().item<float>() < 1e-6);
        Assert.True((y - lstm.call(seq, false)).abs().max().item<float>() > 1e-3);
    }
}
