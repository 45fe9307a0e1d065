namespace KerasSharp.Data;

/// <summary>
/// A source of batches built on demand (Keras: <c>keras.utils.PyDataset</c>): override <see cref="num_batches"/> (Keras's
/// <c>__len__</c>) and the indexer (Keras's <c>__getitem__</c>), returning e.g. <c>(x, y)</c>; <see cref="on_epoch_end"/>
/// runs after each epoch. <c>fit</c>, <c>evaluate</c> and <c>predict</c> accept it as <c>x</c> (with no <c>y</c>).
/// </summary>
/// <remarks>
/// With <see cref="workers"/> ≥ 1 (the default is 1) the next batches are built on a background thread into a queue of
/// at most <see cref="max_queue_size"/> batches, so building a batch on the host overlaps the training step; with 0 they
/// are built on the training thread, one per step. (Keras builds batches in the training loop unless workers &gt; 1;
/// KerasSharp's single background worker is what lets a host-side batch overlap the step.) Batch <c>i</c> is always the
/// i-th batch of the epoch: order is kept whatever the number of workers. Tensors returned by the indexer are moved
/// to the model's device and their copies freed after the step; tensors the dataset keeps stay its own.
/// </remarks>
public abstract class PyDataset
{
    /// <summary>Keras's arguments.</summary>
    protected PyDataset(int workers = 1, bool use_multiprocessing = false, int max_queue_size = 10)
    {
        if (workers < 0) throw new System.ArgumentException($"`workers` must be a non-negative integer. Received: workers={workers}", nameof(workers));
        if (max_queue_size < 1) throw new System.ArgumentException($"`max_queue_size` must be a positive integer. Received: max_queue_size={max_queue_size}", nameof(max_queue_size));
        if (use_multiprocessing)
            throw new System.NotSupportedException("`use_multiprocessing=True` is not supported by KerasSharp: batches are built on background threads of this process (set `workers`).");
        this.workers = workers;
        this.max_queue_size = max_queue_size;
    }

    /// <summary>Background threads building batches (0: on the training thread).</summary>
    public int workers { get; }

    /// <summary>Keras's <c>use_multiprocessing</c>: always false here.</summary>
    public static bool use_multiprocessing => false;

    /// <summary>How many built batches may wait in the queue.</summary>
    public int max_queue_size { get; }

    /// <summary>The number of batches in an epoch (Keras: <c>__len__</c> / <c>num_batches</c>).</summary>
    public abstract int num_batches { get; }

    /// <summary>Batch <paramref name="index"/> (0-based; Keras: <c>__getitem__</c>).</summary>
    public abstract DataBatch this[int index] { get; }

    /// <summary>Called at the end of each epoch (Keras: <c>on_epoch_end</c>), e.g. to reshuffle.</summary>
    public virtual void on_epoch_end() { }
}
