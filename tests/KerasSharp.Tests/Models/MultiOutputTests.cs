using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using KerasSharp.Backend;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Models;
using Xunit;
using static KerasSharp.keras.layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Models;

/// <summary>
/// fit / evaluate / predict of functional models with several outputs, against real Keras 3.11.3: the same weights,
/// data and SGD give the same History keys and values (Fixtures/make_multi_output_oracle.py wrote
/// multi_output_oracle.json). Keras's rules (keras/src/trainers/compile_utils.py): "loss" is the weighted sum of the
/// outputs' losses; each output's unweighted loss is logged as "&lt;output&gt;_loss", its metrics as "&lt;output&gt;_&lt;metric&gt;".
/// </summary>
public sealed class MultiOutputTests : TorchTest
{
    static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(FunctionalFixtures.Path("multi_output_oracle.json"))).RootElement;

    static Tensor Data(string key) => FunctionalFixtures.Array(Root.GetProperty("data").GetProperty(key));

    static Tensor Labels(string key) => Data(key).to_type(ScalarType.Int64);

    static Tensor[] Weights(string key) => Root.GetProperty(key).EnumerateArray().Select(FunctionalFixtures.Array).ToArray();

    static JsonElement Case(string name) => Root.GetProperty("cases").GetProperty(name);

    static Functional TwoHeads()
    {
        var inp = keras.Input(shape: [4], name: "features");
        var h = Dense(5, activation: "tanh", name: "hidden").call(inp);
        var reg = Dense(1, name: "reg").call(h);
        var cls = Dense(3, activation: "softmax", name: "cls").call(h);
        var model = keras.Model(inp, [reg, cls], name: "two_heads");
        model.set_weights(Weights("weights"));
        return model;
    }

    static void AssertHistory(JsonElement expected, Dictionary<string, List<double>> history)
    {
        var keys = expected.EnumerateObject().Select(p => p.Name).OrderBy(k => k, StringComparer.Ordinal).ToList();
        Assert.Equal(keys, history.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList());
        foreach (var p in expected.EnumerateObject())
        {
            var want = p.Value.EnumerateArray().Select(v => v.GetDouble()).ToList();
            Assert.Equal(want.Count, history[p.Name].Count);
            for (int i = 0; i < want.Count; i++)
                Assert.True(Math.Abs(want[i] - history[p.Name][i]) <= 1e-5 + 1e-5 * Math.Abs(want[i]), $"{p.Name}[{i}]: Keras {want[i]}, KerasSharp {history[p.Name][i]}");
        }
    }

    static void AssertLogs(JsonElement expected, Dictionary<string, double> logs)
    {
        Assert.Equal(expected.EnumerateObject().Select(p => p.Name).OrderBy(k => k, StringComparer.Ordinal), logs.Keys);
        foreach (var p in expected.EnumerateObject())
            Assert.True(Math.Abs(p.Value.GetDouble() - logs[p.Name]) <= 1e-5 + 1e-5 * Math.Abs(p.Value.GetDouble()), $"{p.Name}: Keras {p.Value.GetDouble()}, KerasSharp {logs[p.Name]}");
    }

    static void AssertWeights(JsonElement expected, Functional model)
    {
        var want = expected.EnumerateArray().Select(FunctionalFixtures.Array).ToList();
        var got = model.get_weights();
        Assert.Equal(want.Count, got.Count);
        for (int i = 0; i < want.Count; i++) Assert.True(got[i].allclose(want[i], rtol: 1e-4, atol: 1e-5), $"weight {i} differs from Keras's");
    }

    [Fact]
    public void DictionaryLossesWeightsAndMetrics_WithValidationSplit_MatchKeras()
    {
        var model = TwoHeads();
        model.compile(optimizer: keras.optimizers.SGD(0.1),
            loss: new Dictionary<string, Loss> { ["reg"] = "mse", ["cls"] = "sparse_categorical_crossentropy" },
            loss_weights: new Dictionary<string, double> { ["reg"] = 0.5, ["cls"] = 2.0 },
            metrics: new Dictionary<string, string[]> { ["reg"] = ["mae"], ["cls"] = ["accuracy"] });
        var x = Data("x");
        Tensor[] y = [Data("y_reg"), Labels("y_cls")];
        var h = model.fit(x, y, batch_size: 4, epochs: 2, shuffle: false, validation_split: 0.25, verbose: 0);
        var c = Case("dicts");
        AssertHistory(c.GetProperty("history"), h.history);
        AssertLogs(c.GetProperty("evaluate"), model.evaluate(x, y, batch_size: 5, verbose: 0));
        var p = model.predict_outputs(x.narrow(0, 0, 3), verbose: 0);
        Assert.Equal(2, p.Length);
        var want = c.GetProperty("predict").EnumerateArray().Select(FunctionalFixtures.Array).ToArray();
        Assert.True(p[0].allclose(want[0], rtol: 1e-4, atol: 1e-5));
        Assert.True(p[1].allclose(want[1], rtol: 1e-4, atol: 1e-5));
        AssertWeights(c.GetProperty("weights_after"), model);
    }

    [Fact]
    public void ListLossesAndMetrics_SharedSampleWeight_ValidationData_MatchKeras()
    {
        var model = TwoHeads();
        model.compile(optimizer: keras.optimizers.SGD(0.05),
            loss: new[] { "mse", "sparse_categorical_crossentropy" },
            loss_weights: new[] { 1.0, 0.3 },
            metrics: new[] { new[] { "mae", "mse" }, new[] { "accuracy" } });
        var x = Data("x");
        Tensor[] y = [Data("y_reg"), Labels("y_cls")];
        var validation = (Data("x_val"), new[] { Data("y_reg_val"), Labels("y_cls_val") });
        var h = model.fit(x, y, sample_weight: Data("sample_weight"), batch_size: 5, epochs: 2, shuffle: false, validation_data: validation, verbose: 0);
        var c = Case("lists");
        AssertHistory(c.GetProperty("history"), h.history);
        AssertLogs(c.GetProperty("evaluate"), model.evaluate(x, y, sample_weight: Data("sample_weight"), verbose: 0));
        AssertWeights(c.GetProperty("weights_after"), model);
    }

    [Fact]
    public void OneLossForEveryOutput_MetricsForOneOutput_MatchKeras()
    {
        var model = TwoHeads();
        model.compile(optimizer: keras.optimizers.SGD(0.1), loss: "mse", metrics: new Dictionary<string, string> { ["cls"] = "mae" });
        var x = Data("x");
        var onehot = nn.functional.one_hot(Labels("y_cls"), 3).to_type(ScalarType.Float32);
        var h = model.fit(x, new[] { Data("y_reg"), onehot }, batch_size: 8, epochs: 2, shuffle: false, verbose: 0);
        var c = Case("one_loss");
        AssertHistory(c.GetProperty("history"), h.history);
        AssertLogs(c.GetProperty("evaluate"), model.evaluate(x, new[] { Data("y_reg"), onehot }, verbose: 0));
        AssertWeights(c.GetProperty("weights_after"), model);
    }

    static Functional TwoInTwoOut()
    {
        var a = keras.Input(shape: [4], name: "a");
        var b = keras.Input(shape: [2], name: "b");
        var h = Dense(3, activation: "relu", name: "hidden").call(Concatenate(name: "joined").call([a, b]));
        var reg = Dense(1, name: "reg").call(h);
        var cls = Dense(3, activation: "softmax", name: "cls").call(h);
        var model = keras.Model(new Dictionary<string, KerasTensor> { ["a"] = a, ["b"] = b },
            new Dictionary<string, KerasTensor> { ["reg"] = reg, ["cls"] = cls }, name: "two_in_two_out");
        model.set_weights(Weights("two_input_weights"));
        return model;
    }

    [Fact]
    public void DictionaryInputsAndTargets_MatchKeras()
    {
        var model = TwoInTwoOut();
        model.compile(optimizer: keras.optimizers.SGD(0.1),
            loss: new Dictionary<string, string> { ["reg"] = "mse", ["cls"] = "sparse_categorical_crossentropy" },
            metrics: new Dictionary<string, string[]> { ["cls"] = ["accuracy"] });
        var x = Data("x");
        var xd = new Dictionary<string, Tensor> { ["a"] = x, ["b"] = x.narrow(1, 0, 2).mul(2.0) };
        var h = model.fit(xd, new Dictionary<string, Tensor> { ["reg"] = Data("y_reg"), ["cls"] = Labels("y_cls") }, batch_size: 4, epochs: 1, shuffle: false, verbose: 0);
        var c = Case("two_inputs");
        AssertHistory(c.GetProperty("history"), h.history);
        AssertWeights(c.GetProperty("weights_after"), model);
        // Outputs given as a dictionary: predict_outputs returns them in sorted key order (cls, reg), as Keras flattens a dict.
        Assert.Equal(new[] { "cls", "reg" }, model.output_names);
        var p = model.predict_outputs(xd, verbose: 0);
        var want = c.GetProperty("predict");
        Assert.True(p[0].narrow(0, 0, 3).allclose(FunctionalFixtures.Array(want.GetProperty("cls")), rtol: 1e-4, atol: 1e-5));
        Assert.True(p[1].narrow(0, 0, 3).allclose(FunctionalFixtures.Array(want.GetProperty("reg")), rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void TargetsAsDictionary_ForListOutputs_EqualTargetsAsList()
    {
        // Keras 3.11.3 raises KeyError here (docs/keras-behaviour.md); KerasSharp maps the keys to the output names.
        var x = Data("x");
        Tensor[] y = [Data("y_reg"), Labels("y_cls")];
        var byList = TwoHeads();
        byList.compile(optimizer: keras.optimizers.SGD(0.1), loss: new[] { "mse", "sparse_categorical_crossentropy" });
        var a = byList.fit(x, y, batch_size: 4, epochs: 2, shuffle: false, verbose: 0).history;
        var byDict = TwoHeads();
        byDict.compile(optimizer: keras.optimizers.SGD(0.1), loss: new[] { "mse", "sparse_categorical_crossentropy" });
        var b = byDict.fit(x, new Dictionary<string, Tensor> { ["cls"] = y[1], ["reg"] = y[0] }, batch_size: 4, epochs: 2, shuffle: false, verbose: 0).history;
        Assert.Equal(new[] { "cls_loss", "loss", "reg_loss" }, b.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var k in a.Keys) Assert.Equal(a[k], b[k]);
    }

    [Fact]
    public void Predict_OnSeveralOutputs_PointsAtPredictOutputs_AndPredictOutputsEqualsTheGraph()
    {
        var model = TwoHeads();
        var x = Data("x");
        var e = Assert.Throws<InvalidOperationException>(() => model.predict(x, verbose: 0));
        Assert.Contains("predict_outputs", e.Message);
        Assert.Contains("2 outputs (reg, cls)", e.Message);
        var p = model.predict_outputs(x, verbose: 0);
        var direct = model.call_tensors([x], false);
        Assert.True(p[0].eq(direct[0]).all().item<bool>());
        Assert.True(p[1].eq(direct[1]).all().item<bool>());
        // Batches of 5 are concatenated in order (float rounding may differ by batch size).
        var batched = model.predict_outputs(x, batch_size: 5, verbose: 0);
        Assert.True(batched[0].allclose(direct[0], rtol: 1e-5, atol: 1e-6));
        Assert.True(batched[1].allclose(direct[1], rtol: 1e-5, atol: 1e-6));
        var empty = model.predict_outputs(x.narrow(0, 0, 0), verbose: 0);
        Assert.Equal(new long[] { 0, 1 }, empty[0].shape);
        Assert.Equal(new long[] { 0, 3 }, empty[1].shape);
    }

    [Fact]
    public void OneLossWithoutMetrics_LogsOnlyTheTotalAndEachOutputsLoss_WhichSumToTheTotal()
    {
        var model = TwoHeads();
        model.compile(optimizer: keras.optimizers.SGD(0.0), loss: "mse");
        var x = Data("x");
        var onehot = nn.functional.one_hot(Labels("y_cls"), 3).to_type(ScalarType.Float32);
        var logs = model.evaluate(x, new[] { Data("y_reg"), onehot }, batch_size: 16, verbose: 0);
        Assert.Equal(new[] { "cls_loss", "loss", "reg_loss" }, logs.Keys);
        // By hand: the mean squared error of each output over the one batch.
        var outs = model.call_tensors([x], false);
        double reg = outs[0].sub(Data("y_reg")).square().mean().item<float>();
        double cls = outs[1].sub(onehot).square().mean().item<float>();
        Assert.Equal(reg, logs["reg_loss"], 5);
        Assert.Equal(cls, logs["cls_loss"], 5);
        Assert.Equal(reg + cls, logs["loss"], 5);
    }

    [Fact]
    public void NullLossForAnOutput_TrainsTheOtherOnly_WithoutPerOutputLossKeys()
    {
        var model = TwoHeads();
        model.compile(optimizer: keras.optimizers.SGD(0.1), loss: new Loss?[] { "mse", null }, metrics: new[] { null, new[] { "accuracy" } });
        var x = Data("x");
        var h = model.fit(x, new[] { Data("y_reg"), Labels("y_cls") }, batch_size: 16, epochs: 1, shuffle: false, verbose: 0);
        // Keras tracks per-output losses only when more than one output has a loss.
        Assert.Equal(new[] { "cls_accuracy", "loss" }, h.history.Keys.OrderBy(k => k, StringComparer.Ordinal));
        var clsKernel = model.get_layer("cls").get_weights()[0];
        Assert.True(clsKernel.eq(Weights("weights")[4]).all().item<bool>(), "the output without a loss gets no gradient");
    }

    [Fact]
    public void SingleOutputModel_AcceptsOneEntryListsAndDictionaries_AsTheSingleOutputCompile()
    {
        var inp = keras.Input(shape: [4], name: "features");
        var model = keras.Model(inp, Dense(1, name: "out").call(inp));
        model.compile(optimizer: "sgd", loss: new Dictionary<string, string> { ["out"] = "mse" }, metrics: new Dictionary<string, string[]> { ["out"] = ["mae"] });
        var x = Data("x");
        var h = model.fit(x, new Dictionary<string, Tensor> { ["out"] = Data("y_reg") }, epochs: 1, verbose: 0);
        Assert.Equal(new[] { "loss", "mae" }, h.history.Keys.OrderBy(k => k, StringComparer.Ordinal));
        var byList = model.evaluate(x, new[] { Data("y_reg") }, verbose: 0);
        Assert.Equal(model.evaluate(x, Data("y_reg"), verbose: 0), byList);
        var e = Assert.Throws<ArgumentException>(() => model.fit(x, new[] { Data("y_reg"), Data("y_reg") }, verbose: 0));
        Assert.Contains("has one output, but `y` holds 2 target arrays", e.Message);
        var key = Assert.Throws<ArgumentException>(() => model.compile(optimizer: "sgd", loss: new Dictionary<string, string> { ["output"] = "mse" }));
        Assert.Contains("'out'", key.Message);
    }
}

/// <summary>Refused calls with several outputs and dictionary inputs: clear exceptions naming the bad value; the model is unchanged and usable.</summary>
public sealed class MultiOutputMisuseTests : TorchTest
{
    static Functional TwoHeads()
    {
        var a = keras.Input(shape: [4], name: "a");
        var b = keras.Input(shape: [2], name: "b");
        var h = Dense(3, name: "hidden").call(Concatenate().call([a, b]));
        return keras.Model([a, b], [Dense(1, name: "reg").call(h), Dense(3, activation: "softmax", name: "cls").call(h)]);
    }

    static Dictionary<string, Tensor> X(int n = 8) => new() { ["a"] = randn(n, 4), ["b"] = randn(n, 2) };

    static Tensor[] Y(int n = 8) => [randn(n, 1), randint(0, 3, n)];

    static void AssertUnchanged(Functional model, List<Tensor> before)
    {
        var after = model.get_weights();
        for (int i = 0; i < before.Count; i++) Assert.True(after[i].eq(before[i]).all().item<bool>());
    }

    [Fact]
    public void CompileArguments_NotMatchingTheOutputs_AreRefused_NamingThem()
    {
        var model = TwoHeads();
        var e = Assert.Throws<ArgumentException>(() => model.compile(optimizer: "sgd", loss: new[] { "mse" }));
        Assert.Contains("of length 1 whereas the model has 2 outputs (reg, cls)", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.compile(optimizer: "sgd", loss: new Dictionary<string, string> { ["reg"] = "mse", ["clz"] = "mse" }));
        Assert.Contains("'clz' does not correspond to any model output", e.Message);
        Assert.Contains("'cls' is missing", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.compile(optimizer: "sgd", loss: "mse", loss_weights: new[] { 1.0, 2.0, 3.0 }));
        Assert.Contains("received 3 weights", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.compile(optimizer: "sgd", loss: "mse", loss_weights: new Dictionary<string, double> { ["rgr"] = 1 }));
        Assert.Contains("'rgr' does not correspond to any model output", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.compile(optimizer: "sgd", loss: "mse", loss_weights: new[] { 1.0, double.NaN }));
        Assert.Contains("output 'cls'", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.compile(optimizer: "sgd", loss: "mse", metrics: new[] { "mae" }));
        Assert.Contains("as many entries as the model has outputs", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.compile(optimizer: "sgd", loss: "mse", metrics: new Dictionary<string, string> { ["class"] = "accuracy" }));
        Assert.Contains("'class' does not correspond to any model output", e.Message);
        Metric shared = "mae";
        e = Assert.Throws<ArgumentException>(() => model.compile(optimizer: "sgd", loss: "mse", metrics: new[] { shared, shared }));
        Assert.Contains("given twice", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.compile(optimizer: "sgd", loss: new Loss?[] { null, null }));
        Assert.Contains("at least one output", e.Message);
        Assert.False(model.compiled);
    }

    [Fact]
    public void DictionaryInputs_WithMissingOrUnknownKeys_AreRefused_NamingThem_ModelUnchanged()
    {
        var model = TwoHeads();
        model.compile(optimizer: "sgd", loss: new[] { "mse", "sparse_categorical_crossentropy" });
        var before = model.get_weights();
        var e = Assert.Throws<ArgumentException>(() => model.fit(new Dictionary<string, Tensor> { ["a"] = randn(8, 4), ["bb"] = randn(8, 2) }, Y(), verbose: 0));
        Assert.Contains("missing 'b'", e.Message);
        Assert.Contains("unknown 'bb'", e.Message);
        Assert.Contains("'a', 'b'", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.predict_outputs(new Dictionary<string, Tensor> { ["a"] = randn(8, 4) }, verbose: 0));
        Assert.Contains("missing 'b'", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.evaluate(X(), new Dictionary<string, Tensor> { ["reg"] = randn(8, 1) }, verbose: 0));
        Assert.Contains("missing 'cls'", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.fit(new[] { randn(8, 4), randn(8, 2), randn(8, 2) }, Y(), verbose: 0));
        Assert.Contains("expects 2 input arrays (a, b), but received 3", e.Message);
        AssertUnchanged(model, before);
        Assert.Equal(new[] { "cls_loss", "loss", "reg_loss" }, model.fit(X(), Y(), verbose: 0).history.Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void WrongTargets_AreRefused_NamingTheOutput_ModelUnchanged()
    {
        var model = TwoHeads();
        model.compile(optimizer: "sgd", loss: new[] { "mse", "sparse_categorical_crossentropy" });
        var before = model.get_weights();
        var e = Assert.Throws<ArgumentException>(() => model.fit(X(), randn(8, 1), verbose: 0));
        Assert.Contains("has 2 outputs (reg, cls)", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.fit(X(), new[] { randn(8, 1) }, verbose: 0));
        Assert.Contains("holds 1 target arrays", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.fit(X(), new[] { randn(8, 1), randn(7, 3) }, verbose: 0));
        Assert.Contains("y['cls']", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.fit(X(), new[] { randn(8, 2), randint(0, 3, 8) }, verbose: 0));
        Assert.Contains("output 'reg'", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.fit(X(), new[] { randn(8, 1), tensor(new long[] { 0, 1, 2, 3, 0, 1, 2, 0 }) }, verbose: 0));
        Assert.Contains("output 'cls'", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.fit(X(), Y(), class_weight: new Dictionary<int, double> { [0] = 1, [1] = 2, [2] = 1 }, verbose: 0));
        Assert.Contains("single output", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.fit(X(), Y(), sample_weight: new[] { ones(8), ones(8) }, verbose: 0));
        Assert.Contains("per-output `sample_weight`", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.fit(X(), Y(), validation_data: (X(4), new[] { randn(4, 1) }), verbose: 0));
        Assert.Contains("validation_data y", e.Message);
        AssertUnchanged(model, before);
    }

    [Fact]
    public void DictionaryInputs_OnASequential_AreRefused()
    {
        var model = keras.models.Sequential([keras.Input(shape: [4]), Dense(1)]);
        model.compile(optimizer: "sgd", loss: "mse");
        var e = Assert.Throws<ArgumentException>(() => model.fit(new Dictionary<string, Tensor> { ["a"] = randn(8, 4) }, randn(8, 1), verbose: 0));
        Assert.Contains("only a functional model", e.Message);
    }
}

/// <summary>Issue 10's bad input for graphs: refused calls leave nothing half-built, and the layers stay usable.</summary>
public sealed class FunctionalBadInputTests : TorchTest
{
    [Fact]
    public void MergeOfIncompatibleShapes_RecordsNoNode_AndTheLayerStaysUsable()
    {
        var a = keras.Input(shape: [3], name: "a");
        var b = keras.Input(shape: [4], name: "b");
        var add = Add(name: "sum");
        var e = Assert.Throws<ArgumentException>(() => add.call([a, b]));
        Assert.Contains("(3,) and (4,)", e.Message);
        Assert.Empty(KerasSharp.Ops.Node.InboundNodes(add));
        var c = keras.Input(shape: [3], name: "c");
        var model = keras.Model([a, c], add.call([a, c]));
        Assert.Single(KerasSharp.Ops.Node.InboundNodes(add));
        Assert.True(model.call_tensors([ones(2, 3), ones(2, 3)], false)[0].eq(2).all().item<bool>());
    }

    [Fact]
    public void RefusedModel_LeavesItsLayersFreeForAValidModel()
    {
        var a = keras.Input(shape: [2], name: "a");
        var b = keras.Input(shape: [2], name: "b");
        var dense = Dense(3, name: "shared_dense");
        var h = dense.call(Add().call([a, b]));
        var kernel = dense.kernel!.numpy().clone();
        Assert.Throws<ArgumentException>(() => keras.Model(inputs: a, outputs: h));
        var model = keras.Model(inputs: [a, b], outputs: h);
        Assert.Contains(model.layers, l => ReferenceEquals(l, dense));
        Assert.True(dense.kernel!.numpy().eq(kernel).all().item<bool>());
        model.compile(optimizer: "sgd", loss: "mse");
        Assert.Equal(new[] { "loss" }, model.fit(new[] { randn(8, 2), randn(8, 2) }, randn(8, 3), verbose: 0).history.Keys);
    }

    [Fact]
    public void WrongFeatureShape_ForOneInput_InFit_NamesThatInput_ModelUnchanged()
    {
        var a = keras.Input(shape: [2], name: "a");
        var b = keras.Input(shape: [3], name: "b");
        var model = keras.Model([a, b], Dense(1, name: "out").call(Concatenate().call([a, b])));
        model.compile(optimizer: "sgd", loss: "mse");
        var before = model.get_weights();
        var e = Assert.Throws<ArgumentException>(() => model.fit(new Dictionary<string, Tensor> { ["a"] = randn(8, 2), ["b"] = randn(8, 4) }, randn(8, 1), verbose: 0));
        Assert.Contains("'b'", e.Message);
        Assert.Contains("expected shape (None, 3)", e.Message);
        Assert.Contains(", 4)", e.Message);
        var after = model.get_weights();
        for (int i = 0; i < before.Count; i++) Assert.True(after[i].eq(before[i]).all().item<bool>());
    }
}

/// <summary>A PyDataset yielding batches with one target per output trains a multi-output model as the same arrays do.</summary>
public sealed class MultiOutputBatchSourceTests : TorchTest
{
    sealed class TwoTargets(Tensor x, Tensor yReg, Tensor yCls, int batch) : KerasSharp.Data.PyDataset
    {
        public override int num_batches => (int)((x.shape[0] + batch - 1) / batch);

        public override KerasSharp.Data.DataBatch this[int index]
        {
            get
            {
                long start = index * batch, n = Math.Min(batch, x.shape[0] - start);
                return new KerasSharp.Data.DataBatch([x.narrow(0, start, n)], [yReg.narrow(0, start, n), yCls.narrow(0, start, n)]);
            }
        }
    }

    static Functional Model()
    {
        keras.utils.set_random_seed(3);
        var inp = keras.Input(shape: [4], name: "features");
        var h = Dense(5, activation: "tanh", name: "hidden").call(inp);
        return keras.Model(inp, [Dense(1, name: "reg").call(h), Dense(3, activation: "softmax", name: "cls").call(h)]);
    }

    [Fact]
    public void PyDatasetWithSeveralTargets_EqualsArrays()
    {
        var x = randn(12, 4);
        var yReg = randn(12, 1);
        var yCls = randint(0, 3, 12);
        var byArrays = Model();
        byArrays.compile(optimizer: keras.optimizers.SGD(0.1), loss: new[] { "mse", "sparse_categorical_crossentropy" }, metrics: new[] { null, new[] { "accuracy" } });
        var a = byArrays.fit(x, new[] { yReg, yCls }, batch_size: 4, shuffle: false, epochs: 2, verbose: 0).history;
        var bySource = Model();
        bySource.compile(optimizer: keras.optimizers.SGD(0.1), loss: new[] { "mse", "sparse_categorical_crossentropy" }, metrics: new[] { null, new[] { "accuracy" } });
        var b = bySource.fit(new TwoTargets(x, yReg, yCls, 4), epochs: 2, verbose: 0).history;
        Assert.Equal(new[] { "cls_accuracy", "cls_loss", "loss", "reg_loss" }, b.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var k in a.Keys)
            for (int i = 0; i < 2; i++) Assert.Equal(a[k][i], b[k][i], 6);
        var single = Assert.Throws<ArgumentException>(() => bySource.evaluate(new TwoTargets(x, yReg, yCls, 4).Select1(), verbose: 0));
        Assert.Contains("one target per output", single.Message);
    }
}

static class BatchSourceExtensions
{
    /// <summary>The same batches with only the first target: wrong for a model with two outputs.</summary>
    internal static IEnumerable<(Tensor x, Tensor y)> Select1(this KerasSharp.Data.PyDataset d) =>
        Enumerable.Range(0, d.num_batches).Select(i => (d[i].inputs[0], d[i].targets[0]));
}
