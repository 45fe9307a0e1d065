using System;
using System.IO;
using System.Text;

namespace KerasSharp.Saving;

/// <summary>
/// Replaces a file as a whole or not at all (what <c>model.save</c> and <c>save_weights</c> need; Keras writes in
/// place): the bytes go to a new temporary file in the same folder, are flushed to disk, and the temporary file is then
/// renamed over the target, which the file system does atomically. A save that fails (no space left, a crash) leaves
/// the old file intact, and two threads saving to one path leave one complete file, the last renamed.
/// </summary>
internal static class AtomicFile
{
    /// <summary>
    /// Lets <paramref name="write"/> fill the temporary file (a seekable stream, so an encoder writes straight into it
    /// without a buffer of the whole file), then renames it over <paramref name="path"/>.
    /// </summary>
    internal static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(folder, TempName(Path.GetFileName(full)));
        try
        {
            // ReadWrite: PureHDF's writer refuses a stream it cannot read back.
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>
    /// ".name.&lt;32 hex digits&gt;.tmp", the name cut (at a character boundary) so that the whole stays within 255 UTF-8
    /// bytes, the usual file-name limit: a target whose own name fits is never refused for its temporary's.
    /// </summary>
    internal static string TempName(string name)
    {
        const int Limit = 255 - (1 + 1 + 32 + 4);
        int keep = name.Length;
        while (keep > 0 && Encoding.UTF8.GetByteCount(name.AsSpan(0, keep)) > Limit) keep--;
        if (keep > 0 && keep < name.Length && char.IsHighSurrogate(name[keep - 1])) keep--;
        return $".{name[..keep]}.{Guid.NewGuid():N}.tmp";
    }
}
