using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KerasSharp.Backend;

/// <summary>
/// glibc's allocator tuned for training loops (no Keras equivalent). A training step allocates and frees the same
/// tensors every step; with glibc's defaults the heap top is trimmed back to the kernel when it is freed and faulted in
/// again on the next step, and which step trims depends on the order of frees, so the same loop runs 1.5-2x slower in
/// one process than in the next (benchmarks/README.md, "Conv nets"; Python users get the same cure by preloading
/// jemalloc or tcmalloc, as PyTorch's performance guide recommends). When KerasSharp's module loads on Linux with
/// glibc, it fixes the two thresholds glibc otherwise moves at run time: blocks of 32 MiB and more (glibc's own ceiling
/// for its dynamic threshold) are still mapped and unmapped one by one, and free memory at the top of the heap is given
/// back once it exceeds 1 GiB instead of at every free. The process's resident memory then stays at its peak heap use
/// (bounded by that 1 GiB for the part held free).
/// The user's own choice wins: nothing is changed when MALLOC_TRIM_THRESHOLD_, MALLOC_MMAP_THRESHOLD_ or
/// MALLOC_TOP_PAD_ is set, or when KERASSHARP_MALLOC_TUNING=0; a process using another allocator (jemalloc, musl) is
/// unaffected.
/// </summary>
internal static class HeapPolicy
{
    const int TrimThresholdParam = -1;  // glibc malloc.h: M_TRIM_THRESHOLD
    const int MmapThresholdParam = -3;  // M_MMAP_THRESHOLD

    /// <summary>Blocks this large or larger are mapped on their own (glibc's DEFAULT_MMAP_THRESHOLD_MAX on 64 bits).</summary>
    internal const int MmapThreshold = 32 << 20;

    /// <summary>Free memory at the heap's top is returned to the kernel once it exceeds this.</summary>
    internal const int TrimThreshold = 1 << 30;

    /// <summary>Whether the thresholds were set in this process.</summary>
    internal static bool applied { get; private set; }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    static extern int Mallopt(int param, int value);

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "The thresholds must be fixed before the first tensor is allocated, which any KerasSharp call may do.")]
    internal static void OnModuleLoad() => Apply();

    static void Apply()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("KERASSHARP_MALLOC_TUNING") == "0") return;
        foreach (var name in new[] { "MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_" })
            if (Environment.GetEnvironmentVariable(name) is not null) return;
        try
        {
            applied = Mallopt(MmapThresholdParam, MmapThreshold) == 1 & Mallopt(TrimThresholdParam, TrimThreshold) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // not glibc: its allocator has its own policy
        }
    }
}
