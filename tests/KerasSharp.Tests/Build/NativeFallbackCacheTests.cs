using KerasSharp.Backend;
using KerasSharp.Build;
using Xunit;

namespace KerasSharp.Tests.Build;

/// <summary>
/// The per-user folder of the runtime fallback (src/KerasSharp/Backend/NativeFallbackCache.cs), on a fake native
/// folder: a small ELF image standing for libLibTorchSharp.so (made by <see cref="TinyElf"/>, it needs
/// libstdc++.so.6 GLIBCXX_3.4.32) beside two plain files standing for libtorch.
/// </summary>
public sealed class NativeFallbackCacheTests : IDisposable
{
    const string Lib = "libstdc++.so.6", Ver = "GLIBCXX_3.4.32";
    readonly string _dir = Directory.CreateTempSubdirectory("kerassharp-fallback-").FullName;
    readonly string _natives, _root, _libTorchSharp;
    readonly byte[] _original;

    public NativeFallbackCacheTests()
    {
        _natives = Directory.CreateDirectory(Path.Combine(_dir, "runtimes", "linux-x64", "native")).FullName;
        _root = Path.Combine(_dir, "cache", "kerassharp", "native");
        _libTorchSharp = Path.Combine(_natives, "libLibTorchSharp.so");
        _original = new TinyElf().Build();
        File.WriteAllBytes(_libTorchSharp, _original);
        File.WriteAllText(Path.Combine(_natives, "libtorch_cpu.so"), "libtorch");
        File.WriteAllText(Path.Combine(_natives, "libgomp-98b21ff3.so.1"), "gomp");
        File.WriteAllText(Path.Combine(_natives, "README.txt"), "not a library");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string Prepare(string? root = null) => NativeFallbackCache.Prepare(root ?? _root, "0.107.0", _libTorchSharp, null, []);

    static ushort Flags(byte[] image) =>
        ElfVersionNeeds.ListNeeds(image).Single(n => n.Item1 == Lib && n.Item2 == Ver).Item3;

    [Fact]
    public void Prepare_WritesAWeakCopyAndLinksTheOtherLibraries_SourcesUntouched()
    {
        var folder = Prepare();

        Assert.StartsWith(_root + Path.DirectorySeparatorChar + "torchsharp-0.107.0-", folder);
        var copy = File.ReadAllBytes(Path.Combine(folder, "libLibTorchSharp.so"));
        Assert.Equal(0, Flags(_original));
        Assert.Equal(ElfVersionNeeds.VerFlgWeak, Flags(copy));
        Assert.Null(new FileInfo(Path.Combine(folder, "libLibTorchSharp.so")).LinkTarget); // a real file, not a link
        Assert.Equal(Path.Combine(_natives, "libtorch_cpu.so"), new FileInfo(Path.Combine(folder, "libtorch_cpu.so")).LinkTarget);
        Assert.Equal(Path.Combine(_natives, "libgomp-98b21ff3.so.1"), new FileInfo(Path.Combine(folder, "libgomp-98b21ff3.so.1")).LinkTarget);
        Assert.False(File.Exists(Path.Combine(folder, "README.txt")));
        Assert.Equal(_original, File.ReadAllBytes(_libTorchSharp));
        Assert.Equal(new[] { "README.txt", "libLibTorchSharp.so", "libgomp-98b21ff3.so.1", "libtorch_cpu.so" },
            Directory.GetFiles(_natives).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { folder }, Directory.GetFileSystemEntries(_root)); // no temporary folder left behind
    }

    [Fact]
    public void Prepare_SecondCall_ReusesTheFolderWithoutWriting()
    {
        var first = Prepare();
        var copy = Path.Combine(first, "libLibTorchSharp.so");
        var written = File.GetLastWriteTimeUtc(copy);
        File.SetLastWriteTimeUtc(copy, written.AddHours(-1)); // a rewrite would move it back to now

        Assert.Equal(first, Prepare());
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(copy));
    }

    [Fact]
    public void Prepare_ConcurrentCallers_AllGetOneCompleteFolder()
    {
        var folders = new string[16];
        Parallel.For(0, folders.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => folders[i] = Prepare());

        Assert.Single(folders.Distinct());
        Assert.Equal(new[] { folders[0] }, Directory.GetFileSystemEntries(_root));
        Assert.Equal(ElfVersionNeeds.VerFlgWeak, Flags(File.ReadAllBytes(Path.Combine(folders[0], "libLibTorchSharp.so"))));
    }

    [Fact]
    public void Prepare_OtherLibraryBytesOrOtherFiles_GetAnotherFolder()
    {
        var first = Prepare();
        File.WriteAllText(Path.Combine(_natives, "libtorch_cpu.so"), "libtorch, another build");
        var second = Prepare();
        var image = new TinyElf { Needs = [new("libstdc++.so.6", ("GLIBCXX_3.4.32", 0)), new("libm.so.6", ("GLIBC_2.29", 0))] }.Build();
        File.WriteAllBytes(_libTorchSharp, image);
        var third = Prepare();

        Assert.Equal(3, new[] { first, second, third }.Distinct().Count());
        Assert.Equal(3, Directory.GetDirectories(_root).Length);
    }

    [Fact]
    public void Prepare_FolderWhoseLinkNoLongerResolves_IsRebuilt()
    {
        var folder = Prepare();
        File.Delete(Path.Combine(folder, "libtorch_cpu.so"));
        File.CreateSymbolicLink(Path.Combine(folder, "libtorch_cpu.so"), Path.Combine(_dir, "gone.so"));

        Assert.Equal(folder, Prepare());
        Assert.Equal(Path.Combine(_natives, "libtorch_cpu.so"), new FileInfo(Path.Combine(folder, "libtorch_cpu.so")).LinkTarget);
    }

    [Fact]
    public void Prepare_UnwritableCache_SaysWhatToSet()
    {
        var file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "");

        var e = Assert.Throws<InvalidOperationException>(() => Prepare(Path.Combine(file, "kerassharp", "native")));

        Assert.Contains("XDG_CACHE_HOME", e.Message);
        Assert.Contains(Path.Combine(file, "kerassharp", "native"), e.Message);
        Assert.Contains("GLIBCXX_3.4.32", e.Message);
    }

    [Fact]
    public void Prepare_LibraryWithoutTheRequirement_IsRefusedAndNothingIsLeft()
    {
        File.WriteAllBytes(_libTorchSharp, new TinyElf { Needs = [new("libc.so.6", ("GLIBC_2.34", 0))] }.Build());

        var e = Assert.Throws<InvalidOperationException>(() => Prepare());

        Assert.Contains("NotReferenced", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public void Root_FollowsXdgCacheHome_AndIgnoresARelativeOne()
    {
        Assert.Equal("/x/cache/kerassharp/native", NativeFallbackCache.Root("/x/cache", "/home/u"));
        Assert.Equal("/home/u/.cache/kerassharp/native", NativeFallbackCache.Root(null, "/home/u"));
        Assert.Equal("/home/u/.cache/kerassharp/native", NativeFallbackCache.Root("", "/home/u"));
        Assert.Equal("/home/u/.cache/kerassharp/native", NativeFallbackCache.Root("relative/cache", "/home/u"));
    }
}
