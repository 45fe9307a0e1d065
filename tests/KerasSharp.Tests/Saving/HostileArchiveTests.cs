using System.IO.Compression;
using System.Text;
using KerasSharp.Models;
using KerasSharp.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// Crafted .keras archives (issue 13 items 11, 12, 19): zip bombs, sizes that lie, duplicate entries, configs asking for
/// impossible layers. Each is built here from a clean archive of <see cref="HostileFileTests.Model"/> and loaded under
/// <see cref="Bounded"/>.
/// </summary>
public sealed class HostileArchiveTests : TorchTest
{
    /// <summary>Writes a zip of <paramref name="entries"/> (name, bytes, compression), in order.</summary>
    static string Zip(string path, params (string name, byte[] bytes, CompressionLevel level)[] entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes, level) in entries)
        {
            using var s = zip.CreateEntry(name, level).Open();
            s.Write(bytes);
        }
        return path;
    }

    static (byte[] metadata, byte[] config, byte[] weights) Clean(TempFolder dir, Model? model = null)
    {
        (model ?? HostileFileTests.Model()).save(dir.File("clean.keras"));
        var clean = dir.File("clean.keras");
        return (ArchiveLayoutTests.Entry(clean, "metadata.json"), ArchiveLayoutTests.Entry(clean, "config.json"), ArchiveLayoutTests.Entry(clean, "model.weights.h5"));
    }

    /// <summary>The clean archive with its config.json edited as a dictionary.</summary>
    static string WithConfig(TempFolder dir, Action<Dictionary<string, object?>> edit)
    {
        var (metadata, config, weights) = Clean(dir);
        var d = (Dictionary<string, object?>)PythonJson.Loads(Encoding.UTF8.GetString(config))!;
        edit(d);
        return Zip(dir.File("edited.keras"), ("metadata.json", metadata, CompressionLevel.NoCompression),
            ("config.json", Encoding.UTF8.GetBytes(PythonJson.Dumps(d)), CompressionLevel.NoCompression), ("model.weights.h5", weights, CompressionLevel.NoCompression));
    }

    static Dictionary<string, object?> Config(object? o) => (Dictionary<string, object?>)((Dictionary<string, object?>)o!)["config"]!;

    static List<object?> Layers(Dictionary<string, object?> root) => (List<object?>)Config(root)["layers"]!;

    [Fact]
    public void ConfigThatInflatesBeyondTheCap_IsRefused_FromItsDeclaredSize()
    {
        using var dir = new TempFolder();
        var (metadata, _, weights) = Clean(dir);
        var bomb = new byte[ModelArchive.MaxConfigBytes + 1];   // spaces: about 64 KB deflated
        Array.Fill(bomb, (byte)' ');
        var path = Zip(dir.File("bomb.keras"), ("metadata.json", metadata, CompressionLevel.NoCompression),
            ("config.json", bomb, CompressionLevel.SmallestSize), ("model.weights.h5", weights, CompressionLevel.NoCompression));
        Assert.True(new FileInfo(path).Length < 1 << 20);
        var e = Bounded.Refused<InvalidDataException>(() => load_model(path), maxBytes: 16L << 20);
        Assert.Contains("'config.json'", e.Message);
        Assert.Contains($"more than the {ModelArchive.MaxConfigBytes} bytes", e.Message);
    }

    /// <summary>Sets an entry's uncompressed size in its local header and in the central directory.</summary>
    static void LieAboutSize(string path, string name, uint size)
    {
        var bytes = File.ReadAllBytes(path);
        var nameBytes = Encoding.ASCII.GetBytes(name);
        for (int p = 0; p + 46 < bytes.Length; p++)
        {
            uint sig = BitConverter.ToUInt32(bytes, p);
            if (sig == 0x04034b50 && BitConverter.ToUInt16(bytes, p + 26) == nameBytes.Length && bytes.AsSpan(p + 30, nameBytes.Length).SequenceEqual(nameBytes))
                BitConverter.TryWriteBytes(bytes.AsSpan(p + 22), size);
            if (sig == 0x02014b50 && BitConverter.ToUInt16(bytes, p + 28) == nameBytes.Length && bytes.AsSpan(p + 46, nameBytes.Length).SequenceEqual(nameBytes))
                BitConverter.TryWriteBytes(bytes.AsSpan(p + 24), size);
        }
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void EntriesThatInflateToMoreThanTheyDeclare_AreRefused()
    {
        using var dir = new TempFolder();
        var (metadata, config, weights) = Clean(dir);
        var padded = config.Concat(Enumerable.Repeat((byte)' ', 8 << 20)).ToArray();   // 8 MB of trailing spaces
        var path = Zip(dir.File("lie.keras"), ("metadata.json", metadata, CompressionLevel.NoCompression),
            ("config.json", padded, CompressionLevel.SmallestSize), ("model.weights.h5", weights, CompressionLevel.NoCompression));
        LieAboutSize(path, "config.json", (uint)config.Length);
        var e = Bounded.Refused<InvalidDataException>(() => load_model(path), maxBytes: 24L << 20);
        Assert.Contains("config.json", e.Message);
    }

    [Fact]
    public void AWeightsEntryLargerThanTheModelCanNeed_IsRefused_BeforeInflating()
    {
        using var dir = new TempFolder();
        var model = HostileFileTests.Model();
        var (metadata, config, _) = Clean(dir, model);
        var huge = new byte[WeightsFile.MaxBytes(model) + 1];
        var path = Zip(dir.File("w.keras"), ("metadata.json", metadata, CompressionLevel.NoCompression),
            ("config.json", config, CompressionLevel.NoCompression), ("model.weights.h5", huge, CompressionLevel.SmallestSize));
        var e = Bounded.Refused<InvalidDataException>(() => load_model(path), maxBytes: 16L << 20);
        Assert.Contains("'model.weights.h5'", e.Message);
        var before = HostileFileTests.Weights(model);
        Bounded.Refused<InvalidDataException>(() => model.load_weights(path), maxBytes: 16L << 20);
        Assert.Equal(before, HostileFileTests.Weights(model));
    }

    [Fact]
    public void DuplicateEntryNames_AreRefused()
    {
        using var dir = new TempFolder();
        var (metadata, config, weights) = Clean(dir);
        var other = WithConfig(dir, d => Config(Layers(d)[1])["units"] = 7L);
        var otherConfig = ArchiveLayoutTests.Entry(other, "config.json");
        var path = Zip(dir.File("dup.keras"), ("metadata.json", metadata, CompressionLevel.NoCompression),
            ("config.json", config, CompressionLevel.NoCompression), ("config.json", otherConfig, CompressionLevel.NoCompression),
            ("model.weights.h5", weights, CompressionLevel.NoCompression));
        var e = Bounded.Refused<InvalidDataException>(() => load_model(path));
        Assert.Contains("2 entries named 'config.json'", e.Message);
        var model = HostileFileTests.Model();
        Bounded.Refused<InvalidDataException>(() => model.load_weights(path));
    }

    [Fact]
    public void ADenseOfTwoBillionUnits_IsRefusedWithTheLayerAndShape_NotASegfault()
    {
        // In code: the kernel (100000, 2e9) is 728 TiB, beyond any address space even where the OS overcommits.
        var e = Bounded.Refused<InsufficientMemoryException>(() => Sequential([InputLayer(shape: [100_000]), Dense(units: 2_000_000_000)]));
        Assert.Contains("Layer 'dense'", e.Message);
        Assert.Contains("weight 'kernel'", e.Message);
        Assert.Contains("shape (100000, 2000000000)", e.Message);

        // From a config saying so.
        using var dir = new TempFolder();
        var path = WithConfig(dir, d =>
        {
            Config(Layers(d)[0])["batch_shape"] = new List<object?> { null, 100_000L };
            Config(Layers(d)[1])["units"] = 2_000_000_000L;
            ((Dictionary<string, object?>)((Dictionary<string, object?>)Layers(d)[1]!)["build_config"]!)["input_shape"] = new List<object?> { null, 100_000L };
            Config(d)["build_input_shape"] = new List<object?> { null, 100_000L };
            ((Dictionary<string, object?>)d["build_config"]!)["input_shape"] = new List<object?> { null, 100_000L };
        });
        var e2 = Bounded.Refused<InsufficientMemoryException>(() => load_model(path));
        Assert.Contains("shape (100000, 2000000000)", e2.Message);

        // And the process goes on: a normal model still trains.
        var model = HostileFileTests.Model();
        model.fit(TorchSharp.torch.ones(2, 4), TorchSharp.torch.zeros(2, 3), verbose: 0);
    }

    [Fact]
    public void ABatchShapeOf1e12_IsAClearError_NotAnOverflow()
    {
        using var dir = new TempFolder();
        var path = WithConfig(dir, d => Config(Layers(d)[0])["batch_shape"] = new List<object?> { null, 1_000_000_000_000L });
        var e = Bounded.Refused<InvalidDataException>(() => load_model(path));
        Assert.Contains("`batch_shape` must be a list of nulls and integers in [-1, 2147483647]; found [null, 1000000000000]", e.Message);
    }

    [Fact]
    public void ACompileConfigThatIsAList_IsRefused_NotIgnored()
    {
        using var dir = new TempFolder();
        var path = WithConfig(dir, d => d["compile_config"] = new List<object?> { "adam" });
        var e = Assert.Throws<InvalidDataException>(() => load_model(path));
        Assert.Contains("compile_config that is not a JSON object: [\"adam\"]", e.Message);
        Assert.Throws<InvalidDataException>(() => load_model(path, compile: false));
    }

    [Fact]
    public void NaNAndInfinityInConfigs_AreWrittenAndReadAsPythonsJson()
    {
        // Keras 3.11.3 writes Constant(NaN) as {"value": NaN} (json.dumps's allow_nan), and reads it back.
        using var dir = new TempFolder();
        var model = Sequential([InputLayer(shape: [2]), Dense(2, kernel_initializer: new KerasSharp.Initializers.Constant(double.NaN),
            bias_initializer: new KerasSharp.Initializers.Constant(double.NegativeInfinity))]);
        model.save(dir.File("nan.keras"));
        var config = Encoding.UTF8.GetString(ArchiveLayoutTests.Entry(dir.File("nan.keras"), "config.json"));
        Assert.Contains("\"class_name\": \"Constant\", \"config\": {\"value\": NaN}", config);
        Assert.Contains("\"config\": {\"value\": -Infinity}", config);
        var loaded = load_model(dir.File("nan.keras"));
        var dense = (KerasSharp.Layers.Dense)loaded.layers[0];
        Assert.True(double.IsNaN(((KerasSharp.Initializers.Constant)dense.kernel_initializer).value));
        Assert.Equal(double.NegativeInfinity, ((KerasSharp.Initializers.Constant)dense.bias_initializer).value);

        var parsed = (List<object?>)PythonJson.Loads("[NaN, Infinity, -Infinity, -1.5e-07, 12, \"NaN\"]")!;
        Assert.True(double.IsNaN((double)parsed[0]!));
        Assert.Equal(new object?[] { double.PositiveInfinity, double.NegativeInfinity, -1.5e-07, 12L, "NaN" }, parsed.Skip(1));
        Assert.Equal("[NaN, Infinity, -Infinity]", PythonJson.Dumps(new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity }));
        Assert.Throws<InvalidDataException>(() => PythonJson.Loads("[nan]"));
        Assert.Throws<InvalidDataException>(() => PythonJson.Loads(new string('[', 100_000)));
    }
}
