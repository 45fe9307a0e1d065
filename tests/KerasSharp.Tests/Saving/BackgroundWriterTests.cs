using KerasSharp.Saving;
using Xunit;

namespace KerasSharp.Tests.Saving;

/// <summary>The queue behind background checkpoints: order, replacement of a waiting save of the same file, failures.</summary>
public sealed class BackgroundWriterTests
{
    [Fact]
    public async Task A_waiting_write_of_the_same_file_is_replaced_and_others_run_in_order()
    {
        var writer = new BackgroundWriter();
        var ran = new List<int>();
        using var gate = new ManualResetEventSlim(false);
        using var started = new ManualResetEventSlim(false);
        writer.Start("one", "a", ["a"], () => { started.Set(); gate.Wait(); lock (ran) ran.Add(1); });
        started.Wait();                                           // one runs (a job not yet started is replaced too)
        writer.Start("two", "a", ["a"], () => { lock (ran) ran.Add(2); });
        writer.Reserve("a");                                      // same key: room at once, two would be replaced
        writer.Start("three", "a", ["a"], () => { lock (ran) ran.Add(3); });
        gate.Set();
        writer.Wait();
        Assert.Equal([1, 3], ran);

        gate.Reset();
        started.Reset();
        ran.Clear();
        writer.Start("four", "a", ["a"], () => { started.Set(); gate.Wait(); lock (ran) ran.Add(4); });
        started.Wait();
        writer.Start("five", "b", ["b"], () => { lock (ran) ran.Add(5); });
        var sixth = Task.Run(() => writer.Start("six", "c", ["c"], () => { lock (ran) ran.Add(6); })); // must wait for room
        Assert.NotSame(sixth, await Task.WhenAny(sixth, Task.Delay(200)));
        gate.Set();
        await sixth;
        writer.Wait();
        Assert.Equal([4, 5, 6], ran);
    }

    sealed class Snapshot : IDisposable
    {
        public int disposed;
        public void Dispose() => disposed++;
    }

    [Fact]
    public void A_replaced_waiting_write_gives_its_snapshot_back_and_a_written_one_is_left_to_its_write()
    {
        var writer = new BackgroundWriter();
        using var gate = new ManualResetEventSlim(false);
        using var started = new ManualResetEventSlim(false);
        Snapshot first = new(), replaced = new(), last = new();
        writer.Start("one", "a", ["a"], () => { started.Set(); gate.Wait(); }, first);
        started.Wait();
        writer.Start("two", "a", ["a"], () => throw new InvalidOperationException("never written"), replaced);
        Assert.Equal(0, replaced.disposed);
        writer.Start("three", "a", ["a"], () => { }, last);
        Assert.Equal(1, replaced.disposed);                       // its pooled arrays go back at once
        gate.Set();
        writer.Wait();
        Assert.Equal(0, first.disposed);                          // a job's own write disposes what it wrote
        Assert.Equal(0, last.disposed);
    }

    [Fact]
    public void A_failed_write_is_thrown_once_by_the_next_call_and_stops_the_queue()
    {
        var writer = new BackgroundWriter();
        using var gate = new ManualResetEventSlim(false);
        bool later = false;
        writer.Start("saving 'x' at epoch 2", "x", ["x"], () => { gate.Wait(); throw new UnauthorizedAccessException("denied"); });
        writer.Start("saving 'y'", "y", ["y"], () => later = true);
        gate.Set();
        var e = Assert.Throws<IOException>(() => writer.Wait());
        Assert.Equal("saving 'x' at epoch 2 failed: denied", e.Message);
        Assert.IsType<UnauthorizedAccessException>(e.InnerException);
        Assert.False(later);
        writer.Wait();                                            // reported once; the writer works again
        writer.Start("saving 'z'", "z", ["z"], () => later = true);
        writer.Wait();
        Assert.True(later);
    }

    [Fact]
    public async Task A_reader_waits_for_the_pending_write_of_its_file()
    {
        var writer = new BackgroundWriter();
        using var gate = new ManualResetEventSlim(false);
        var path = Path.Combine(Path.GetTempPath(), "kerassharp-writer-" + Guid.NewGuid().ToString("N"));
        bool done = false;
        writer.Start("w", path, [path], () => { gate.Wait(); Thread.Sleep(50); done = true; });
        var reader = Task.Run(() => { BackgroundWriter.WaitFor(path); return done; });
        Assert.NotSame(reader, await Task.WhenAny(reader, Task.Delay(100)));
        gate.Set();
        Assert.True(await reader);
        writer.Wait();
        BackgroundWriter.WaitFor(path);                            // nothing pending: returns at once
    }
}
