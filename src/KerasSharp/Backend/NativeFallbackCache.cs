using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using KerasSharp.Build;

namespace KerasSharp.Backend;

/// <summary>
/// The per-user folder of the runtime fallback (<see cref="NativeFallback"/>): one consolidated native folder per
/// TorchSharp version and set of native files, holding a copy of libLibTorchSharp.so with the GLIBCXX_3.4.32
/// requirement marked weak and, beside it, symbolic links to every other native file TorchSharp would load (libtorch,
/// libc10, ...). The links keep the loader's identity of those files (same inode), so TorchSharp's own later loads from
/// the program's folder or the NuGet cache map onto the libraries already loaded rather than a second libtorch.
/// The folder is built under a temporary name and renamed into place, so concurrent processes never see it half-made;
/// the sources are only read.
/// </summary>
internal static class NativeFallbackCache
{
    internal const string Library = "libstdc++.so.6";
    internal const string Version = "GLIBCXX_3.4.32";
    internal const string LibTorchSharp = "libLibTorchSharp.so";

    /// <summary>
    /// The cache root: <c>$XDG_CACHE_HOME/kerassharp/native</c>, or <c>~/.cache/kerassharp/native</c> when
    /// XDG_CACHE_HOME is unset or relative (as the XDG base-directory specification says).
    /// </summary>
    internal static string Root() => Root(Environment.GetEnvironmentVariable("XDG_CACHE_HOME"),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary><see cref="Root()"/> for the given XDG_CACHE_HOME value and home folder.</summary>
    internal static string Root(string? xdgCacheHome, string home)
    {
        var baseDir = !string.IsNullOrEmpty(xdgCacheHome) && Path.IsPathRooted(xdgCacheHome)
            ? xdgCacheHome
            : Path.Combine(home, ".cache");
        return Path.Combine(baseDir, "kerassharp", "native");
    }

    /// <summary>
    /// The folder's name: the TorchSharp version, the SHA-256 of the original libLibTorchSharp.so, and a hash of the
    /// other files' paths, sizes and modification times (hashing libtorch_cpu.so's 460 MB on every start would cost
    /// more than the whole fallback may).
    /// </summary>
    internal static string Key(string torchSharpVersion, byte[] libTorchSharpImage, IReadOnlyList<string> others)
    {
        var libraryHash = Convert.ToHexStringLower(SHA256.HashData(libTorchSharpImage))[..16];
        var listing = new StringBuilder();
        foreach (var path in others)
        {
            var info = new FileInfo(path);
            listing.Append(path).Append('\0').Append(info.Length).Append('\0').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }
        var othersHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing.ToString())))[..8];
        var version = new string(torchSharpVersion.Select(c => char.IsLetterOrDigit(c) || c == '.' ? c : '_').ToArray());
        return $"torchsharp-{version}-{libraryHash}-{othersHash}";
    }

    /// <summary>
    /// Returns the consolidated folder for <paramref name="libTorchSharp"/> and the native files of
    /// <paramref name="nativeDirs"/>, building it under <paramref name="root"/> when it does not exist yet
    /// (<paramref name="image"/>: the file's bytes, when the caller has read them already).
    /// Throws <see cref="InvalidOperationException"/> naming XDG_CACHE_HOME when the root cannot be written.
    /// </summary>
    internal static string Prepare(string root, string torchSharpVersion, string libTorchSharp, byte[]? image, IEnumerable<string> nativeDirs)
    {
        image ??= File.ReadAllBytes(libTorchSharp);
        var others = OtherNativeFiles(libTorchSharp, nativeDirs);
        var final = Path.Combine(root, Key(torchSharpVersion, image, others));
        if (IsComplete(final, others)) return final;

        string temp = Path.Combine(root, $".{Path.GetFileName(final)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(root, e);
        }
        try
        {
            foreach (var path in others)
                File.CreateSymbolicLink(Path.Combine(temp, Path.GetFileName(path)), path);
            var result = ElfVersionNeeds.PatchFile(libTorchSharp, Path.Combine(temp, LibTorchSharp), Library, Version);
            if (result != ElfPatchResult.Patched)
                throw new InvalidOperationException($"{libTorchSharp} has no hard {Library} {Version} requirement to mark weak ({result}).");
            if (Directory.Exists(final))
            {
                if (IsComplete(final, others)) return final; // another process finished first
                Directory.Delete(final, recursive: true); // incomplete: a source it linked to is gone
            }
            try
            {
                Directory.Move(temp, final);
            }
            catch (IOException) when (IsComplete(final, others))
            {
                // Another process renamed its own copy into place first: use that one.
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(root, e);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
        return final;
    }

    /// <summary>Every native file of the folders (first one of a name wins), except libLibTorchSharp.so itself.</summary>
    static List<string> OtherNativeFiles(string libTorchSharp, IEnumerable<string> nativeDirs)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dir in new[] { Path.GetDirectoryName(libTorchSharp)! }.Concat(nativeDirs))
        {
            if (!Directory.Exists(dir)) continue;
            foreach (var path in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                if (name == LibTorchSharp || !IsNativeLibrary(name)) continue;
                byName.TryAdd(name, Path.GetFullPath(path));
            }
        }
        return byName.Values.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A shared library by its name: <c>lib*.so</c> or <c>lib*.so.N...</c>.</summary>
    static bool IsNativeLibrary(string name) => name.EndsWith(".so", StringComparison.Ordinal) || name.Contains(".so.", StringComparison.Ordinal);

    /// <summary>The folder exists with its patched library and every link still resolving.</summary>
    static bool IsComplete(string folder, IReadOnlyList<string> others)
    {
        if (!File.Exists(Path.Combine(folder, LibTorchSharp))) return false;
        foreach (var path in others)
        {
            // File.Exists is true for a dangling link, so the link's target is asked too.
            var link = new FileInfo(Path.Combine(folder, Path.GetFileName(path)));
            if (!link.Exists || link.LinkTarget != path || !File.Exists(path)) return false;
        }
        return true;
    }

    static InvalidOperationException Unwritable(string root, Exception e) => new(
        $"KerasSharp could not write its native-library cache {root}: {e.Message} "
        + $"This machine's C++ runtime lacks {Version}, which TorchSharp's {LibTorchSharp} asks for, so KerasSharp keeps a "
        + "fixed copy of that library in a per-user cache. Set XDG_CACHE_HOME to a writable folder (the copy goes to "
        + "$XDG_CACHE_HOME/kerassharp/native), or reference the KerasSharp NuGet package, whose build fixes the program's "
        + "own copy instead.", e);
}
