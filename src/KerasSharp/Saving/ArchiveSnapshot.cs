using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace KerasSharp.Saving;

/// <summary>
/// A <c>.keras</c> archive captured from a model (<see cref="ModelArchive.Capture"/>) and not yet written: the
/// metadata and config text, the weights tree with its values in host arrays, and the instant of the capture. Writing
/// needs no model access, so <c>ModelCheckpoint</c> can do it off the training thread; the bytes are those
/// <c>model.save</c> writes at the instant of the capture (the zip entries carry that instant as their time too).
/// </summary>
internal sealed class ArchiveSnapshot(string metadata, string config, WeightsFile.Captured weights, DateTimeOffset captured) : IDisposable
{
    /// <summary>
    /// Replaces <paramref name="filepath"/> atomically (<see cref="AtomicFile"/>) with the archive: the HDF5 weights are
    /// encoded into one pooled buffer of their size, and the zip is written straight into the file (any thread).
    /// </summary>
    internal void WriteTo(string filepath) => AtomicFile.Write(filepath, WriteZip);

    /// <summary>Gives the captured weights' pooled arrays back (<see cref="WeightsFile.Captured.Dispose"/>).</summary>
    public void Dispose() => weights.Dispose();

    void WriteZip(Stream target) => WeightsFile.WithImage(weights, h5 =>
    {
        using var zip = new ZipArchive(target, ZipArchiveMode.Create, leaveOpen: true);
        AddEntry(zip, ModelArchive.MetadataEntry, Encoding.UTF8.GetBytes(metadata));
        AddEntry(zip, ModelArchive.ConfigEntry, Encoding.UTF8.GetBytes(config));
        AddEntry(zip, WeightsFile.ArchiveEntry, h5);
    });

    void AddEntry(ZipArchive zip, string name, ReadOnlySpan<byte> content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.NoCompression); // stored, as Python's zipfile.ZipFile(f, "w")
        entry.LastWriteTime = captured;
        using var s = entry.Open();
        s.Write(content);
    }
}
