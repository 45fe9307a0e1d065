using System.Text;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.utils;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// Saving the same model again (what ModelCheckpoint does every improving epoch) writes the same bytes, and what the
/// archive holds follows the model when its configuration, weights or optimizer state change between saves.
/// </summary>
public sealed class RepeatedSaveTests : TorchTest
{
    static KerasSharp.Models.Sequential TrainedModel()
    {
        manual_seed(3);
        var model = Sequential([InputLayer(shape: [4]), Dense(8, activation: "relu"), Dense(3, activation: "softmax")]);
        model.compile(loss: "categorical_crossentropy", optimizer: "adam");
        var g = new Generator(5);
        var x = randn(new long[] { 12, 4 }, generator: g);
        model.fit(x, to_categorical(x.narrow(1, 0, 3).argmax(1), 3), epochs: 1, batch_size: 4, verbose: 0);
        return model;
    }

    static Dictionary<string, byte[]> Entries(string path) => ArchiveFiles.Entries(path);

    static string Config(string path) => Encoding.UTF8.GetString(Entries(path)["config.json"]);

    [Fact]
    public void Two_saves_of_the_same_state_write_the_same_archive()
    {
        using var dir = new TempFolder();
        var model = TrainedModel();
        string a = dir.File("a.keras"), b = dir.File("b.keras");
        model.save(a);
        model.save(b);
        var ea = Entries(a);
        var eb = Entries(b);
        Assert.Equal(["metadata.json", "config.json", "model.weights.h5"], ea.Keys.ToArray());
        Assert.Equal(ea.Keys, eb.Keys);
        Assert.Equal(ea["config.json"], eb["config.json"]);
        Assert.Equal(ea["model.weights.h5"], eb["model.weights.h5"]);
        // metadata.json differs at most in date_saved (to the second); the zip's own bytes then agree as well.
        if (ea["metadata.json"].AsSpan().SequenceEqual(eb["metadata.json"]))
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void A_later_save_follows_learning_rate_trainable_flag_and_weights()
    {
        using var dir = new TempFolder();
        var model = TrainedModel();
        string path = dir.File("m.keras");
        model.save(path);
        var first = Entries(path);
        Assert.Contains("\"learning_rate\": 0.0010000000474974513", Config(path));

        model.optimizer!.learning_rate = 0.5; // as ReduceLROnPlateau sets it
        model.layers[0].trainable = false;
        model.save(path);
        var config = Config(path);
        Assert.Contains("\"learning_rate\": 0.5", config);
        Assert.DoesNotContain("\"learning_rate\": 0.0010000000474974513", config);
        Assert.Contains("\"trainable\": false", config);
        Assert.NotEqual(first["model.weights.h5"], Entries(path)["model.weights.h5"]); // the stored learning rate

        var loaded = load_model(path);
        Assert.Equal(0.5, loaded.optimizer!.learning_rate, 6);
        Assert.False(loaded.layers[0].trainable);
        var kernel = model.layers[1].get_weights()[0];
        model.layers[1].set_weights([kernel + 1, model.layers[1].get_weights()[1]]);
        model.save(path);
        var reloaded = load_model(path);
        Assert.True(RoundTripTests.Same(model.layers[1].get_weights()[0], reloaded.layers[1].get_weights()[0]));
        Assert.False(RoundTripTests.Same(kernel, reloaded.layers[1].get_weights()[0]));
    }
}
