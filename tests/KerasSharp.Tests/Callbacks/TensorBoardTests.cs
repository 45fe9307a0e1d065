using System.Text;
using KerasSharp.Callbacks;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Callbacks;

/// <summary>TensorBoard writes Keras's tags into event files under train/ and validation/ (via TorchSharp's SummaryWriter).</summary>
public sealed class TensorBoardTests : TorchTest
{
    static string Events(string folder) =>
        string.Concat(Directory.GetFiles(folder, "events.out.tfevents.*").Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));

    [Fact]
    public void Fit_WritesEpochScalarsAndHistograms_WithKerasTags()
    {
        using var dir = new TempFolder();
        var model = Sequential([Input(shape: [4]), Dense(3, activation: "softmax")]);
        model.compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        var x = randn(40, 4);
        var y = keras.utils.to_categorical(arange(40).remainder(3));
        var tb = new TensorBoard(dir.path, histogram_freq: 1);
        Assert.False(tb.uses_batch_hooks);
        model.fit(x, y, epochs: 2, verbose: 0, validation_split: 0.25, callbacks: [tb]);
        var train = Events(Path.Combine(dir.path, "train"));
        foreach (var tag in new[] { "epoch_loss", "epoch_accuracy", "epoch_learning_rate", "kernel/histogram", "bias/histogram" }) Assert.Contains(tag, train);
        Assert.DoesNotContain("val_", train);
        Assert.DoesNotContain("batch_loss", train);
        var validation = Events(Path.Combine(dir.path, "validation"));
        Assert.Contains("epoch_loss", validation);
        Assert.Contains("epoch_accuracy", validation);
    }

    [Fact]
    public void BatchUpdates_AreWrittenEveryNBatches_AndBadFrequenciesRefused()
    {
        using var dir = new TempFolder();
        var model = Sequential([Input(shape: [4]), Dense(3, activation: "softmax")]);
        model.compile(loss: "categorical_crossentropy", optimizer: "adam");
        var tb = new TensorBoard(dir.path, update_freq: "batch");
        Assert.True(tb.uses_batch_hooks);
        model.fit(randn(40, 4), keras.utils.to_categorical(arange(40).remainder(3)), epochs: 1, batch_size: 10, verbose: 0, callbacks: [tb]);
        Assert.Contains("batch_loss", Events(Path.Combine(dir.path, "train")));
        Assert.Throws<ArgumentException>(() => new TensorBoard(dir.path, update_freq: "sometimes"));
        Assert.Throws<ArgumentException>(() => new TensorBoard(dir.path, histogram_freq: -1));
    }
}
