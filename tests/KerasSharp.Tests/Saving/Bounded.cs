using System.Diagnostics;
using Xunit;

namespace KerasSharp.Tests.Saving;

/// <summary>
/// Runs a load of a hostile file under watch: on a thread of its own, failing the test when it does not end within the
/// timeout (a hang, e.g. a FIFO being read), when that thread allocates more managed memory than the cap, or when the
/// process's resident memory grows by more than the cap (a huge dataset read in full). Returns what the load threw.
/// </summary>
internal static class Bounded
{
    internal static Exception? Run(Action load, long maxBytes = 64L << 20, int timeoutSeconds = 60)
    {
        Exception? error = null;
        long allocated = 0;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long residentBefore = process.WorkingSet64;
        var thread = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try { load(); }
            catch (Exception e) { error = e; }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        })
        { IsBackground = true, Name = "bounded load" };
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(timeoutSeconds)), $"the load did not finish within {timeoutSeconds} s");
        process.Refresh();
        long grown = process.WorkingSet64 - residentBefore;
        Assert.True(allocated <= maxBytes, $"the load allocated {allocated} bytes of managed memory (cap {maxBytes})");
        Assert.True(grown <= 4 * maxBytes, $"the process grew by {grown} bytes of resident memory during the load (cap {4 * maxBytes})");
        return error;
    }

    /// <summary><see cref="Run"/>, expecting the load to be refused with <typeparamref name="T"/>.</summary>
    internal static T Refused<T>(Action load, long maxBytes = 64L << 20) where T : Exception
    {
        var error = Run(load, maxBytes);
        Assert.NotNull(error);
        return Assert.IsAssignableFrom<T>(error);
    }
}
