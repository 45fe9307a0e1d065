using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using KerasSharp.Build;
using TorchSharp;

namespace KerasSharp.Backend;

/// <summary>
/// The runtime half of KerasSharp's fix for TorchSharp's native library (the build-time half is KerasSharp.targets,
/// which only package consumers get). On Linux, when the libLibTorchSharp.so TorchSharp would load has a hard
/// requirement of GLIBCXX_3.4.32 and the process's libstdc++ lacks that version (Debian 12, Ubuntu 22.04), a fixed
/// copy is made once in a per-user cache (<see cref="NativeFallbackCache"/>) and loaded from there, with libtorch,
/// before TorchSharp initialises; TorchSharp's own lookup of "LibTorchSharp" then resolves to that copy.
/// It runs when KerasSharp's module is first used (a module initializer), again before KerasSharp's first TorchSharp
/// call, and from <c>keras.init()</c> for programs whose first statement is a TorchSharp call.
/// Set KERASSHARP_NATIVE_FALLBACK=0 to turn it off, KERASSHARP_NATIVE_FALLBACK_TRACE=1 to have it print what it did
/// and how long it took to standard error.
/// </summary>
internal static class NativeFallback
{
    static readonly object Gate = new();
    static bool _ran;
    static ExceptionDispatchInfo? _error;

    /// <summary>The cache folder the native libraries were loaded from, or null when no fix was needed.</summary>
    internal static string? Folder { get; private set; }

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "The native fix must precede TorchSharp's initialisation, which any KerasSharp call may trigger.")]
    internal static void OnModuleLoad()
    {
        try
        {
            Apply();
        }
        catch (InvalidOperationException)
        {
            // Kept and rethrown by Apply at KerasSharp's first TorchSharp call, where it can be reported.
        }
    }

    /// <summary>Applies the fix once per process; rethrows the first attempt's failure on every later call.</summary>
    internal static void Apply()
    {
        lock (Gate)
        {
            if (!_ran)
            {
                _ran = true;
                try
                {
                    Folder = Run();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException
                                              or DllNotFoundException or BadImageFormatException)
                {
                    _error = ExceptionDispatchInfo.Capture(new InvalidOperationException(
                        $"KerasSharp's runtime fix of TorchSharp's native library failed: {e.Message} "
                        + "Set KERASSHARP_NATIVE_FALLBACK=0 to turn it off.", e));
                }
                catch (InvalidOperationException e)
                {
                    _error = ExceptionDispatchInfo.Capture(e);
                }
            }
            _error?.Throw();
        }
    }

    static string? Run()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cpu = Environment.CpuUsage.TotalTime;
        if (!OperatingSystem.IsLinux()) return null;
        if (Environment.GetEnvironmentVariable("KERASSHARP_NATIVE_FALLBACK") is "0" or "false") return null;
        var torchAssembly = typeof(torch).Assembly;
        var libTorchSharp = FindLibTorchSharp(torchAssembly);
        if (libTorchSharp is null) return null;
        var image = File.ReadAllBytes(libTorchSharp);
        if (!HasHardRequirement(image) || ProcessRuntimeDefinesVersion()) return null;
        var checks = clock.Elapsed.TotalMilliseconds;
        var folder = NativeFallbackCache.Prepare(NativeFallbackCache.Root(), TorchSharpVersion(torchAssembly), libTorchSharp, image,
            LibTorchFolders(torchAssembly, libTorchSharp));
        var prepared = clock.Elapsed.TotalMilliseconds - checks;
        var prepareCpu = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        Load(folder, torchAssembly);
        if (Environment.GetEnvironmentVariable("KERASSHARP_NATIVE_FALLBACK_TRACE") is "1")
            Console.Error.WriteLine($"KerasSharp native fallback: {folder}: checks {checks:F1} ms, cache {prepared:F1} ms (CPU for both {prepareCpu:F1} ms), loading {clock.Elapsed.TotalMilliseconds - prepared - checks:F1} ms");
        return folder;
    }

    static string Rid => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    /// <summary>
    /// The libLibTorchSharp.so TorchSharp would load: the runtime's native search folders (the program's folder and
    /// its deps.json native folders), then beside TorchSharp.dll, then the NuGet-cache layout TorchSharp.dll sits in
    /// when a notebook or script referenced it from the cache (…/torchsharp/0.107.0/lib/net8.0/).
    /// </summary>
    internal static string? FindLibTorchSharp(Assembly torchAssembly)
    {
        foreach (var dir in CandidateFolders(torchAssembly))
        {
            var path = Path.Combine(dir, NativeFallbackCache.LibTorchSharp);
            if (File.Exists(path)) return Path.GetFullPath(path);
        }
        return null;
    }

    static IEnumerable<string> CandidateFolders(Assembly torchAssembly)
    {
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirs)
            foreach (var dir in searchDirs.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                yield return dir;
        var torchDir = Path.GetDirectoryName(torchAssembly.Location);
        foreach (var dir in new[] { torchDir, AppContext.BaseDirectory })
        {
            if (string.IsNullOrEmpty(dir)) continue;
            yield return dir;
            yield return Path.Combine(dir, "runtimes", Rid, "native");
        }
        if (!string.IsNullOrEmpty(torchDir))
            yield return Path.Combine(torchDir, "..", "..", "runtimes", Rid, "native");
    }

    /// <summary>True when the image needs libstdc++'s GLIBCXX_3.4.32 and that requirement is not weak.</summary>
    static bool HasHardRequirement(byte[] image)
    {
        try
        {
            return ElfVersionNeeds.ListNeeds(image).Any(n =>
                n.Item1 == NativeFallbackCache.Library && n.Item2 == NativeFallbackCache.Version && (n.Item3 & ElfVersionNeeds.VerFlgWeak) == 0);
        }
        catch (InvalidDataException)
        {
            return false; // not an image we understand: leave it to TorchSharp and TorchRuntime.Diagnose
        }
    }

    /// <summary>Whether the libstdc++ of this process (the one mapped, else the one the loader would find) has the version.</summary>
    static bool ProcessRuntimeDefinesVersion()
    {
        var path = MappedLibrary(NativeFallbackCache.Library) ?? SystemLibraries.Find(NativeFallbackCache.Library);
        if (path is null) return false;
        try
        {
            return ElfVersionNeeds.DefinesVersion(File.ReadAllBytes(path), NativeFallbackCache.Version);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>The path of a shared library mapped into this process (from /proc/self/maps), or null.</summary>
    internal static string? MappedLibrary(string fileName)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                int slash = line.IndexOf('/');
                if (slash < 0) continue;
                var path = line[slash..];
                if (path.EndsWith("/" + fileName, StringComparison.Ordinal) && File.Exists(path)) return path;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>
    /// Where libtorch's own files are when they are not beside libLibTorchSharp.so: a notebook or script that took
    /// TorchSharp from the NuGet cache (…/torchsharp/0.107.0/lib/net8.0/TorchSharp.dll), where libtorch is the
    /// libtorch-cpu-linux-x64 package (or libtorch-cuda-12.8-linux-x64's parts) of the version TorchSharp was built for.
    /// </summary>
    static IEnumerable<string> LibTorchFolders(Assembly torchAssembly, string libTorchSharp)
    {
        if (File.Exists(Path.Combine(Path.GetDirectoryName(libTorchSharp)!, "libtorch_cpu.so"))) yield break;
        var torchDir = Path.GetDirectoryName(torchAssembly.Location);
        if (string.IsNullOrEmpty(torchDir)) yield break;
        var packages = Path.GetFullPath(Path.Combine(torchDir, "..", "..", "..", ".."));
        var torchType = typeof(torch);
        var libtorchVersion = torchType.GetField("libtorchPackageVersion", BindingFlags.NonPublic | BindingFlags.Static)?.GetRawConstantValue() as string;
        var cudaVersion = torchType.GetField("cudaVersion", BindingFlags.NonPublic | BindingFlags.Static)?.GetRawConstantValue() as string;
        if (libtorchVersion is null || !Directory.Exists(packages)) yield break;
        if (libtorchVersion.EndsWith(".0", StringComparison.Ordinal) && libtorchVersion.Count(c => c == '.') == 3)
            libtorchVersion = libtorchVersion[..^2]; // NuGet's folder name drops a zero fourth part
        var patterns = new List<string> { $"libtorch-cpu-{Rid}" };
        if (cudaVersion is not null) patterns.Add($"libtorch-cuda-{cudaVersion}-{Rid}*");
        foreach (var pattern in patterns)
            foreach (var package in Directory.EnumerateDirectories(packages, pattern).Order(StringComparer.Ordinal))
            {
                var natives = Path.Combine(package, libtorchVersion, "runtimes", Rid, "native");
                if (Directory.Exists(natives)) yield return natives;
            }
    }

    static string TorchSharpVersion(Assembly torchAssembly)
    {
        var informational = torchAssembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational?.Split('+')[0] ?? torchAssembly.GetName().Version?.ToString() ?? "unknown";
    }

    /// <summary>
    /// Loads libtorch and the fixed libLibTorchSharp.so from the folder, and answers TorchSharp's own lookups of
    /// "LibTorchSharp", "torch_cpu" and "torch_cuda" (its first loading step) with the folder's files.
    /// </summary>
    static void Load(string folder, Assembly torchAssembly)
    {
        var libtorch = Path.Combine(folder, "libtorch_cpu.so");
        if (File.Exists(libtorch)) NativeLibrary.Load(libtorch);
        var handle = NativeLibrary.Load(Path.Combine(folder, NativeFallbackCache.LibTorchSharp));
        try
        {
            NativeLibrary.SetDllImportResolver(torchAssembly, (name, _, _) => name switch
            {
                "LibTorchSharp" or "libLibTorchSharp" or NativeFallbackCache.LibTorchSharp => handle,
                "torch_cpu" or "torch_cuda" when File.Exists(Path.Combine(folder, $"lib{name}.so")) =>
                    NativeLibrary.Load(Path.Combine(folder, $"lib{name}.so")),
                _ => IntPtr.Zero,
            });
        }
        catch (InvalidOperationException)
        {
            // The program set a resolver for TorchSharp already: the loader still finds the loaded copy by its soname.
        }
    }
}
