using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace KerasSharp.Saving;

/// <summary>
/// Writes one captured save at a time off the training thread (for <c>ModelCheckpoint</c> and
/// <c>BackupAndRestore</c>): the caller captures on its own thread what the file needs (<see cref="ModelArchive.Capture"/>,
/// <see cref="WeightsFile.Capture"/>), and the encoding, the write to a temporary file, the flush to disk and the
/// rename (<see cref="AtomicFile"/>) run on the thread pool. <see cref="Start"/> first waits for the previous write, so
/// writes land in order and at most one captured snapshot is held. A failed write is rethrown, as an
/// <see cref="IOException"/> naming the file and the save, by the next <see cref="Start"/>, <see cref="Wait"/> or
/// <see cref="ThrowIfFailed"/>; never lost.
/// <para>KerasSharp's own readers (<c>load_model</c>, <c>load_weights</c>) first wait for a pending write of the file
/// they open (<see cref="WaitFor"/>), so a callback that loads a checkpoint just saved reads the new file.</para>
/// </summary>
internal sealed class BackgroundWriter
{
    static readonly ConcurrentDictionary<string, Task> Pending = new(StringComparer.Ordinal);

    Task? _task;
    string _what = "";

    /// <summary>Whether a write was started and not yet waited for.</summary>
    internal bool busy => _task is not null;

    /// <summary>
    /// Waits for the previous write (rethrowing its failure), then runs <paramref name="write"/> on the thread pool.
    /// <paramref name="what"/> names the save in a failure's message ("ModelCheckpoint: saving 'best.keras' at epoch 3");
    /// <paramref name="paths"/> are the files it replaces, which <see cref="WaitFor"/> then waits on.
    /// </summary>
    internal void Start(string what, IReadOnlyList<string> paths, Action write)
    {
        Wait();
        var full = new string[paths.Count];
        for (int i = 0; i < full.Length; i++) full[i] = Path.GetFullPath(paths[i]);
        var task = Task.Run(write);
        _task = task;
        _what = what;
        foreach (var p in full) Pending[p] = task;
        task.ContinueWith(t =>
        {
            foreach (var p in full) Pending.TryRemove(new KeyValuePair<string, Task>(p, t));
        }, TaskScheduler.Default);
    }

    /// <summary>Waits for the pending write, if any; its failure is thrown as an <see cref="IOException"/>.</summary>
    internal void Wait()
    {
        if (Take() is { } failure) throw failure;
    }

    /// <summary>Throws a pending write's failure if it has already failed; never blocks.</summary>
    internal void ThrowIfFailed()
    {
        if (_task is { IsCompleted: true }) Wait();
    }

    /// <summary>Waits for the pending write and returns its failure (as <see cref="Wait"/> would throw it), or null.</summary>
    internal IOException? Take()
    {
        var task = _task;
        if (task is null) return null;
        _task = null;
        try
        {
            task.GetAwaiter().GetResult();
            return null;
        }
        catch (Exception e)
        {
            return new IOException($"{_what} failed: {e.Message}", e);
        }
    }

    /// <summary>
    /// Waits until no background write of <paramref name="path"/> is in progress (a reader's call; the writer's owner
    /// reports the write's failure, not the reader).
    /// </summary>
    internal static void WaitFor(string path)
    {
        if (Pending.IsEmpty) return;
        if (!Pending.TryGetValue(Path.GetFullPath(path), out var task)) return;
        try { task.Wait(); }
        catch (AggregateException) { } // the owner reports it
    }
}
