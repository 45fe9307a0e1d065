using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Activations;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// What Keras's built-in cells share (keras/src/layers/rnn/dropout_rnn_cell.py and the cells of simple_rnn.py,
/// lstm.py, gru.py): a kernel (input_dim, gates·units), a recurrent kernel (units, gates·units) and a bias, with their
/// initializers, regularizers and constraints, and the dropout masks: one mask per sequence for the inputs and one for
/// the recurrent state, drawn at the start of each call and kept over its time steps (one per gate when
/// <c>recurrent_dropout</c> is set, Keras's <c>implementation=1</c>).
/// </summary>
public abstract class DropoutRNNCell : RecurrentCell
{
    private protected DropoutRNNCell(int units, ActivationFunction? activation, bool use_bias,
        Initializer? kernel_initializer, Initializer? recurrent_initializer, Initializer? bias_initializer,
        Regularizer? kernel_regularizer, Regularizer? recurrent_regularizer, Regularizer? bias_regularizer,
        Constraint? kernel_constraint, Constraint? recurrent_constraint, Constraint? bias_constraint,
        double dropout, double recurrent_dropout, int? seed, string? name, string? dtype, bool trainable,
        int[]? input_shape, int? input_dim, int? batch_size)
        : base(name, trainable, null, dtype, input_shape, input_dim, batch_size)
    {
        if (units <= 0)
            throw new ArgumentException($"Received an invalid value for argument `units`, expected a positive integer, got {units}.", nameof(units));
        if (double.IsNaN(dropout)) throw new ArgumentException("dropout must be a number in [0, 1]; received NaN.", nameof(dropout));
        if (double.IsNaN(recurrent_dropout)) throw new ArgumentException("recurrent_dropout must be a number in [0, 1]; received NaN.", nameof(recurrent_dropout));
        this.units = units;
        this.activation = activation ?? ActivationFunction.get("tanh");
        this.use_bias = use_bias;
        this.kernel_initializer = kernel_initializer ?? VarianceScaling.GlorotUniform();
        this.recurrent_initializer = recurrent_initializer ?? new Orthogonal();
        this.bias_initializer = bias_initializer ?? new Zeros();
        this.kernel_regularizer = kernel_regularizer;
        this.recurrent_regularizer = recurrent_regularizer;
        this.bias_regularizer = bias_regularizer;
        this.kernel_constraint = kernel_constraint;
        this.recurrent_constraint = recurrent_constraint;
        this.bias_constraint = bias_constraint;
        // Keras clips both rates into [0, 1].
        this.dropout = Math.Min(1.0, Math.Max(0.0, dropout));
        this.recurrent_dropout = Math.Min(1.0, Math.Max(0.0, recurrent_dropout));
        this.seed = seed;
        _generator = seed is { } s ? new TorchSharp.torch.Generator((ulong)s, CPU) : null;
    }

    readonly TorchSharp.torch.Generator? _generator;

    /// <summary>Dimensionality of the output and of each state.</summary>
    public int units { get; }
    /// <summary>The output activation (tanh by default).</summary>
    public ActivationFunction activation { get; }
    /// <summary>Whether the cell has a bias.</summary>
    public bool use_bias { get; }
    /// <summary>Initializer of the input kernel (glorot_uniform).</summary>
    public Initializer kernel_initializer { get; }
    /// <summary>Initializer of the recurrent kernel (orthogonal).</summary>
    public Initializer recurrent_initializer { get; }
    /// <summary>Initializer of the bias (zeros).</summary>
    public Initializer bias_initializer { get; }
    /// <summary>Penalty on the kernel.</summary>
    public Regularizer? kernel_regularizer { get; }
    /// <summary>Penalty on the recurrent kernel.</summary>
    public Regularizer? recurrent_regularizer { get; }
    /// <summary>Penalty on the bias.</summary>
    public Regularizer? bias_regularizer { get; }
    /// <summary>Constraint on the kernel.</summary>
    public Constraint? kernel_constraint { get; }
    /// <summary>Constraint on the recurrent kernel.</summary>
    public Constraint? recurrent_constraint { get; }
    /// <summary>Constraint on the bias.</summary>
    public Constraint? bias_constraint { get; }
    /// <summary>Fraction of the inputs dropped in training.</summary>
    public double dropout { get; }
    /// <summary>Fraction of the recurrent state dropped in training.</summary>
    public double recurrent_dropout { get; }
    /// <summary>Seed of the dropout masks (null: TorchSharp's global generator).</summary>
    public int? seed { get; }

    /// <summary>The input kernel, (input_dim, gates·units).</summary>
    public Variable? kernel { get; private set; }
    /// <summary>The recurrent kernel, (units, gates·units).</summary>
    public Variable? recurrent_kernel { get; private set; }
    /// <summary>The bias, or null without one.</summary>
    public Variable? bias { get; private set; }

    /// <summary>Number of gate blocks in the kernels: 1 (SimpleRNN), 3 (GRU), 4 (LSTM).</summary>
    internal abstract int gates { get; }

    /// <inheritdoc />
    public override IReadOnlyList<int> state_size => new[] { units };

    /// <inheritdoc />
    public override void build(long?[] input_shape)
    {
        if (input_shape.Length < 2 || input_shape[^1] is not { } inDim)
            throw new ArgumentException($"Cell '{name}' needs a known last input dimension; received input shape {ShapeUtils.Format(input_shape)}.", nameof(input_shape));
        kernel = add_weight("kernel", new[] { inDim, (long)gates * units }, kernel_initializer, kernel_regularizer, constraint: kernel_constraint);
        recurrent_kernel = add_weight("recurrent_kernel", new[] { (long)units, (long)gates * units }, recurrent_initializer, recurrent_regularizer, constraint: recurrent_constraint);
        if (use_bias) bias = add_weight("bias", bias_shape, bias_initial_value(), bias_regularizer, constraint: bias_constraint);
    }

    /// <summary>The bias shape: (gates·units) unless the cell keeps two bias rows.</summary>
    private protected virtual long[] bias_shape => new[] { (long)gates * units };

    /// <summary>The bias initializer as applied (LSTM's unit_forget_bias wraps it).</summary>
    private protected virtual Initializer bias_initial_value() => bias_initializer;

    /// <summary>The bias added to the input projection (all of it, or the first row of a two-row bias).</summary>
    private protected virtual Tensor? input_bias => bias?.value;

    /// <summary>Number of dropout masks per call: one, or one per gate with recurrent dropout (Keras's implementation 1).</summary>
    int mask_count => recurrent_dropout > 0 && gates > 1 ? gates : 1;

    /// <summary>Keras's <c>backend.random.dropout(ones_like(x), rate)</c>: 0 or 1/(1 - rate) per entry.</summary>
    Tensor dropout_mask(long[] shape, double rate, Device device)
    {
        var keep = 1.0 - rate;
        if (_generator is null) return empty(shape, ScalarType.Float32, device).bernoulli_(keep).div_(keep);
        return empty(shape, ScalarType.Float32, CPU).bernoulli_(keep, _generator).div_(keep).to(device);
    }

    /// <summary>The input masks for inputs of <paramref name="batch"/> rows, or null outside training or without dropout.</summary>
    internal Tensor[]? input_masks(long batch, long features, Device device, bool training) =>
        training && dropout > 0 && dropout < 1
            ? Enumerable.Range(0, mask_count).Select(_ => dropout_mask(new[] { batch, features }, dropout, device)).ToArray()
            : null;

    internal Tensor[]? recurrent_masks(long batch, Device device, bool training) =>
        training && recurrent_dropout > 0 && recurrent_dropout < 1
            ? Enumerable.Range(0, mask_count).Select(_ => dropout_mask(new[] { batch, (long)units }, recurrent_dropout, device)).ToArray()
            : null;

    /// <summary>
    /// inputs · kernel + input bias for (batch, features) or (batch, time, features) inputs, each gate's block from
    /// its own masked inputs when there is one mask per gate.
    /// </summary>
    internal Tensor project(Tensor inputs, Tensor[]? masks)
    {
        var k = kernel!.value;
        Tensor Masked(Tensor m) => inputs.mul(inputs.dim() == 3 ? m.unsqueeze(1) : m);
        Tensor z;
        if (masks is null) z = inputs.matmul(k);
        else if (masks.Length == 1) z = Masked(masks[0]).matmul(k);
        else z = cat(Enumerable.Range(0, gates).Select(g => Masked(masks[g]).matmul(k.narrow(1, (long)g * units, units))).ToArray(), -1);
        var b = input_bias;
        return b is null ? z : z.add_(b);
    }

    /// <summary>h · recurrent_kernel, for gates <paramref name="first"/> .. first+count-1, with the recurrent masks if any.</summary>
    internal Tensor recurrent(Tensor h, Tensor[]? masks, int first, int count)
    {
        var u = recurrent_kernel!.value;
        if (masks is null)
            return first == 0 && count == gates ? h.matmul(u) : h.matmul(u.narrow(1, (long)first * units, (long)count * units));
        if (masks.Length == 1)
            return h.mul(masks[0]).matmul(first == 0 && count == gates ? u : u.narrow(1, (long)first * units, (long)count * units));
        return cat(Enumerable.Range(first, count).Select(g => h.mul(masks[g]).matmul(u.narrow(1, (long)g * units, units))).ToArray(), -1);
    }

    /// <summary>One step from the projected input <paramref name="projected"/> (batch, gates·units).</summary>
    internal abstract (Tensor output, Tensor[] states) step(Tensor projected, Tensor[] states, Tensor[]? recurrentMasks);

    /// <inheritdoc />
    public override (Tensor output, Tensor[] states) call(Tensor inputs, Tensor[] states, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(states);
        if (!built) ensure_built(ShapeOf(inputs, batchUnknown: true));
        if (inputs.dim() != 2 || inputs.shape[1] != kernel!.shape[0])
            throw new ArgumentException($"Cell '{name}' expects inputs of shape (batch, {kernel!.shape[0]}); received {ShapeUtils.Format(inputs)}.", nameof(inputs));
        if (states.Length != state_size.Count)
            throw new ArgumentException($"Cell '{name}' expects {state_size.Count} state(s); received {states.Length}.", nameof(states));
        for (int i = 0; i < states.Length; i++)
            if (states[i].dim() != 2 || states[i].shape[0] != inputs.shape[0] || states[i].shape[1] != state_size[i])
                throw new ArgumentException($"State {i} of cell '{name}' must have shape ({inputs.shape[0]}, {state_size[i]}); received {ShapeUtils.Format(states[i])}.", nameof(states));
        var masks = input_masks(inputs.shape[0], inputs.shape[1], inputs.device, training);
        return step(project(inputs, masks), states, recurrent_masks(inputs.shape[0], inputs.device, training));
    }

    /// <inheritdoc />
    internal override Func<long, Tensor[], (Tensor output, Tensor[] states)> begin(Tensor sequences, bool training)
    {
        var projected = project(sequences, input_masks(sequences.shape[0], sequences.shape[2], sequences.device, training));
        var rec = recurrent_masks(sequences.shape[0], sequences.device, training);
        return (t, states) => step(projected.select(1, t), states, rec);
    }

    /// <inheritdoc />
    internal override (Tensor kernel, Tensor recurrent_kernel, Tensor? bias) fused_weights() => (kernel!.value, recurrent_kernel!.value, bias?.value);

    /// <inheritdoc />
    internal override Tensor? fused_input_mask(Tensor sequences, bool training) =>
        input_masks(sequences.shape[0], sequences.shape[2], sequences.device, training)?[0];

    /// <summary>Whether the fused kernel can run this cell now: recurrent dropout only matters in training.</summary>
    private protected bool fusable(bool training) => !(training && recurrent_dropout > 0 && recurrent_dropout < 1);

    /// <summary>Keras's <c>constraints.serialize</c>.</summary>
    private protected static Dictionary<string, object?>? SerializeConstraint(Constraint? c) =>
        c is null ? null : Saving.Serialization.KerasObject("keras.constraints", c.class_name, c.get_config());

    /// <summary>The gate activation (LSTM, GRU), or null.</summary>
    private protected virtual ActivationFunction? gate_activation => null;

    /// <summary>Every argument Keras's cells and layers write, keyed by Keras's names (ordered by <see cref="Compose"/>).</summary>
    internal Dictionary<string, object?> argument_config()
    {
        var c = new Dictionary<string, object?>
        {
            ["units"] = units,
            ["activation"] = activation.name,
            ["use_bias"] = use_bias,
            ["kernel_initializer"] = Saving.Serialization.Initializer(kernel_initializer),
            ["recurrent_initializer"] = Saving.Serialization.Initializer(recurrent_initializer),
            ["bias_initializer"] = Saving.Serialization.Initializer(bias_initializer),
            ["kernel_regularizer"] = Saving.Serialization.Regularizer(kernel_regularizer),
            ["recurrent_regularizer"] = Saving.Serialization.Regularizer(recurrent_regularizer),
            ["bias_regularizer"] = Saving.Serialization.Regularizer(bias_regularizer),
            ["kernel_constraint"] = SerializeConstraint(kernel_constraint),
            ["recurrent_constraint"] = SerializeConstraint(recurrent_constraint),
            ["bias_constraint"] = SerializeConstraint(bias_constraint),
            ["dropout"] = dropout,
            ["recurrent_dropout"] = recurrent_dropout,
            ["seed"] = seed,
        };
        if (gate_activation is { } g) c["recurrent_activation"] = g.name;
        return c;
    }

    /// <summary>
    /// <paramref name="head"/>'s entries, then <paramref name="values"/>'s in the order of <paramref name="order"/>
    /// (keys missing from <paramref name="values"/> are skipped): Keras's config key order, built without removing keys.
    /// </summary>
    internal static Dictionary<string, object?> Compose(IEnumerable<KeyValuePair<string, object?>> head, IReadOnlyDictionary<string, object?> values, params string[] order)
    {
        var c = new Dictionary<string, object?>();
        foreach (var (k, v) in head) c[k] = v;
        foreach (var k in order)
            if (values.TryGetValue(k, out var v)) c[k] = v;
        return c;
    }

    /// <summary>The base layer config without its activity regularizer (recurrent layers place it among their own keys).</summary>
    internal static IEnumerable<KeyValuePair<string, object?>> BaseConfig(Dictionary<string, object?> layerConfig) =>
        layerConfig.Where(kv => kv.Key != "activity_regularizer");
}
