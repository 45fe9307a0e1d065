using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace KerasSharp.Saving;

/// <summary>
/// Writes captured saves off the training thread, in order (for <c>ModelCheckpoint</c> and <c>BackupAndRestore</c>): the
/// caller captures on its own thread what the file needs (<see cref="ModelArchive.Capture"/>,
/// <see cref="WeightsFile.Capture"/>), and the encoding, the write to a temporary file, the flush to disk and the
/// rename (<see cref="AtomicFile"/>) run on the thread pool. One write runs at a time and at most one more waits behind
/// it, so at most two captured snapshots are held: a save that finds one waiting replaces it when both replace the same
/// files (the same <c>key</c>: the waiting file would be overwritten at once, as "best.keras" is), and otherwise waits
/// until the waiting one has started. A failed write stops the queue and is rethrown, as an <see cref="IOException"/>
/// naming the file and the save, by the next <see cref="Start"/>, <see cref="Wait"/> or <see cref="ThrowIfFailed"/>;
/// never lost.
/// <para>KerasSharp's own readers (<c>load_model</c>, <c>load_weights</c>) first wait for pending writes of the file
/// they open (<see cref="WaitFor"/>), so a callback that loads a checkpoint just saved reads the new file.</para>
/// </summary>
internal sealed class BackgroundWriter
{
    static readonly ConcurrentDictionary<string, Task> Pending = new(StringComparer.Ordinal);

    sealed record Job(string what, string? key, string[] paths, Action write, IDisposable? snapshot);

    readonly object _lock = new();
    Task? _worker;
    Job? _waiting;
    IOException? _failure;
    readonly HashSet<string> _registered = new(StringComparer.Ordinal);

    /// <summary>
    /// Queues <paramref name="write"/> behind the running one (rethrowing an earlier failure first).
    /// <paramref name="what"/> names the save in a failure's message ("ModelCheckpoint: saving 'best.keras' at epoch 3");
    /// <paramref name="paths"/> are the files it replaces, which <see cref="WaitFor"/> then waits on; a waiting job with
    /// the same non-null <paramref name="key"/> is dropped for this one.
    /// </summary>
    internal void Start(string what, string? key, IReadOnlyList<string> paths, Action write, IDisposable? snapshot = null)
    {
        var full = new string[paths.Count];
        for (int i = 0; i < full.Length; i++) full[i] = Path.GetFullPath(paths[i]);
        var job = new Job(what, key, full, write, snapshot);
        lock (_lock)
        {
            WaitForRoom(key); // the waiting job is taken (or the queue stops) before this one is queued
            _waiting?.snapshot?.Dispose(); // replaced: never written; its pooled arrays go back
            _waiting = job;
            _worker ??= Task.Run(Drain);
            foreach (var p in full)
            {
                Pending[p] = _worker;
                _registered.Add(p);
            }
        }
    }

    /// <summary>
    /// Blocks until a job with <paramref name="key"/> can be queued without waiting (call before capturing, so that no
    /// more than two snapshots exist: the one being written and the one waiting); rethrows an earlier failure.
    /// </summary>
    internal void Reserve(string? key)
    {
        lock (_lock) WaitForRoom(key);
    }

    /// <summary>Under the lock: waits until no job waits, or the waiting one has <paramref name="key"/>; rethrows a failure.</summary>
    void WaitForRoom(string? key)
    {
        while (true)
        {
            ThrowFailure();
            if (_worker is null || _waiting is null || (key is not null && _waiting.key == key)) return;
            Monitor.Wait(_lock);
        }
    }

    void Drain()
    {
        while (true)
        {
            Job? job;
            lock (_lock)
            {
                job = _waiting;
                _waiting = null;
                if (job is null || _failure is not null)
                {
                    job?.snapshot?.Dispose();
                    foreach (var p in _registered) Pending.TryRemove(new KeyValuePair<string, Task>(p, _worker!));
                    _registered.Clear();
                    _worker = null;
                    Monitor.PulseAll(_lock);
                    return;
                }
                Monitor.PulseAll(_lock);
            }
            try
            {
                job.write();
            }
            catch (Exception e)
            {
                lock (_lock) _failure = new IOException($"{job.what} failed: {e.Message}", e);
            }
        }
    }

    /// <summary>Waits until every queued write is done; a failure is thrown as an <see cref="IOException"/>.</summary>
    internal void Wait()
    {
        if (Take() is { } failure) throw failure;
    }

    /// <summary>Throws an earlier write's failure, if any; never blocks.</summary>
    internal void ThrowIfFailed()
    {
        lock (_lock) ThrowFailure();
    }

    void ThrowFailure()
    {
        if (_failure is not { } failure) return;
        _failure = null;
        throw failure;
    }

    /// <summary>Waits until every queued write is done and returns the failure <see cref="Wait"/> would throw, or null.</summary>
    internal IOException? Take()
    {
        lock (_lock)
        {
            while (_worker is not null) Monitor.Wait(_lock);
            var failure = _failure;
            _failure = null;
            return failure;
        }
    }

    /// <summary>
    /// Waits until no background write of <paramref name="path"/> is queued or in progress (a reader's call; the
    /// writer's owner reports a failure, not the reader).
    /// </summary>
    internal static void WaitFor(string path)
    {
        if (Pending.IsEmpty) return;
        if (!Pending.TryGetValue(Path.GetFullPath(path), out var task)) return;
        try { task.Wait(); }
        catch (AggregateException) { } // the owner reports it
    }
}
