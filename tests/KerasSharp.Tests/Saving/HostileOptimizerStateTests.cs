using KerasSharp.Models;
using PureHDF;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// load_weights is all or nothing (issue 13 item 14): a file whose optimizer state has one bad field (every field of
/// Adam's and Nadam's state, one at a time) is refused, and the model's weights and its optimizer's step count,
/// learning rate and slots are exactly as before.
/// </summary>
public sealed class HostileOptimizerStateTests : TorchTest
{
    static Sequential Trained(string optimizer, int seed)
    {
        keras.utils.set_random_seed(seed);
        var model = Sequential([InputLayer(shape: [4]), Dense(3)]);
        model.compile(optimizer: optimizer, loss: "mse");
        model.fit(randn(8, 4), randn(8, 3), batch_size: 4, epochs: 1, verbose: 0);
        return model;
    }

    /// <summary>Keras's layout for this model, the optimizer's variables replaced by <paramref name="optimizerVars"/>.</summary>
    static string Write(TempFolder dir, Model model, string optimizerName, IReadOnlyList<H5Dataset> optimizerVars)
    {
        var w = model.get_weights();
        var dense = new H5Group { Attributes = new() { ["name"] = "dense" } };
        dense["0"] = new H5Dataset(w[0].contiguous().data<float>().ToArray(), fileDims: new ulong[] { 4, 3 });
        dense["1"] = new H5Dataset(w[1].contiguous().data<float>().ToArray(), fileDims: new ulong[] { 3 });
        var opt = new H5Group { Attributes = new() { ["name"] = optimizerName } };
        for (int i = 0; i < optimizerVars.Count; i++) opt[i.ToString()] = optimizerVars[i];
        var file = new H5File
        {
            ["vars"] = new H5Group { Attributes = new() { ["name"] = "sequential" } },
            ["layers"] = new H5Group { ["dense"] = new H5Group { ["vars"] = dense } },
            ["optimizer"] = new H5Group { ["vars"] = opt },
        };
        var path = dir.File($"{Guid.NewGuid():N}.weights.h5");
        file.Write(path);
        return path;
    }

    static H5Dataset Floats(long[] shape, float value) =>
        shape.Length == 0 ? new H5Dataset(value, fileDims: Array.Empty<ulong>())
            : new H5Dataset(Enumerable.Repeat(value, (int)shape.Aggregate(1L, (a, b) => a * b)).ToArray(), fileDims: shape.Select(d => (ulong)d).ToArray());

    /// <summary>A valid state for Adam on this model: iteration 7, learning rate 0.5, every slot 0.25.</summary>
    static List<H5Dataset> GoodAdamState() => new()
    {
        new H5Dataset(7, fileDims: Array.Empty<ulong>()), Floats([], 0.5f),
        Floats([4, 3], 0.25f), Floats([4, 3], 0.25f), Floats([3], 0.25f), Floats([3], 0.25f),
    };

    static (List<float[]> weights, long iterations, double lr, List<float[]> slots) Snapshot(Model model) => (
        HostileFileTests.Weights(model), model.optimizer!.iterations, model.optimizer.learning_rate,
        model.optimizer.slot_values()!.SelectMany(s => s).Select(t => t.contiguous().data<float>().ToArray()).ToList());

    public static TheoryData<string, string> BadAdamFields => new()
    {
        { "iteration -1", "variable 0 (iteration) must be a step count in [0, 2147483647]" },
        { "iteration 2^31 as int64", "variable 0 (iteration) must be a step count" },
        { "iteration int64 max", "variable 0 (iteration) must be a step count" },
        { "iteration 1.5 as float", "variable 0 (iteration) must be an integer scalar" },
        { "iteration of shape (2,)", "variable 0 (iteration) must be an integer scalar" },
        { "learning_rate NaN", "variable 1 (learning_rate) must be a non-negative finite number; received NaN (float32)" },
        { "learning_rate -1", "variable 1 (learning_rate) must be a non-negative finite number; received -1.0 (float32)" },
        { "learning_rate Infinity", "variable 1 (learning_rate) must be a non-negative finite number; received Infinity (float32)" },
        { "learning_rate of shape (1,)", "variable 1 (learning_rate) must be a scalar" },
        { "slot 2 of shape (3, 4)", "variable.shape=(4, 3), Received: value.shape=(3, 4)" },
        { "slot 3 of shape (4, 3, 1)", "variable.shape=(4, 3), Received: value.shape=(4, 3, 1)" },
        { "slot 4 of shape (4,)", "variable.shape=(3,), Received: value.shape=(4,)" },
        { "slot 5 of shape ()", "variable.shape=(3,), Received: value.shape=()" },
    };

    [Theory]
    [MemberData(nameof(BadAdamFields))]
    public void OneBadOptimizerField_RefusesTheWholeLoad_AndChangesNothing(string field, string message)
    {
        using var dir = new TempFolder();
        var state = GoodAdamState();
        switch (field)
        {
            case "iteration -1": state[0] = new H5Dataset(-1, fileDims: Array.Empty<ulong>()); break;
            case "iteration 2^31 as int64": state[0] = new H5Dataset(1L << 31, fileDims: Array.Empty<ulong>()); break;
            case "iteration int64 max": state[0] = new H5Dataset(long.MaxValue, fileDims: Array.Empty<ulong>()); break;
            case "iteration 1.5 as float": state[0] = Floats([], 1.5f); break;
            case "iteration of shape (2,)": state[0] = new H5Dataset(new[] { 1, 2 }, fileDims: new ulong[] { 2 }); break;
            case "learning_rate NaN": state[1] = Floats([], float.NaN); break;
            case "learning_rate -1": state[1] = Floats([], -1f); break;
            case "learning_rate Infinity": state[1] = Floats([], float.PositiveInfinity); break;
            case "learning_rate of shape (1,)": state[1] = Floats([1], 0.5f); break;
            case "slot 2 of shape (3, 4)": state[2] = Floats([3, 4], 0.25f); break;
            case "slot 3 of shape (4, 3, 1)": state[3] = Floats([4, 3, 1], 0.25f); break;
            case "slot 4 of shape (4,)": state[4] = Floats([4], 0.25f); break;
            case "slot 5 of shape ()": state[5] = Floats([], 0.25f); break;
            default: throw new ArgumentException(field);
        }
        var source = Trained("adam", 1);
        var path = Write(dir, source, "adam", state);

        var target = Trained("adam", 2);
        var before = Snapshot(target);
        var e = Assert.Throws<ArgumentException>(() => target.load_weights(path));
        Assert.Contains(message, e.Message);
        var after = Snapshot(target);
        Assert.Equal(before.weights, after.weights);
        Assert.Equal((before.iterations, before.lr), (after.iterations, after.lr));
        Assert.Equal(before.slots, after.slots);

        // The same file with the good state loads in full.
        var good = Write(dir, source, "adam", GoodAdamState());
        target.load_weights(good);
        Assert.Equal(HostileFileTests.Weights(source), HostileFileTests.Weights(target));
        Assert.Equal((7L, 0.5), (target.optimizer!.iterations, target.optimizer.learning_rate));
        Assert.All(target.optimizer.slot_values()!.SelectMany(s => s), t => Assert.All(t.contiguous().data<float>().ToArray(), v => Assert.Equal(0.25f, v)));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.NegativeInfinity)]
    public void NadamsExtraScalar_MustBeFinite(float u)
    {
        using var dir = new TempFolder();
        var state = GoodAdamState();
        state.Add(Floats([], u));   // u_product
        var source = Trained("nadam", 1);
        var path = Write(dir, source, "nadam", state);
        var target = Trained("nadam", 2);
        var before = Snapshot(target);
        var e = Assert.Throws<ArgumentException>(() => target.load_weights(path));
        Assert.Contains("variable 6 must be a finite number", e.Message);
        var after = Snapshot(target);
        Assert.Equal(before.weights, after.weights);
        Assert.Equal((before.iterations, before.lr), (after.iterations, after.lr));
        Assert.Equal(before.slots, after.slots);
    }
}
