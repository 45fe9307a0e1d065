using KerasSharp.Callbacks;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Callbacks;

/// <summary>
/// The TensorBoard callback's event files read back the way TensorBoard's own reader reads them (tensorboard's
/// <c>backend/event_processing/event_file_loader.py</c> over TFRecord files, <c>tensorflow/core/lib/io/record_reader.cc</c>):
/// files named <c>events.out.tfevents.*</c>; each record is a little-endian uint64 length, the masked CRC-32C of
/// those 8 bytes, the data, and the masked CRC-32C of the data (both checked here with a CRC-32C written in the test);
/// each record's data parses as a <c>tensorboard.Event</c> protobuf; the first event carries
/// <c>file_version = "brain.Event:2"</c>; the scalars have Keras's tags and History's values at the 0-based epoch step.
/// TensorBoard itself cannot be installed on this machine (no Debian package, no PyPI), so this is the check.
/// </summary>
public sealed class TensorBoardEventFileTests : TorchTest
{
    /// <summary>CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit.</summary>
    static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>TFRecord's mask: rotate right by 15 bits, add 0xa282ead8.</summary>
    static uint Masked(uint crc) => unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8u);

    /// <summary>The records of a TFRecord file, each CRC checked.</summary>
    static List<byte[]> Records(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var records = new List<byte[]>();
        int pos = 0;
        while (pos < bytes.Length)
        {
            Assert.True(bytes.Length - pos >= 12, $"truncated record header at byte {pos} of {file}");
            var header = bytes.AsSpan(pos, 8);
            ulong length = BitConverter.ToUInt64(header);
            Assert.Equal(Masked(Crc32C(header)), BitConverter.ToUInt32(bytes, pos + 8));
            pos += 12;
            Assert.True((ulong)(bytes.Length - pos) >= length + 4, $"truncated record data at byte {pos} of {file}");
            var data = bytes.AsSpan(pos, (int)length);
            Assert.Equal(Masked(Crc32C(data)), BitConverter.ToUInt32(bytes, pos + (int)length));
            records.Add(data.ToArray());
            pos += (int)length + 4;
        }
        return records;
    }

    /// <summary>The events of the one event file in <paramref name="folder"/>, parsed as tensorboard.Event.</summary>
    static List<Tensorboard.Event> Events(string folder)
    {
        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.StartsWith("events.out.tfevents.", Path.GetFileName(file)); // TensorBoard's file filter
        return Records(file).Select(r => Tensorboard.Event.Parser.ParseFrom(r)).ToList();
    }

    /// <summary>tag -> values by step, from the events' simple_value summaries.</summary>
    static Dictionary<string, SortedDictionary<long, float>> Scalars(List<Tensorboard.Event> events)
    {
        var scalars = new Dictionary<string, SortedDictionary<long, float>>();
        foreach (var e in events.Where(e => e.Summary is not null))
            foreach (var v in e.Summary.Value.Where(v => v.ValueCase == Tensorboard.Summary.Types.Value.ValueOneofCase.SimpleValue))
            {
                if (!scalars.TryGetValue(v.Tag, out var byStep)) scalars[v.Tag] = byStep = new SortedDictionary<long, float>();
                byStep.Add(e.Step, v.SimpleValue);
            }
        return scalars;
    }

    [Fact]
    public void Crc32C_MatchesTheStandardCheckValue()
    {
        // The CRC-32C check value of "123456789" (RFC 3720, iSCSI) and TFRecord's masked zero-length header.
        Assert.Equal(0xE3069283u, Crc32C("123456789"u8));
        Assert.Equal(0u, Crc32C(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void EventFiles_AreValidTFRecords_OfEvents_WithHistoryValuesUnderKerasTags()
    {
        using var dir = new TempFolder();
        var model = Sequential([Input(shape: [4]), Dense(3, activation: "softmax")]);
        model.compile(loss: "categorical_crossentropy", optimizer: keras.optimizers.Adam(learning_rate: 0.01), metrics: ["accuracy"]);
        var x = randn(40, 4);
        var y = keras.utils.to_categorical(arange(40).remainder(3));
        var h = model.fit(x, y, epochs: 3, verbose: 0, validation_split: 0.25, callbacks: [new TensorBoard(dir.path, histogram_freq: 1)]);

        var train = Events(Path.Combine(dir.path, "train"));
        var validation = Events(Path.Combine(dir.path, "validation"));
        foreach (var events in new[] { train, validation })
        {
            Assert.Equal("brain.Event:2", events[0].FileVersion); // what EventFileLoader expects first
            Assert.All(events, e => Assert.True(e.WallTime > 1.6e9, $"wall_time {e.WallTime}"));
        }

        var ts = Scalars(train);
        Assert.Equal(new[] { "epoch_accuracy", "epoch_learning_rate", "epoch_loss" }, ts.Keys.Order(StringComparer.Ordinal));
        foreach (var (tag, key) in new[] { ("epoch_loss", "loss"), ("epoch_accuracy", "accuracy") })
        {
            Assert.Equal(new long[] { 0, 1, 2 }, ts[tag].Keys);
            Assert.Equal(h.history[key].Select(v => (float)v), ts[tag].Values);
        }
        Assert.All(ts["epoch_learning_rate"].Values, v => Assert.Equal(0.01f, v, 6));

        var vs = Scalars(validation);
        // Validation inside fit runs the test hooks: on_test_end adds Keras's evaluation_*_vs_iterations scalars, at the
        // optimizer's iteration count (keras/src/callbacks/tensorboard.py).
        Assert.Equal(new[] { "epoch_accuracy", "epoch_loss", "evaluation_accuracy_vs_iterations", "evaluation_loss_vs_iterations" }, vs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(h.history["val_loss"].Select(v => (float)v), vs["evaluation_loss_vs_iterations"].Values);
        Assert.Equal(h.history["val_loss"].Select(v => (float)v), vs["epoch_loss"].Values);
        Assert.Equal(h.history["val_accuracy"].Select(v => (float)v), vs["epoch_accuracy"].Values);

        // Histograms: one per weight per epoch, with as many values as the weight has entries.
        var histos = train.Where(e => e.Summary is not null).SelectMany(e => e.Summary.Value.Select(v => (e.Step, v)))
            .Where(p => p.v.ValueCase == Tensorboard.Summary.Types.Value.ValueOneofCase.Histo).ToList();
        Assert.Equal(new[] { "bias/histogram", "kernel/histogram" }, histos.Select(p => p.v.Tag).Distinct().Order(StringComparer.Ordinal));
        var kernel = histos.Where(p => p.v.Tag == "kernel/histogram").ToList();
        Assert.Equal(new long[] { 0, 1, 2 }, kernel.Select(p => p.Step));
        Assert.All(kernel, p => Assert.Equal(12, p.v.Histo.Num));
    }

    [Fact]
    public void BatchScalars_AreAtTheGlobalBatchStep()
    {
        using var dir = new TempFolder();
        var model = Sequential([Input(shape: [4]), Dense(3, activation: "softmax")]);
        model.compile(loss: "categorical_crossentropy", optimizer: "adam");
        model.fit(randn(40, 4), keras.utils.to_categorical(arange(40).remainder(3)), epochs: 2, batch_size: 10, verbose: 0,
            callbacks: [new TensorBoard(dir.path, update_freq: 2)]);
        var scalars = Scalars(Events(Path.Combine(dir.path, "train")));
        Assert.Equal(new long[] { 2, 4, 6, 8 }, scalars["batch_loss"].Keys); // 4 batches per epoch, every 2nd
        Assert.Equal(new long[] { 0, 1 }, scalars["epoch_loss"].Keys);
    }
}
