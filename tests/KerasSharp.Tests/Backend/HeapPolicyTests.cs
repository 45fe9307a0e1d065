using System.Runtime.InteropServices;
using KerasSharp.Backend;
using Xunit;

namespace KerasSharp.Tests.Backend;

/// <summary>
/// KerasSharp fixes glibc's mmap and trim thresholds when it loads (Backend/HeapPolicy.cs), so that a training step's
/// blocks stay in the heap instead of being unmapped and faulted in again every step.
/// </summary>
public sealed class HeapPolicyTests
{
    [StructLayout(LayoutKind.Sequential)]
    struct MallInfo2
    {
        public nuint arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
    }

    [DllImport("libc.so.6")] static extern MallInfo2 mallinfo2();
    [DllImport("libc.so.6")] static extern IntPtr malloc(nuint size);
    [DllImport("libc.so.6")] static extern void free(IntPtr p);

    static bool UserChoseThresholds =>
        new[] { "MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_", "KERASSHARP_MALLOC_TUNING" }
            .Any(n => Environment.GetEnvironmentVariable(n) is not null);

    [Fact]
    public void A_16_MiB_block_comes_from_the_heap_not_from_its_own_mapping()
    {
        if (!OperatingSystem.IsLinux() || UserChoseThresholds) return; // glibc's defaults map it (threshold 128 KiB)
        _ = keras.__version__;
        Assert.True(HeapPolicy.applied);
        var before = mallinfo2();
        var block = malloc(16 << 20);
        try
        {
            var during = mallinfo2();
            Assert.Equal(before.hblkhd, during.hblkhd);          // no new mapping
            Assert.True(during.uordblks >= before.uordblks + (16u << 20), $"in use {before.uordblks} -> {during.uordblks}");
        }
        finally { free(block); }
        Assert.True(mallinfo2().fordblks >= 16u << 20);          // kept free in the heap, not trimmed at once
    }

    [Fact]
    public void A_block_above_the_mmap_threshold_is_still_mapped_and_given_back()
    {
        if (!OperatingSystem.IsLinux() || UserChoseThresholds) return;
        var before = mallinfo2();
        var block = malloc((nuint)HeapPolicy.MmapThreshold + (1u << 20));
        try { Assert.True(mallinfo2().hblkhd >= before.hblkhd + (nuint)HeapPolicy.MmapThreshold); }
        finally { free(block); }
        Assert.Equal(before.hblkhd, mallinfo2().hblkhd);
    }
}
