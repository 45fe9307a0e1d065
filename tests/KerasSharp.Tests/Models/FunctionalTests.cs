using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Backend;
using KerasSharp.Layers;
using KerasSharp.Models;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

/// <summary>
/// The functional API as Keras 3 defines it (keras/src/models/functional.py, keras/src/ops/function.py,
/// keras/src/backend/common/keras_tensor.py), with reprs and summaries from real Keras (Fixtures/functional_fixtures.json).
/// </summary>
public sealed class FunctionalTests : TorchTest
{
    [Fact]
    public void Input_IsASymbolicTensor_PrintedAsKeras()
    {
        var inp = keras.Input(shape: [4]);
        Assert.Equal(FunctionalFixtures.Repr("input"), inp.ToString());
        Assert.Equal(FunctionalFixtures.Repr("named_batch"), keras.Input(shape: [4], batch_size: 8, name: "feat").ToString());
        Assert.Equal(FunctionalFixtures.Repr("scalar_feature"), keras.Input(shape: [3], name: "s").ToString());
        var x = Dense(8, activation: "relu").call(inp);
        Assert.Equal(FunctionalFixtures.Repr("dense_output"), x.ToString());
        Assert.Equal(FunctionalFixtures.Repr("image"), keras.Input(shape: [32, 32, 3], name: "img").ToString());
        Assert.Equal(new long?[] { null, 8 }, x.shape);
        Assert.Equal(2, x.ndim);
        Assert.Equal("int64", keras.Input(shape: [5], dtype: "int64").dtype);
        Assert.Throws<ArgumentException>(() => keras.Input(shape: [5], dtype: "float33"));
    }

    [Fact]
    public void LayerCall_BuildsAndInfersShapes_AndSharesWeightsWhenCalledTwice()
    {
        var a = keras.Input(shape: [4], name: "a");
        var b = keras.Input(shape: [4], name: "b");
        var shared = Dense(3, name: "shared");
        var ya = shared.call(a);
        var yb = shared.call(b);
        Assert.True(shared.built);
        Assert.Equal(new long?[] { null, 3 }, yb.shape);
        var model = keras.Model(inputs: [a, b], outputs: Subtract().call([ya, yb]));
        Assert.Equal(4 * 3 + 3, model.count_params());
        Assert.Single(model.trainable_weights, v => v.path == "shared/kernel");
        var x = randn(5, 4);
        // Same weights on both branches: the same input on both gives exactly zero.
        var y = model.call_tensors([x, x], false)[0];
        Assert.Equal(0f, y.abs().max().item<float>());
    }

    [Fact]
    public void TwoInputModel_Predicts_ExactlyTheHandComposedLayers()
    {
        var x1 = keras.Input(shape: [3], name: "x1");
        var x2 = keras.Input(shape: [5], name: "x2");
        var d1 = Dense(4, activation: "relu", name: "d1");
        var d2 = Dense(4, activation: "tanh", name: "d2");
        var head = Dense(2, name: "head");
        var concat = Concatenate();
        var model = keras.Model(inputs: [x1, x2], outputs: head.call(concat.call([d1.call(x1), d2.call(x2)])), name: "two");
        var a = randn(7, 3);
        var b = randn(7, 5);
        var expected = head.call(concat.call([d1.call(a, false), d2.call(b, false)]), false);
        var actual = model.call_tensors([a, b], false)[0];
        Assert.True(actual.eq(expected).all().item<bool>());
        Assert.Equal(new[] { "x1", "x2", "d1", "d2", "concatenate", "head" }, model.layers.Select(l => l.name));
        Assert.Equal(new[] { "head" }, model.output_names);
        Assert.Equal("two", model.name);
    }

    [Fact]
    public void SeveralOutputs_AndDictionaryInputs()
    {
        var inputs = new Dictionary<string, KerasTensor>
        {
            ["b"] = keras.Input(shape: [2], name: "b"),
            ["a"] = keras.Input(shape: [3], name: "a"),
        };
        var c = Concatenate().call([inputs["a"], inputs["b"]]);
        var cls = Dense(2, activation: "softmax", name: "cls").call(c);
        var reg = Dense(1, name: "reg").call(c);
        var model = keras.Model(inputs: inputs, outputs: [cls, reg]);
        Assert.Equal(new[] { "cls", "reg" }, model.output_names);
        Assert.Equal(2, model.outputs.Count);
        // Keras flattens a dictionary in sorted key order: the inputs are a, b.
        Assert.Equal(new[] { "a", "b" }, model.input_names);
        var outs = model.call_tensors([ones(4, 3), ones(4, 2)], false);
        Assert.Equal(new long[] { 4, 2 }, outs[0].shape);
        Assert.Equal(new long[] { 4, 1 }, outs[1].shape);
        Assert.Throws<InvalidOperationException>(() => model.call(ones(4, 3), false));
    }

    [Fact]
    public void Model_IsUsableAsALayer_InsideAnotherModel()
    {
        var innerIn = keras.Input(shape: [6]);
        var inner = keras.Model(innerIn, Dense(3, name: "inner_dense").call(innerIn), name: "inner");
        var outerIn = keras.Input(shape: [6], name: "outer_in");
        var head = Dense(1, name: "head");
        var outer = keras.Model(outerIn, head.call(inner.call(outerIn)), name: "outer");
        Assert.Equal(21 + 4, outer.count_params());
        var x = randn(2, 6);
        Assert.True(outer.call(x, false).eq(head.call(inner.call(x, false), false)).all().item<bool>());
        Assert.Equal(FunctionalFixtures.Summary("nested"), outer.summary_text(88));
    }

    [Fact]
    public void Input_StartsASequential_AsItsInputLayer()
    {
        var model = Sequential([keras.Input(shape: [4]), Dense(3)]);
        Assert.True(model.built);
        Assert.NotNull(model.input_layer);
        Assert.Equal(new long?[] { null, 4 }, model.input_layer!.batch_shape);
        var dense = keras.Input(shape: [4]);
        var notAnInput = Dense(2).call(dense);
        Assert.Throws<ArgumentException>(() => Sequential([notAnInput]));
    }

    [Fact]
    public void FunctionalModel_TrainsWithFit()
    {
        var inp = keras.Input(shape: [2]);
        var model = keras.Model(inp, Dense(1).call(Dense(8, activation: "tanh").call(inp)));
        model.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.05), loss: "mse");
        var x = randn(64, 2);
        var y = x.sum(1, keepdim: true);
        var h = model.fit(x, y, epochs: 30, verbose: 0);
        Assert.True(h.history["loss"][^1] < 0.1 * h.history["loss"][0]);
        Assert.Equal(new long[] { 64, 1 }, model.predict(x, verbose: 0).shape);
    }

    static Functional Chain()
    {
        var inp = keras.Input(shape: [4]);
        var h = Dense(8, activation: "relu").call(inp);
        return keras.Model(inp, Dense(3, activation: "softmax").call(h));
    }

    [Theory]
    [InlineData("chain", 88)]
    [InlineData("chain_76", 76)]
    public void Summary_OfAChain_IsKerasText(string fixture, int lineLength)
    {
        var model = Chain();
        Assert.Equal(FunctionalFixtures.Summary(fixture), model.summary_text(lineLength));
    }

    [Fact]
    public void Summary_OfAChain_WithTrainableColumn()
    {
        var model = Chain();
        Assert.Equal(FunctionalFixtures.Summary("chain_trainable"), model.summary_text(100, show_trainable: true));
    }

    static Functional Residual()
    {
        var a = keras.Input(shape: [8], name: "a");
        var h = Dense(8, activation: "relu").call(a);
        var h2 = Dense(8).call(h);
        var o = Activation("relu").call(Add().call([h, h2]));
        return keras.Model(a, Dense(2, activation: "softmax", name: "out").call(o), name: "res");
    }

    [Fact]
    public void Summary_OfAResidualBlock_HasTheConnectedToColumn()
    {
        Assert.Equal(FunctionalFixtures.Summary("residual"), Residual().summary_text(108));
        keras.backend.clear_session();
        Assert.Equal(FunctionalFixtures.Summary("residual_trainable"), Residual().summary_text(120, show_trainable: true));
    }

    [Fact]
    public void Summary_OfTwoInputsAndTwoOutputs_AndOfASharedLayer()
    {
        var x1 = keras.Input(shape: [3], name: "x1");
        var x2 = keras.Input(shape: [5], name: "x2");
        var c = Concatenate().call([Dense(4, name: "d1").call(x1), Dense(4, name: "d2").call(x2)]);
        var m = keras.Model([x1, x2], [Dense(2, activation: "softmax", name: "cls").call(c), Dense(1, name: "reg").call(c)], name: "two_by_two");
        Assert.Equal(FunctionalFixtures.Summary("two_by_two"), m.summary_text(108));

        keras.backend.clear_session();
        var shared = Dense(4, name: "shared");
        var u = keras.Input(shape: [4], name: "u");
        var v = keras.Input(shape: [4], name: "v");
        var siamese = keras.Model([u, v], Subtract().call([shared.call(u), shared.call(v)]), name: "siamese");
        Assert.Equal(FunctionalFixtures.Summary("shared"), siamese.summary_text(108));
    }

    // ---- bad input -------------------------------------------------------------------------------------------------

    [Fact]
    public void WrongShape_NamesTheLayer_ExpectedAndReceived()
    {
        var dense = Dense(3, name: "d");
        dense.call(keras.Input(shape: [4]));
        var e = Assert.Throws<ArgumentException>(() => dense.call(keras.Input(shape: [5])));
        Assert.Contains("'d'", e.Message);
        Assert.Contains("expected axis -1 of input shape to have value 4", e.Message);
        Assert.Contains("(None, 5)", e.Message);
        Assert.Single(KerasSharp.Ops.Node.InboundNodes(dense));

        var rank1 = Assert.Throws<ArgumentException>(() => Dense(2, name: "flat").call(keras.Input(batch_shape: [null])));
        Assert.Contains("'flat'", rank1.Message);
        Assert.Contains("(None,)", rank1.Message);
    }

    [Fact]
    public void DisconnectedGraph_IsRefused_AndTheLayersStayUsable()
    {
        var a = keras.Input(shape: [2], name: "a");
        var b = keras.Input(shape: [2], name: "b");
        var add = Add().call([a, b]);
        var e = Assert.Throws<ArgumentException>(() => keras.Model(inputs: a, outputs: add));
        Assert.Contains("Graph disconnected", e.Message);
        Assert.Contains("'b'", e.Message.Replace("\"", "'"));
        var model = keras.Model(inputs: [a, b], outputs: add);
        Assert.Equal(3, model.layers.Count);
    }

    [Fact]
    public void InputNotAnInputTensor_OrUnused_IsRefused()
    {
        var a = keras.Input(shape: [2]);
        var h = Dense(2).call(a);
        var e = Assert.Throws<ArgumentException>(() => keras.Model(inputs: h, outputs: Dense(1).call(h)));
        Assert.Contains("keras.Input", e.Message);
        var unused = keras.Input(shape: [2], name: "unused");
        var e2 = Assert.Throws<ArgumentException>(() => keras.Model(inputs: [a, unused], outputs: h));
        Assert.Contains("not connected", e2.Message);
    }

    [Fact]
    public void DuplicateLayerNames_AreRefused()
    {
        var a = keras.Input(shape: [2]);
        var h = Dense(2, name: "same").call(a);
        var e = Assert.Throws<ArgumentException>(() => keras.Model(a, Dense(2, name: "same").call(h)));
        Assert.Contains("The name \"same\" is used 2 times in the model", e.Message);
    }

    [Fact]
    public void WrongNumberOfInputArrays_IsRefused_NamingTheInputs()
    {
        var a = keras.Input(shape: [2], name: "a");
        var b = keras.Input(shape: [3], name: "b");
        var model = keras.Model([a, b], Concatenate().call([a, b]));
        var e = Assert.Throws<ArgumentException>(() => model.call_tensors([ones(1, 2)], false));
        Assert.Contains("expects 2 input arrays (a, b), but received 1", e.Message);
        var shape = Assert.Throws<ArgumentException>(() => model.call_tensors([ones(1, 2), ones(1, 4)], false));
        Assert.Contains("expected shape (None, 3)", shape.Message);
        Assert.Contains("(1, 4)", shape.Message);
        var symbolic = Assert.Throws<ArgumentException>(() => model.call([keras.Input(shape: [2])]));
        Assert.Contains("expects 2 input tensors", symbolic.Message);
    }
}

/// <summary>fit / evaluate / predict of functional models with several inputs (x as Tensor[]).</summary>
public sealed class FunctionalTrainingTests : TorchTest
{
    static Functional TwoInputs(out Dense d1, out Dense d2, out Dense head)
    {
        var x1 = keras.Input(shape: [3], name: "x1");
        var x2 = keras.Input(shape: [2], name: "x2");
        d1 = Dense(4, activation: "tanh", name: "d1");
        d2 = Dense(4, activation: "tanh", name: "d2");
        head = Dense(1, name: "head");
        var h = Add().call([d1.call(x1), d2.call(x2)]);
        return keras.Model(inputs: [x1, x2], outputs: head.call(h));
    }

    [Fact]
    public void TwoInputModel_Fits_AndPredictEqualsTheHandComposedLayers()
    {
        var model = TwoInputs(out var d1, out var d2, out var head);
        model.compile(optimizer: keras.optimizers.Adam(learning_rate: 0.05), loss: "mse", metrics: ["mae"]);
        var a = randn(96, 3);
        var b = randn(96, 2);
        var y = a.sum(1, keepdim: true).sub(b.sum(1, keepdim: true));
        var h = model.fit(new[] { a, b }, y, epochs: 25, batch_size: 16, verbose: 0, validation_split: 0.25);
        Assert.Equal(new[] { "loss", "mae", "val_loss", "val_mae" }, h.history.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.True(h.history["loss"][^1] < 0.25 * h.history["loss"][0]);
        var predicted = model.predict(new[] { a, b }, batch_size: 32, verbose: 0);
        using (no_grad())
        {
            var expected = head.call(d1.call(a, false).add(d2.call(b, false)), false);
            Assert.True(predicted.eq(expected).all().item<bool>());
        }
        var scores = model.evaluate(new[] { a, b }, y, verbose: 0);
        Assert.Equal(new[] { "loss", "mae" }, scores.Keys);
    }

    [Fact]
    public void WrongNumberOfInputArrays_InFit_IsRefused_ModelUnchanged()
    {
        var model = TwoInputs(out var d1, out _, out _);
        model.compile(optimizer: "sgd", loss: "mse");
        var kernel = d1.kernel!.numpy().clone();
        var e = Assert.Throws<ArgumentException>(() => model.fit(randn(8, 3), randn(8, 1), verbose: 0));
        Assert.Contains("expects 2 input arrays (x1, x2), but received 1", e.Message);
        Assert.True(d1.kernel!.numpy().eq(kernel).all().item<bool>());
    }

    [Fact]
    public void FunctionalMlp_TrainsExactlyAsTheSameSequential()
    {
        // Same weights, same data order: the functional graph runs the same operations (fused softmax head included).
        var seq = Sequential([keras.Input(shape: [4]), Dense(6, activation: "relu"), Dense(3, activation: "softmax")]);
        var inp = keras.Input(shape: [4]);
        var h = Dense(6, activation: "relu").call(inp);
        var fun = keras.Model(inp, Dense(3, activation: "softmax").call(h));
        for (int i = 0; i < 2; i++) fun.layers[i + 1].set_weights(seq.layers[i].get_weights());
        seq.compile(optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"]);
        fun.compile(optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"]);
        var x = randn(40, 4);
        var y = keras.utils.to_categorical(randint(0, 3, new long[] { 40 }), 3);
        var hs = seq.fit(x, y, epochs: 3, batch_size: 8, shuffle: false, verbose: 0);
        var hf = fun.fit(x, y, epochs: 3, batch_size: 8, shuffle: false, verbose: 0);
        Assert.Equal(hs.history["loss"], hf.history["loss"]);
        for (int i = 0; i < 2; i++)
            foreach (var (a, b) in seq.layers[i].get_weights().Zip(fun.layers[i + 1].get_weights()))
                Assert.True(a.eq(b).all().item<bool>());
    }
}
