using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// One batch as <c>train_step</c>, <c>test_step</c> and <c>predict_step</c> receive it (Keras: the <c>data</c> tuple,
/// unpacked with <c>x, y, sample_weight = data</c>): the inputs (one tensor per model input), the targets and the
/// per-sample weights, either of which may be null. Deconstructs as Keras unpacks: <c>var (x, y, sample_weight) = data;</c>.
/// A <see cref="PyDataset"/> or a batch enumerable returns these; tuples convert implicitly: <c>return (x, y);</c>.
/// </summary>
public sealed class DataBatch
{
    /// <summary>A batch for a model with several inputs.</summary>
    public DataBatch(Tensor[] inputs, Tensor? y = null, Tensor? sample_weight = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0 || inputs.Any(t => t is null))
            throw new ArgumentException("A batch needs at least one input tensor and no null inputs.", nameof(inputs));
        this.inputs = inputs;
        _y = y;
        this.sample_weight = sample_weight;
    }

    /// <summary>
    /// A batch for a model with several outputs (Keras: <c>y</c> as a list): one target per output, in the model's
    /// output order, and optional per-sample weights shared by every output.
    /// </summary>
    public DataBatch(Tensor[] inputs, Tensor[] targets, Tensor? sample_weight = null) : this(inputs, (Tensor?)null, sample_weight)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Length == 0 || targets.Any(t => t is null))
            throw new ArgumentException("A batch for several outputs needs one non-null target per output.", nameof(targets));
        _targets = targets;
    }

    /// <summary>A batch for a model with one input.</summary>
    public DataBatch(Tensor x, Tensor? y = null, Tensor? sample_weight = null)
        : this(new[] { x ?? throw new ArgumentNullException(nameof(x), "A batch needs its input tensor `x`.") }, y, sample_weight) { }

    /// <summary>The inputs, one tensor per model input, batch dimension first.</summary>
    public Tensor[] inputs { get; }

    /// <summary>The single input (for a model with several inputs, use <see cref="inputs"/>).</summary>
    public Tensor x => inputs.Length == 1 ? inputs[0]
        : throw new InvalidOperationException($"This batch has {inputs.Length} inputs; read them from `inputs`.");

    /// <summary>The targets, or null (prediction); for a batch with several targets, use <see cref="targets"/>.</summary>
    public Tensor? y => _targets is null ? _y
        : throw new InvalidOperationException($"This batch has {_targets.Length} targets (one per model output); read them from `targets`.");

    readonly Tensor? _y;
    readonly Tensor[]? _targets;

    /// <summary>The targets, one per model output (one element for a single target, none for prediction).</summary>
    public IReadOnlyList<Tensor> targets => _targets ?? (_y is null ? Array.Empty<Tensor>() : new[] { _y });

    /// <summary>The targets when there are several (one per output), else null.</summary>
    internal Tensor[]? several_targets => _targets;

    /// <summary>Per-sample weights, or null.</summary>
    public Tensor? sample_weight { get; }

    /// <summary>The number of samples (the first input's first dimension).</summary>
    public long size => inputs[0].dim() == 0 ? 1 : inputs[0].shape[0];

    /// <summary>Keras's <c>x, y, sample_weight = data</c>.</summary>
    public void Deconstruct(out Tensor x, out Tensor? y, out Tensor? sample_weight)
    {
        x = this.x;
        y = this.y;
        sample_weight = this.sample_weight;
    }

    /// <summary>An (x, y) batch.</summary>
    public static implicit operator DataBatch((Tensor x, Tensor y) batch) => new(batch.x, batch.y);

    /// <summary>An (x, y, sample_weight) batch.</summary>
    public static implicit operator DataBatch((Tensor x, Tensor y, Tensor sample_weight) batch) => new(batch.x, batch.y, batch.sample_weight);

    /// <summary>Whether the tensors belong to the data path (a batch source's copies): the step's dispose scope frees them.</summary>
    internal bool owned { get; init; }

    internal Tensor[] tensors => inputs.Concat(_targets ?? Enumerable.Empty<Tensor>()).Concat(new[] { _y, sample_weight }.Where(t => t is not null)).ToArray()!;
}
