using System;
using System.IO;
using System.Runtime.InteropServices;
using TorchSharp;

namespace KerasSharp.Backend;

/// <summary>
/// Makes sure TorchSharp's native backend is loaded before KerasSharp touches it, and when it cannot be loaded,
/// reports the real cause. TorchSharp's own message blames a missing package even when the package is there and
/// the loader refused the library (for example because the machine's C++ runtime is too old).
/// </summary>
internal static class TorchRuntime
{
    static volatile bool _loaded;
    static readonly object Gate = new();

    /// <summary>Loads TorchSharp's native backend once; throws <see cref="InvalidOperationException"/> with the cause.</summary>
    internal static void EnsureLoaded()
    {
        if (_loaded) return;
        lock (Gate)
        {
            if (_loaded) return;
            NativeFallback.Apply();
            try
            {
                // Any call that runs torch's static initialiser loads the native backend.
                _ = torch.get_num_threads();
                _loaded = true;
            }
            catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException)
            {
                throw new InvalidOperationException(Diagnose(), e);
            }
        }
    }

    /// <summary>A module name for TorchSharp's constructor that first makes sure the backend is loaded.</summary>
    internal static string ModuleName(string name)
    {
        EnsureLoaded();
        return name;
    }

    /// <summary>Explains why libLibTorchSharp could not be loaded, asking the dynamic loader itself.</summary>
    internal static string Diagnose() => Diagnose(AppContext.BaseDirectory);

    /// <summary>Explains why libLibTorchSharp in <paramref name="baseDir"/> (or its runtimes folder) could not be loaded.</summary>
    internal static string Diagnose(string baseDir)
    {
        var library = OperatingSystem.IsWindows() ? "LibTorchSharp.dll"
            : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so";
        var rid = RuntimeInformation.RuntimeIdentifier;
        string[] candidates =
        {
            Path.Combine(baseDir, library),
            Path.Combine(baseDir, "runtimes", rid, "native", library),
            Path.Combine(baseDir, "runtimes", OperatingSystem.IsWindows() ? "win-x64" : OperatingSystem.IsMacOS() ? "osx-arm64" : "linux-x64", "native", library),
        };
        foreach (var path in candidates)
        {
            if (!File.Exists(path)) continue;
            try
            {
                NativeLibrary.Free(NativeLibrary.Load(path));
                return $"TorchSharp's native backend failed to initialise although {path} loads; see the inner exception.";
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                var cause = e.Message;
                var advice = cause.Contains("GLIBCXX_", StringComparison.Ordinal) || cause.Contains("CXXABI_", StringComparison.Ordinal)
                    ? " The machine's C++ runtime (libstdc++) is older than the one TorchSharp was built with. KerasSharp fixes this "
                      + "by itself: at build time for programs that reference the KerasSharp package (target KerasSharpPatchNativeLibraries, "
                      + "unless KerasSharpPatchNativeLibraries=false), and at run time from a fixed copy in $XDG_CACHE_HOME/kerassharp/native "
                      + "(unless KERASSHARP_NATIVE_FALLBACK=0). If the program's first statement is a TorchSharp call, call keras.init() "
                      + "before it; otherwise install a newer libstdc++ (GCC 13 or later)."
                    : " Check that the native packages for this platform are complete (TorchSharp-cpu, or TorchSharp-cuda-linux / TorchSharp-cuda-windows).";
                return $"TorchSharp's native library {path} could not be loaded: {cause}.{advice}";
            }
        }
        return $"TorchSharp's native library {library} was not found next to the program ({baseDir}). "
            + "Reference a native TorchSharp package in the program: TorchSharp-cpu, or TorchSharp-cuda-linux / TorchSharp-cuda-windows for CUDA.";
    }
}
