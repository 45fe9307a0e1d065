using System;
using System.IO;

namespace KerasSharp.Saving;

/// <summary>
/// Replaces a file as a whole or not at all (what <c>model.save</c> and <c>save_weights</c> need; Keras writes in
/// place): the bytes go to a new temporary file in the same folder, are flushed to disk, and the temporary file is then
/// renamed over the target, which the file system does atomically. A save that fails (no space left, a crash) leaves
/// the old file intact, and two threads saving to one path leave one complete file, the last renamed.
/// </summary>
internal static class AtomicFile
{
    internal static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
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
}
