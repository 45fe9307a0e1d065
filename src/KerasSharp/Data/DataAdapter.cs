using System;
using System.Collections.Generic;
using Microsoft.ML;
using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// Turns what <c>fit</c>, <c>evaluate</c> and <c>predict</c> accept into batches on the model's device (Keras:
/// keras/src/trainers/data_adapters/): in-memory data (<see cref="TensorDataAdapter"/>) or a user batch source
/// (<see cref="BatchSourceAdapter"/>). An adapter is read pass by pass: <see cref="begin_pass"/>, <see cref="next"/>
/// until it returns null, <see cref="end_pass"/>; <see cref="EpochIterator"/> turns passes into epochs.
/// </summary>
internal abstract class DataAdapter : IDisposable
{
    /// <summary>Batches per pass, or null when the source does not say (an enumerable).</summary>
    internal abstract int? num_batches { get; }

    /// <summary>Starts a pass over the data (a new permutation, a new enumeration); called in the epoch's dispose scope.</summary>
    internal abstract void begin_pass();

    /// <summary>
    /// The next batch of the pass, or null at its end. Called inside the step's dispose scope: the batch's tensors belong
    /// to it (batches built elsewhere are attached to the current scope).
    /// </summary>
    internal abstract DataBatch? next();

    /// <summary>Ends the pass (PyDataset's <c>on_epoch_end</c>; stops a background producer).</summary>
    internal virtual void end_pass() { }

    /// <summary>A first batch, for building the model and checking the targets before training changes anything.</summary>
    internal abstract DataBatch first_batch();

    public virtual void Dispose() { }

    /// <summary>
    /// The adapter for <paramref name="x"/>: a <see cref="PyDataset"/> or an enumerable of (x, y) batches (then
    /// <paramref name="y"/> and <paramref name="sample_weight"/> must be null), else in-memory data: tensors, arrays of
    /// any rank, <c>Tensor[]</c> for several inputs, an <see cref="IDataView"/>.
    /// </summary>
    internal static DataAdapter Create(object? x, object? y, object? sample_weight, int batch_size, bool shuffle, Device device, string method, bool needTargets)
    {
        if (IsBatchSource(x))
        {
            if (y is not null)
                throw new ArgumentException($"{method}: `y` must not be given when `x` is a {Describe(x!)} (it yields its own targets). Received: y of type {y.GetType().Name}.", nameof(y));
            if (sample_weight is not null)
                throw new ArgumentException($"{method}: `sample_weight` must not be given when `x` is a {Describe(x!)} (return (x, y, sample_weight) batches instead).", nameof(sample_weight));
            return new BatchSourceAdapter(x!, device, method);
        }
        if (y is SeveralTargets several)
        {
            var d = TensorDataAdapter.PrepareSeveral(x, several.targets, several.names, sample_weight, method);
            return new TensorDataAdapter(d.x, d.targets, d.weights, batch_size, shuffle, device);
        }
        var data = TensorDataAdapter.Prepare(x, y, sample_weight, method, needTargets);
        return new TensorDataAdapter(data.x, data.y, data.weights, batch_size, shuffle, device);
    }

    /// <summary>Whether <paramref name="x"/> is a user batch source rather than in-memory data.</summary>
    internal static bool IsBatchSource(object? x) =>
        x is PyDataset || x is IEnumerable<(Tensor x, Tensor y)> || x is IEnumerable<DataBatch>;

    static string Describe(object x) => x is PyDataset ? "PyDataset" : "batch enumerable";
}
