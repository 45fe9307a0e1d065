using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using PureHDF;

namespace KerasSharp.Saving;

/// <summary>
/// A <c>.keras</c> archive captured from a model (<see cref="ModelArchive.Capture"/>) and not yet written: the
/// metadata and config text, the weights tree with its values in host arrays, and the instant of the capture. Writing
/// needs no model access, so <c>ModelCheckpoint</c> can do it off the training thread; the bytes are those
/// <c>model.save</c> writes at the instant of the capture (the zip entries carry that instant as their time too).
/// </summary>
internal sealed class ArchiveSnapshot(string metadata, string config, H5File weights, DateTimeOffset captured)
{
    /// <summary>The archive's bytes: the HDF5 weights file, then the zip of the three entries (any thread).</summary>
    internal MemoryStream Encode()
    {
        var h5 = WeightsFile.Encode(weights);
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddEntry(zip, ModelArchive.MetadataEntry, Encoding.UTF8.GetBytes(metadata));
            AddEntry(zip, ModelArchive.ConfigEntry, Encoding.UTF8.GetBytes(config));
            AddEntry(zip, WeightsFile.ArchiveEntry, h5);
        }
        return buffer;
    }

    /// <summary>Encodes the archive and replaces <paramref name="filepath"/> with it atomically (<see cref="AtomicFile"/>).</summary>
    internal void WriteTo(string filepath)
    {
        using var buffer = Encode();
        AtomicFile.WriteAllBytes(filepath, buffer.GetBuffer().AsSpan(0, (int)buffer.Length)); // no copy of the archive
    }

    void AddEntry(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.NoCompression); // stored, as Python's zipfile.ZipFile(f, "w")
        entry.LastWriteTime = captured;
        using var s = entry.Open();
        s.Write(content);
    }
}
