using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using KerasSharp.Models;

namespace KerasSharp.Saving;

/// <summary>
/// Keras 3's <c>.keras</c> archive (Keras: <c>saving_lib.save_model</c> / <c>load_model</c>,
/// keras/src/saving/saving_lib.py): an uncompressed (ZIP_STORED) zip holding, in this order,
/// <list type="number">
/// <item><c>metadata.json</c>: <c>{"keras_version": "3.11.3", "date_saved": "%Y-%m-%d@%H:%M:%S"}</c>;</item>
/// <item><c>config.json</c>: <c>serialize_keras_object(model)</c> (see <see cref="Serialization"/>);</item>
/// <item><c>model.weights.h5</c>: the weights and optimizer variables (see <see cref="WeightsFile"/>).</item>
/// </list>
/// Nothing is written until the whole archive is built in memory, so a refused model leaves no file behind, and the
/// file is then replaced atomically (<see cref="AtomicFile"/>).
/// <para>The configs leave out keys that hold their default and that only recent Keras knows (Dense's
/// <c>quantization_config</c>, from 3.13; the initializers' <c>input_axes</c>/<c>output_axes</c>, from 3.15), because
/// older releases refuse unknown keyword arguments; so every Keras 3 release can read the file, and
/// <c>keras_version</c> names a released version whose files look the same (<see cref="KerasVersionWritten"/>).
/// Reading accepts files of older and newer Keras (those keys at their defaults).</para>
/// <para>Reading treats the archive as untrusted: duplicate entry names are refused (Python's zipfile would read the
/// last one, .NET the first), entries are capped both by their declared size and by what they actually inflate to
/// (<see cref="MaxConfigBytes"/>; the weights by what the model can need, <see cref="WeightsFile.MaxBytes"/>), and the
/// weights file is read through <see cref="H5Reader"/>.</para>
/// </summary>
internal static class ModelArchive
{
    internal const string MetadataEntry = "metadata.json";
    internal const string ConfigEntry = "config.json";

    /// <summary>
    /// The <c>keras_version</c> written to metadata.json: a released Keras whose archives for these models hold the same
    /// keys as ours (checked by loading our files in it: Fixtures/KerasRoundTrip).
    /// </summary>
    internal const string KerasVersionWritten = "3.11.3";

    /// <summary>The largest metadata.json or config.json read (a config of 60,000 layers is about 8 MB).</summary>
    internal const long MaxConfigBytes = 64L << 20;

    /// <summary>Keras's <c>model.save(filepath)</c>: <see cref="Capture"/>, then <see cref="ArchiveSnapshot.WriteTo"/>.</summary>
    internal static void Save(Model model, string filepath)
    {
        using var snapshot = Capture(model, filepath);
        snapshot.WriteTo(filepath);
    }

    /// <summary>
    /// The part of <c>model.save</c> that reads the model, on the calling (training) thread: the checks that refuse a
    /// model before any file is touched, the config and metadata text, and the weights and optimizer state copied to
    /// host arrays (<see cref="WeightsFile.Capture"/>). What it returns refers to nothing of the model, so the write
    /// can run later or on another thread and still produce the bytes a <c>model.save</c> at this instant writes.
    /// </summary>
    internal static ArchiveSnapshot Capture(Model model, string filepath)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        if (!filepath.EndsWith(".keras", StringComparison.Ordinal))
            throw new ArgumentException($"Invalid `filepath` argument: expected a `.keras` extension. Received: filepath={filepath}", nameof(filepath));
        Serialization.CheckRebuildable(model);
        if (!model.built)
            WeightsFile.Warn("You are saving a model that has not yet been built. It might not contain any weights yet. Consider building the model first by calling it on some data.");

        var now = DateTimeOffset.Now;
        var config = PythonJson.Dumps(Serialization.Model(model));
        var metadata = PythonJson.Dumps(new Dictionary<string, object?>
        {
            ["keras_version"] = KerasVersionWritten,
            ["date_saved"] = now.LocalDateTime.ToString("yyyy-MM-dd@HH:mm:ss", CultureInfo.InvariantCulture),
        });
        return new ArchiveSnapshot(metadata, config, WeightsFile.Capture(model), now);
    }

    /// <summary>Keras's <c>keras.models.load_model(filepath, compile)</c>.</summary>
    internal static Model Load(string filepath, bool compile, IReadOnlyDictionary<string, Type>? customObjects = null)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        if (!filepath.EndsWith(".keras", StringComparison.Ordinal))
            throw new ArgumentException($"Invalid filename: expected a `.keras` extension. Received: filepath={filepath}", nameof(filepath));
        BackgroundWriter.WaitFor(filepath); // a checkpoint being written in the background is read once complete
        if (!File.Exists(filepath))
            throw new FileNotFoundException($"No such file: '{filepath}'.", filepath);
        using var zip = OpenZip(filepath);
        var configText = ReadText(zip, ConfigEntry, filepath);
        object? config;
        try { config = PythonJson.Loads(configText); }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"config.json in '{filepath}' is not valid JSON: {e.Message}", e);
        }
        Model model;
        using (ObjectRegistration.Scope(customObjects))
            model = Serialization.DeserializeModel(config, compile, filepath);
        using var reader = H5Reader.Open(ReadWeightsBytes(zip, filepath, model), $"{filepath}/{WeightsFile.ArchiveEntry}");
        // Keras's compile_from_config builds the optimizer of a built model, so its saved variables load in full.
        WeightsFile.Load(model, reader, optimizerBuilt: model.built, filepath);
        return model;
    }

    /// <summary>The bytes of a .keras archive's weights file (for <c>load_weights</c> on an archive, as Keras allows).</summary>
    internal static byte[] ReadWeightsBytes(string filepath, Model model)
    {
        using var zip = OpenZip(filepath);
        return ReadWeightsBytes(zip, filepath, model);
    }

    static byte[] ReadWeightsBytes(ZipArchive zip, string filepath, Model model)
    {
        var entry = zip.GetEntry(WeightsFile.ArchiveEntry);
        if (entry is null)
        {
            if (zip.GetEntry("model.weights.npz") is not null)
                throw new NotSupportedException($"'{filepath}' stores its weights as model.weights.npz (weights_format=\"npz\"); KerasSharp reads the default model.weights.h5 only.");
            throw new InvalidDataException($"Expected a {WeightsFile.ArchiveEntry} file in '{filepath}'.");
        }
        return ReadEntry(entry, WeightsFile.MaxBytes(model), filepath);
    }

    /// <summary>
    /// An entry's bytes, refused with <see cref="InvalidDataException"/> when it declares more than
    /// <paramref name="maxBytes"/> or inflates to more than it declares (a zip bomb).
    /// </summary>
    static byte[] ReadEntry(ZipArchiveEntry entry, long maxBytes, string filepath)
    {
        long declared = entry.Length;
        if (declared > maxBytes)
            throw new InvalidDataException($"'{entry.FullName}' in '{filepath}' declares {declared} bytes, more than the {maxBytes} bytes KerasSharp reads for it.");
        var bytes = new byte[declared];
        using var s = entry.Open();
        int total = 0;
        while (total < bytes.Length)
        {
            int n = s.Read(bytes, total, bytes.Length - total);
            if (n == 0)
                throw new InvalidDataException($"'{entry.FullName}' in '{filepath}' ends after {total} of its declared {declared} bytes.");
            total += n;
        }
        Span<byte> probe = stackalloc byte[1];
        // .NET stops inflating at the declared size; the CRC-32 (over what the writer stored) tells a longer entry.
        if (s.Read(probe) != 0 || Crc32(bytes) != entry.Crc32)
            throw new InvalidDataException($"'{entry.FullName}' in '{filepath}' does not inflate to its declared {declared} bytes with its CRC-32 (a damaged or forged zip entry).");
        return bytes;
    }

    static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>The zip format's CRC-32 (IEEE 802.3, reflected, as Python's <c>zlib.crc32</c>).</summary>
    internal static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (var b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    static ZipArchive OpenZip(string filepath)
    {
        var stream = File.OpenRead(filepath);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new InvalidDataException($"'{filepath}' is not a valid .keras archive (a zip file): {e.Message}", e);
        }
        var duplicate = zip.Entries.GroupBy(e => e.FullName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            zip.Dispose();
            throw new InvalidDataException(
                $"'{filepath}' holds {duplicate.Count()} entries named '{duplicate.Key}'; refused, because readers disagree on which one counts (Python's zipfile reads the last, .NET the first).");
        }
        return zip;
    }

    static string ReadText(ZipArchive zip, string name, string filepath)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"There is no item named '{name}' in the archive '{filepath}'.");
        return Encoding.UTF8.GetString(ReadEntry(entry, MaxConfigBytes, filepath));
    }
}
