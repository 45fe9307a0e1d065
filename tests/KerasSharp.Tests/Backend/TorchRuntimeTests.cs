using KerasSharp.Backend;
using KerasSharp.Build;
using Xunit;

namespace KerasSharp.Tests.Backend;

/// <summary>When TorchSharp's native library cannot be loaded, KerasSharp says why (the loader's own reason) and how to fix it.</summary>
[Collection(TorchStateCollection.Name)]
public sealed class TorchRuntimeTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("kerassharp-native-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void MissingLibrary_NamesThePackagesToReference()
    {
        var message = TorchRuntime.Diagnose(_dir);
        Assert.Contains("libLibTorchSharp.so was not found", message);
        Assert.Contains("TorchSharp-cpu", message);
        Assert.Contains("TorchSharp-cuda-linux", message);
    }

    [Fact]
    public void UnloadableLibrary_ReportsTheLoadersReason()
    {
        File.WriteAllText(Path.Combine(_dir, "libLibTorchSharp.so"), "not an ELF file");
        var message = TorchRuntime.Diagnose(_dir);
        Assert.Contains("could not be loaded", message);
        Assert.Contains(_dir, message);
    }

    /// <summary>The unpatched library from the NuGet cache, where this machine's libstdc++ lacks GLIBCXX_3.4.32 (Debian 12).</summary>
    [OldLibstdcxxFact]
    public void UnpatchedTorchSharp_OnAnOldCxxRuntime_BlamesTheCxxRuntime_NotAMissingPackage()
    {
        File.Copy(OldLibstdcxxFactAttribute.UnpatchedLibrary!, Path.Combine(_dir, "libLibTorchSharp.so"));
        var message = TorchRuntime.Diagnose(_dir);
        Assert.Contains("GLIBCXX_3.4.32", message);
        Assert.Contains("libstdc++", message);
        Assert.Contains("KerasSharpPatchNativeLibraries", message);
        Assert.DoesNotContain("was not found", message);
    }

    [Fact]
    public void TheBuildPatchedThisTestProgramsCopy()
    {
        // Whatever the machine, the library next to this test program loads (it was patched when needed).
        var message = TorchRuntime.Diagnose(AppContext.BaseDirectory);
        Assert.Contains("although", message);
        TorchRuntime.EnsureLoaded();
    }
}

/// <summary>Runs only where the machine's libstdc++ lacks GLIBCXX_3.4.32 and the unpatched TorchSharp library is in the NuGet cache.</summary>
public sealed class OldLibstdcxxFactAttribute : FactAttribute
{
    internal static readonly string? UnpatchedLibrary = FindUnpatched();

    public OldLibstdcxxFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "Linux only.";
        else if (UnpatchedLibrary is null) Skip = "TorchSharp 0.107.0's native library is not in the NuGet cache.";
        else
        {
            var system = SystemLibraries.Find("libstdc++.so.6");
            if (system is null || ElfVersionNeeds.DefinesVersion(File.ReadAllBytes(system), "GLIBCXX_3.4.32"))
                Skip = "This machine's libstdc++ defines GLIBCXX_3.4.32: TorchSharp loads unpatched here.";
        }
    }

    static string? FindUnpatched()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        return File.Exists(path) ? path : null;
    }
}
