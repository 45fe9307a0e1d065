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
/// <item><c>metadata.json</c>: <c>{"keras_version": "3.16.0", "date_saved": "%Y-%m-%d@%H:%M:%S"}</c>;</item>
/// <item><c>config.json</c>: <c>serialize_keras_object(model)</c> (see <see cref="Serialization"/>);</item>
/// <item><c>model.weights.h5</c>: the weights and optimizer variables (see <see cref="WeightsFile"/>).</item>
/// </list>
/// Nothing is written until the whole archive is built in memory, so a refused model leaves no file behind.
/// </summary>
internal static class ModelArchive
{
    internal const string MetadataEntry = "metadata.json";
    internal const string ConfigEntry = "config.json";

    /// <summary>Keras's <c>model.save(filepath)</c>.</summary>
    internal static void Save(Model model, string filepath)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        if (!filepath.EndsWith(".keras", StringComparison.Ordinal))
            throw new ArgumentException($"Invalid `filepath` argument: expected a `.keras` extension. Received: filepath={filepath}", nameof(filepath));
        Serialization.CheckRebuildable(model);
        if (!model.built)
            WeightsFile.Warn("You are saving a model that has not yet been built. It might not contain any weights yet. Consider building the model first by calling it on some data.");

        var config = PythonJson.Dumps(Serialization.Model(model));
        var metadata = PythonJson.Dumps(new Dictionary<string, object?>
        {
            ["keras_version"] = keras.__version__,
            ["date_saved"] = DateTime.Now.ToString("yyyy-MM-dd@HH:mm:ss", CultureInfo.InvariantCulture),
        });
        var weights = WeightsFile.Write(model);

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddEntry(zip, MetadataEntry, Encoding.UTF8.GetBytes(metadata));
            AddEntry(zip, ConfigEntry, Encoding.UTF8.GetBytes(config));
            AddEntry(zip, WeightsFile.ArchiveEntry, weights);
        }
        File.WriteAllBytes(filepath, buffer.ToArray());
    }

    static void AddEntry(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.NoCompression); // stored, as Python's zipfile.ZipFile(f, "w")
        using var s = entry.Open();
        s.Write(content);
    }

    /// <summary>Keras's <c>keras.models.load_model(filepath, compile)</c>.</summary>
    internal static Model Load(string filepath, bool compile, IReadOnlyDictionary<string, Type>? customObjects = null)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        if (!filepath.EndsWith(".keras", StringComparison.Ordinal))
            throw new ArgumentException($"Invalid filename: expected a `.keras` extension. Received: filepath={filepath}", nameof(filepath));
        if (!File.Exists(filepath))
            throw new FileNotFoundException($"No such file: '{filepath}'.", filepath);
        using var zip = OpenZip(filepath);
        var configText = ReadText(zip, ConfigEntry, filepath);
        object? config;
        try { config = PythonJson.Loads(configText); }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"config.json in '{filepath}' is not valid JSON: {e.Message}", e);
        }
        Model model;
        using (ObjectRegistration.Scope(customObjects))
            model = Serialization.DeserializeModel(config, compile, filepath);
        var store = ReadWeights(zip, filepath);
        // Keras's compile_from_config builds the optimizer of a built model, so its saved variables load in full.
        WeightsFile.Load(model, store, optimizerBuilt: model.built, filepath);
        return model;
    }

    /// <summary>The weights of a .keras archive (for <c>load_weights</c> on an archive, as Keras allows).</summary>
    internal static Dictionary<string, Dictionary<string, StoredArray>> ReadWeights(string filepath)
    {
        using var zip = OpenZip(filepath);
        return ReadWeights(zip, filepath);
    }

    static Dictionary<string, Dictionary<string, StoredArray>> ReadWeights(ZipArchive zip, string filepath)
    {
        var entry = zip.GetEntry(WeightsFile.ArchiveEntry);
        if (entry is null)
        {
            if (zip.GetEntry("model.weights.npz") is not null)
                throw new NotSupportedException($"'{filepath}' stores its weights as model.weights.npz (weights_format=\"npz\"); KerasSharp reads the default model.weights.h5 only.");
            throw new InvalidDataException($"Expected a {WeightsFile.ArchiveEntry} file in '{filepath}'.");
        }
        using var memory = new MemoryStream();
        using (var s = entry.Open()) s.CopyTo(memory);
        memory.Position = 0;
        return WeightsFile.Read(memory, $"{filepath}/{WeightsFile.ArchiveEntry}");
    }

    static ZipArchive OpenZip(string filepath)
    {
        var stream = File.OpenRead(filepath);
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new InvalidDataException($"'{filepath}' is not a valid .keras archive (a zip file): {e.Message}", e);
        }
    }

    static string ReadText(ZipArchive zip, string name, string filepath)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"There is no item named '{name}' in the archive '{filepath}'.");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
