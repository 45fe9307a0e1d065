using System.IO.Compression;
using System.Runtime.InteropServices;
using KerasSharp.Models;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// HDF5 weights files crafted to attack the reader (issue 13 items 8-10), made by Fixtures/Hostile/make_hostile_files.py
/// with h5py for <c>Sequential([InputLayer((4,)), Dense(3)])</c>: each is loaded through <c>load_weights</c> and,
/// inside a .keras archive, through <c>load_model</c>, under <see cref="Bounded"/> (a timeout and a memory cap). None
/// may hang, crash, read another file or change the model.
/// </summary>
public sealed class HostileFileTests : TorchTest
{
    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Saving", "Fixtures", "Hostile", name);

    internal static Sequential Model()
    {
        var model = Sequential([InputLayer(shape: [4]), Dense(3)]);
        model.compile(optimizer: "adam", loss: "mse");
        return model;
    }

    internal static List<float[]> Weights(Model model) => model.get_weights().Select(w => w.contiguous().data<float>().ToArray()).ToList();

    /// <summary>A .keras archive with this model's metadata and config and <paramref name="weights"/> as its model.weights.h5.</summary>
    internal static string ArchiveWith(TempFolder dir, Model model, byte[] weights, string name = "hostile.keras")
    {
        model.save(dir.File("clean.keras"));
        var path = dir.File(name);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var entry in new[] { "metadata.json", "config.json" })
            {
                using var s = zip.CreateEntry(entry, CompressionLevel.NoCompression).Open();
                s.Write(ArchiveLayoutTests.Entry(dir.File("clean.keras"), entry));
            }
            using var w = zip.CreateEntry("model.weights.h5", CompressionLevel.NoCompression).Open();
            w.Write(weights);
        }
        return path;
    }

    /// <summary>load_weights and load_model of <paramref name="fixture"/> are both refused with an exception whose message has <paramref name="why"/>.</summary>
    static void BothRefused(string fixture, string why) => BothRefused<InvalidDataException>(fixture, why);

    static void BothRefused<T>(string fixture, string why) where T : Exception
    {
        var model = Model();
        var before = Weights(model);
        var e = Bounded.Refused<T>(() => model.load_weights(Fixture(fixture)));
        Assert.Contains(why, e.Message);
        Assert.Equal(before, Weights(model));

        using var dir = new TempFolder();
        var archive = ArchiveWith(dir, model, File.ReadAllBytes(Fixture(fixture)));
        var e2 = Bounded.Refused<T>(() => load_model(archive));
        Assert.Contains(why, e2.Message);
    }

    [Fact]
    public void ExternalRawStorage_IsRefused_BeforeReadingTheOtherFile()
    {
        // The kernel's bytes would come from /etc/passwd.
        BothRefused("external_storage.weights.h5", "keeps its bytes in external files");
    }

    [DllImport("libc", SetLastError = true)]
    static extern int mkfifo(string path, uint mode);

    [Fact]
    public void ExternalStorageOnAFifo_IsRefused_WithoutOpeningIt()
    {
        if (!OperatingSystem.IsLinux()) return;
        // The external file's name, as a FIFO wherever HDF5 would look for it: here and beside the file.
        var fifos = new[] { Path.GetFullPath("kerassharp-hostile-fifo"), Fixture("kerassharp-hostile-fifo") };
        foreach (var f in fifos) if (!File.Exists(f)) Assert.Equal(0, mkfifo(f, 0x180));
        try
        {
            BothRefused("external_fifo.weights.h5", "keeps its bytes in external files");
            BothRefused("external_link_dataset.weights.h5", "is an external link");
            // In h5py's default old-style groups the link lands in a converted group that the parent's cached symbol
            // table does not list (HDF5 and PureHDF alike): the kernel is simply missing, Keras's count error.
            BothRefused<ArgumentException>("external_link_old_style.weights.h5", "expected 2 variables, but received 1 variables");
        }
        finally
        {
            foreach (var f in fifos) File.Delete(f);
        }
    }

    [Fact]
    public void VirtualDataset_IsRefused()
    {
        BothRefused("virtual_dataset.weights.h5", "is a virtual dataset");
    }

    [Fact]
    public void ExternalLinks_AreRefused()
    {
        BothRefused("external_link_group.weights.h5", "'layers/dense/vars' in");
        BothRefused("external_link_dataset.weights.h5", "is an external link (to another file)");
    }

    [Fact]
    public void SoftLinksThatPointAtEachOther_AreRefused_WithoutOverflowingTheStack()
    {
        BothRefused("soft_link_ping_pong.weights.h5", "'layers/dense' in");
        BothRefused("soft_link_ping_pong.weights.h5", "is a soft link");
    }

    [Theory]
    [InlineData("soft_link_cycle.weights.h5")]
    [InlineData("hard_link_cycle.weights.h5")]
    [InlineData("unused_huge_group.weights.h5")]
    public void CyclesAndHugeDatasetsOutsideTheModelsPaths_AreNeverVisited_AndTheWeightsLoad(string fixture)
    {
        // /layers/loop links back to /layers (or a (20000, 20000) dataset sits in an unused group): only
        // layers/dense/vars is read, so the load is quick, small, and gives the file's kernel of 0.5 and zero bias.
        var model = Model();
        Assert.Null(Bounded.Run(() => model.load_weights(Fixture(fixture))));
        Assert.Equal(Enumerable.Repeat(0.5f, 12), Weights(model)[0]);
        Assert.Equal(new float[3], Weights(model)[1]);

        using var dir = new TempFolder();
        var archive = ArchiveWith(dir, model, File.ReadAllBytes(Fixture(fixture)));
        Model? loaded = null;
        Assert.Null(Bounded.Run(() => loaded = load_model(archive)));
        Assert.Equal(Enumerable.Repeat(0.5f, 12), Weights(loaded!)[0]);
    }

    [Fact]
    public void HugeDeclaredShape_IsRefusedFromItsHeader_BeforeAnyDataIsRead()
    {
        // 13 KB on disk declaring a (20000, 20000) kernel (1.6 GB): Keras's shape-mismatch error, no reading, small memory.
        Assert.True(new FileInfo(Fixture("huge_declared_shape.weights.h5")).Length < 20_000);
        var model = Model();
        var before = Weights(model);
        var e = Bounded.Refused<ArgumentException>(() => model.load_weights(Fixture("huge_declared_shape.weights.h5")), maxBytes: 16L << 20);
        Assert.Contains("variable.shape=(4, 3), Received: value.shape=(20000, 20000)", e.Message);
        Assert.Equal(before, Weights(model));
    }

    [Fact]
    public void AWeightsFileLargerThanTheModelCanNeed_IsRefusedBeforeReading()
    {
        using var dir = new TempFolder();
        var model = Model();
        var path = dir.File("big.weights.h5");
        using (var f = File.Create(path)) f.SetLength(200L << 20);   // sparse: 200 MB for a model of 15 weights
        var e = Bounded.Refused<InvalidDataException>(() => model.load_weights(path), maxBytes: 16L << 20);
        Assert.Contains("more than a weights file of this model can need", e.Message);
    }

    [Fact]
    public void AStackOfHostileFiles_LeavesTheModelUsable()
    {
        var model = Model();
        foreach (var f in new[] { "external_storage.weights.h5", "virtual_dataset.weights.h5", "soft_link_ping_pong.weights.h5", "huge_declared_shape.weights.h5" })
            Assert.NotNull(Bounded.Run(() => model.load_weights(Fixture(f))));
        var x = ones(2, 4);
        model.fit(x, zeros(2, 3), epochs: 1, verbose: 0);
        Assert.Equal(new long[] { 2, 3 }, model.predict(x, verbose: 0).shape);
    }
}
