using System.Text;
using PureHDF;
using KerasSharp.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.utils;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// model.save in two halves (what ModelCheckpoint runs on two threads): a capture that copies what the file needs, and a
/// write that no longer reads the model. What the capture took is what gets written, whatever the model does meanwhile.
/// </summary>
public sealed class SaveCaptureTests : TorchTest
{
    /// <summary>A captured tree's HDF5 image through a plain growing memory stream (the path WithImage falls back to).</summary>
    internal static byte[] Encoded(WeightsFile.Captured captured)
    {
        using var stream = new MemoryStream();
        WeightsFile.EncodeTo(captured, stream);
        return stream.ToArray();
    }

    static (KerasSharp.Models.Sequential model, Tensor x, Tensor y) Trained()
    {
        manual_seed(3);
        var model = Sequential([InputLayer(shape: [4]), Dense(8, activation: "relu"), Dense(3, activation: "softmax")]);
        model.compile(loss: "categorical_crossentropy", optimizer: "adam");
        var g = new Generator(5);
        var x = randn(new long[] { 12, 4 }, generator: g);
        var y = to_categorical(x.narrow(1, 0, 3).argmax(1), 3);
        model.fit(x, y, epochs: 1, batch_size: 4, verbose: 0);
        return (model, x, y);
    }

    [Fact]
    public void A_captured_archive_writes_the_state_of_its_capture_after_the_model_trained_on()
    {
        using var dir = new TempFolder();
        var (model, x, y) = Trained();
        model.save(dir.File("then.keras"));
        var snapshot = ModelArchive.Capture(model, dir.File("later.keras"));

        model.fit(x, y, epochs: 2, batch_size: 4, verbose: 0);   // weights, slots and iteration all move on
        model.optimizer!.learning_rate = 0.25;
        model.layers[0].trainable = false;
        snapshot.WriteTo(dir.File("later.keras"));

        ArchiveFiles.AssertSameState(dir.File("then.keras"), dir.File("later.keras"));
        model.save(dir.File("now.keras"));
        Assert.NotEqual(ArchiveFiles.Entries(dir.File("then.keras"))["model.weights.h5"], ArchiveFiles.Entries(dir.File("now.keras"))["model.weights.h5"]);
        Assert.Contains("\"learning_rate\": 0.25", Encoding.UTF8.GetString(ArchiveFiles.Entries(dir.File("now.keras"))["config.json"]));
    }

    [Fact]
    public void A_captured_weights_file_encodes_to_the_bytes_save_weights_wrote_at_the_capture()
    {
        using var dir = new TempFolder();
        var (model, x, y) = Trained();
        model.save_weights(dir.File("then.weights.h5"));
        var tree = WeightsFile.Capture(model);
        model.set_weights(model.get_weights().Select(w => zeros_like(w)).ToList());
        model.fit(x, y, epochs: 1, batch_size: 4, verbose: 0);
        Assert.Equal(File.ReadAllBytes(dir.File("then.weights.h5")), Encoded(tree));
    }

    [Fact]
    public void A_capture_refuses_what_save_refuses_before_touching_any_file()
    {
        using var dir = new TempFolder();
        var (model, _, _) = Trained();
        Assert.Throws<ArgumentException>(() => ModelArchive.Capture(model, dir.File("m.h5")));
        Assert.Empty(Directory.GetFileSystemEntries(dir.path));
    }

    [Theory]
    [InlineData(255, 'w')]   // the longest ASCII name the file system takes
    [InlineData(255, 'é')]   // 2 bytes each in UTF-8: the cut must not split one
    public void A_target_whose_name_fits_is_saved_although_its_temporary_name_would_be_longer(int length, char c)
    {
        using var dir = new TempFolder();
        var (model, _, _) = Trained();
        const string ext = ".weights.h5";
        var name = new string(c, (length - ext.Length) / Encoding.UTF8.GetByteCount(c.ToString())) + ext;
        Assert.True(Encoding.UTF8.GetByteCount(name) <= 255);
        var path = dir.File(name);
        model.save_weights(path);
        model.load_weights(path);
        Assert.Equal([name], Directory.GetFiles(dir.path).Select(Path.GetFileName));
        Assert.True(Encoding.UTF8.GetByteCount(AtomicFile.TempName(name)) <= 255);
        Assert.StartsWith("." + name[..10], AtomicFile.TempName(name));
    }

    [Fact]
    public void A_capture_copies_each_value_in_its_logical_order_whatever_its_layout_and_dtype()
    {
        using var captured = new WeightsFile.Captured();
        var m = arange(6, ScalarType.Float32).reshape(2, 3);
        captured.Tree["t"] = captured.Add(m.t());                             // a transposed view: not contiguous
        captured.Tree["d"] = captured.Add(m.to_type(ScalarType.Float64));     // stored as float32, as Keras's numpy()
        captured.Tree["i"] = captured.Add(tensor(7, ScalarType.Int32));       // a counter stays int32
        m.fill_(-1);                                                           // the capture is a copy
        using var file = H5File.Open(new MemoryStream(Encoded(captured)));
        Assert.Equal([0f, 3, 1, 4, 2, 5], file.Dataset("t").Read<float[]>());
        Assert.Equal(new ulong[] { 3, 2 }, file.Dataset("t").Space.Dimensions);
        Assert.Equal([0f, 1, 2, 3, 4, 5], file.Dataset("d").Read<float[]>());
        Assert.Equal(7, file.Dataset("i").Read<int>());
        Assert.Equal(4 * (6 + 6 + 1), captured.DataBytes);
    }

    [Fact]
    public void An_image_larger_than_its_estimate_is_encoded_again_into_a_growing_buffer_with_the_same_bytes()
    {
        var (model, _, _) = Trained();
        using var captured = WeightsFile.Capture(model);
        var expected = Encoded(captured);
        byte[]? tooSmall = null, estimated = null;
        WeightsFile.WithImage(captured, image => tooSmall = image.ToArray(), estimateForTests: 100);
        WeightsFile.WithImage(captured, image => estimated = image.ToArray());
        Assert.Equal(expected, tooSmall);
        Assert.Equal(expected, estimated);
    }

    [Fact]
    public void A_disposed_capture_gives_its_arrays_back_and_refuses_to_encode()
    {
        var (model, _, _) = Trained();
        var captured = WeightsFile.Capture(model);
        captured.Dispose();
        captured.Dispose(); // once only
        Assert.Throws<ObjectDisposedException>(() => Encoded(captured));
    }

    [Fact]
    public void Saving_again_reuses_pooled_memory_instead_of_allocating_the_weights_again()
    {
        // A checkpoint per epoch used to allocate several times the weights' size per save on the large-object heap (a
        // blocking gen-2 collection every save or two); the values and the HDF5 image now live in pooled arrays.
        using var dir = new TempFolder();
        manual_seed(4);
        var model = Sequential([InputLayer(shape: [4]), Dense(512, activation: "relu"), Dense(512, activation: "relu"), Dense(3, activation: "softmax")]);
        model.compile(loss: "categorical_crossentropy", optimizer: "adam");
        var x = randn(8, 4);
        model.fit(x, to_categorical(randint(0, 3, [8]), 3), epochs: 1, verbose: 0);
        var path = dir.File("m.keras");
        model.save(path);
        long before = GC.GetAllocatedBytesForCurrentThread();
        model.save(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long file = new FileInfo(path).Length;   // about 3 x 4 x 266k weights (values, Adam's two slots)
        Assert.True(file > 3_000_000, $"file {file}");
        Assert.True(allocated < file / 4, $"a second save allocated {allocated} bytes for a {file}-byte file");
        Assert.Equal(model.predict(x, verbose: 0).data<float>().ToArray(), load_model(path).predict(x, verbose: 0).data<float>().ToArray());
    }
}
