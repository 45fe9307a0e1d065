using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Runs a recurrent cell over the time axis of (batch, time, features) inputs (Keras: <c>keras.layers.RNN</c>,
/// keras/src/layers/rnn/rnn.py and the torch backend's <c>rnn</c>). Returns the last output, or every output with
/// <c>return_sequences</c>, followed by the final states with <c>return_state</c>. With <c>go_backwards</c> the
/// sequence is read from its end and the outputs are in that reading order, as in Keras. A mask (from
/// <see cref="Embedding"/>'s <c>mask_zero</c> or <see cref="Masking"/>) skips steps: a masked step keeps the states and
/// repeats the previous output (zeros with <c>zero_output_for_mask</c>).
/// </summary>
/// <remarks>
/// Built-in cells (LSTM, GRU with <c>reset_after</c>, SimpleRNN with tanh or relu) run on libtorch's fused kernels
/// when there is no mask and no recurrent dropout in training and the activations are the defaults; everything else
/// runs the step loop, whose numbers are the same equations (docs/keras-behaviour.md lists the cases).
/// </remarks>
public class RNN : Layer
{
    FusedRecurrence? _fused;
    Tensor[]? _states;

    /// <summary>Keras's arguments.</summary>
    public RNN(RecurrentCell cell, bool return_sequences = false, bool return_state = false, bool go_backwards = false,
        bool stateful = false, bool unroll = false, bool zero_output_for_mask = false,
        Regularizer? activity_regularizer = null, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, activity_regularizer, dtype, input_shape, input_dim, batch_size)
    {
        this.cell = cell ?? throw new ArgumentNullException(nameof(cell), "Argument `cell` should be a recurrent cell. Received: cell=null");
        this.return_sequences = return_sequences;
        this.return_state = return_state;
        this.go_backwards = go_backwards;
        this.stateful = stateful;
        this.unroll = unroll;
        this.zero_output_for_mask = zero_output_for_mask;
        add_layer(cell);
    }

    /// <summary>The cell run at each step.</summary>
    public RecurrentCell cell { get; }
    /// <summary>Whether every step's output is returned (else only the last).</summary>
    public bool return_sequences { get; }
    /// <summary>Whether the final states follow the output.</summary>
    public bool return_state { get; }
    /// <summary>Whether the sequence is read backwards.</summary>
    public bool go_backwards { get; }
    /// <summary>Whether the final states of a batch are the initial states of the next.</summary>
    public bool stateful { get; }
    /// <summary>Keras's unroll (a graph-building choice there; the numbers are the same, so it only is recorded here).</summary>
    public bool unroll { get; }
    /// <summary>Whether masked steps output zeros instead of repeating the previous output.</summary>
    public bool zero_output_for_mask { get; }

    /// <inheritdoc />
    internal override IReadOnlyList<(string attribute, Layer layer)> saved_attributes => new[] { ("cell", (Layer)cell) };

    /// <summary>The current states of a stateful layer (null otherwise, or before it is built).</summary>
    public IReadOnlyList<Tensor>? states => _states;

    /// <inheritdoc />
    public override bool supports_masking => true;

    /// <summary>Zeros the states of a stateful layer (Keras: <c>reset_state()</c>).</summary>
    public void reset_state()
    {
        if (_states is null) return;
        using var _ = no_grad();
        foreach (var s in _states) s.zero_();
    }

    /// <summary>Keras's compatibility alias of <see cref="reset_state"/>.</summary>
    public void reset_states() => reset_state();

    /// <inheritdoc />
    public override void build(long?[] input_shape)
    {
        check_rank(input_shape);
        cell.ensure_built(new[] { input_shape[0] }.Concat(input_shape.Skip(2)).ToArray());
        if (stateful)
        {
            if (input_shape[0] is not { } batch)
                throw new ArgumentException(
                    $"When using `stateful=True` in a RNN, the batch size must be static. Found dynamic batch size: sequence.shape={ShapeUtils.Format(input_shape)}. Give the model an InputLayer with `batch_size`.",
                    nameof(input_shape));
            _states = cell.get_initial_state(batch).Select(s => s.DetachFromDisposeScope()).ToArray();
        }
    }

    void check_rank(long?[] shape)
    {
        if (shape.Length != 3)
            throw new ArgumentException(
                $"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=3, found ndim={shape.Length}. Full shape received: {ShapeUtils.Format(shape)}. Recurrent layers take (batch, timesteps, features).",
                "inputs");
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape) => compute_output_shapes(input_shape)[0];

    /// <inheritdoc />
    public override IReadOnlyList<long?[]> compute_output_shapes(long?[] input_shape)
    {
        check_rank(input_shape);
        var batch = input_shape[0];
        var shapes = new List<long?[]>
        {
            return_sequences ? new[] { batch, input_shape[1], cell.output_size } : new[] { batch, (long?)cell.output_size },
        };
        if (return_state) shapes.AddRange(cell.state_size.Select(s => new[] { batch, (long?)s }));
        return shapes;
    }

    /// <inheritdoc />
    public override Tensor? compute_mask(Tensor inputs, Tensor? mask) => return_sequences ? mask : null;

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training) => run(inputs, null, null, training)[0];

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, Tensor? mask, bool training) => run(inputs, null, mask, training)[0];

    /// <inheritdoc />
    public override Tensor[] call_outputs(Tensor inputs, bool training) => run(inputs, null, null, training);

    /// <inheritdoc />
    public override Tensor[] call_outputs(Tensor inputs, Tensor? mask, bool training) => run(inputs, null, mask, training);

    /// <summary>
    /// Keras's <c>layer(sequences, initial_state=..., mask=..., training=...)</c>: the output, then the final states
    /// when <see cref="return_state"/>. <paramref name="mask"/> is (batch, timesteps), true for steps to use.
    /// </summary>
    public Tensor[] call(Tensor sequences, Tensor[]? initial_state, Tensor? mask = null, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (!built) ensure_built(ShapeOf(sequences, batchUnknown: !stateful));
        return run(sequences, initial_state, mask, training);
    }

    /// <summary>Checks the inputs, picks the fused kernel or the step loop, and updates a stateful layer's states.</summary>
    internal Tensor[] run(Tensor inputs, Tensor[]? initial_state, Tensor? mask, bool training)
    {
        check_rank(ShapeOf(inputs, batchUnknown: false));
        long batch = inputs.shape[0], time = inputs.shape[1];
        if (input_shape is { } built_shape && built_shape[2] is { } features && inputs.shape[2] != features)
            throw new ArgumentException(
                $"Input 0 of layer \"{name}\" is incompatible with the layer: expected shape=(None, {built_shape[1]?.ToString() ?? "None"}, {features}), found shape={ShapeUtils.Format(inputs)}.",
                nameof(inputs));
        if (time == 0)
            throw new ArgumentException($"Layer \"{name}\" received a sequence of 0 timesteps (shape {ShapeUtils.Format(inputs)}); expected at least one.", nameof(inputs));
        if (!inputs.is_floating_point())
            throw new ArgumentException($"Layer \"{name}\" expects floating-point inputs; received dtype {inputs.dtype}. Token ids go through an Embedding first.", nameof(inputs));
        if (mask is not null) mask = check_mask(mask, batch, time, inputs.device);
        var states = initial_states(initial_state, batch, inputs.device);

        if (mask is not null && fused_preference == true)
            throw new InvalidOperationException($"use_cudnn=True was specified for layer \"{name}\", but the fused kernel does not take a mask. Pass use_cudnn: null (\"auto\") to fall back to the step loop.");
        var (sequence, last, final) = mask is null && fused_for(inputs, training) is { } fused
            ? run_fused(fused, inputs, states, training)
            : run_loop(inputs, states, mask, training);

        if (stateful)
        {
            using var _ = no_grad();
            for (int i = 0; i < final.Length; i++) _states![i].copy_(final[i]);
        }
        var result = new List<Tensor> { return_sequences ? sequence! : last };
        if (return_state) result.AddRange(final);
        return result.ToArray();
    }

    Tensor check_mask(Tensor mask, long batch, long time, Device device)
    {
        var m = mask.dim() == 3 && mask.shape[2] == 1 ? mask.squeeze(2) : mask;
        if (m.dim() != 2 || m.shape[0] != batch || m.shape[1] != time)
            throw new ArgumentException(
                $"The mask given to layer \"{name}\" has shape {ShapeUtils.Format(mask)}; expected (batch, timesteps) = ({batch}, {time}), matching the inputs.",
                nameof(mask));
        if (m.dtype != ScalarType.Bool) m = m.ne(0);
        return m.device == device ? m : m.to(device);
    }

    Tensor[] initial_states(Tensor[]? given, long batch, Device device)
    {
        var sizes = cell.state_size;
        if (given is null)
        {
            if (!stateful) return cell.get_initial_state(batch, device);
            if (_states![0].shape[0] != batch)
                throw new ArgumentException(
                    $"Stateful layer \"{name}\" was built for batches of {_states[0].shape[0]} samples and received {batch}. Feed batches of exactly that size (and shuffle=false).",
                    "inputs");
            return _states.Select(s => s.device == device ? s.clone() : s.to(device)).ToArray();
        }
        if (given.Length != sizes.Count)
            throw new ArgumentException($"Layer \"{name}\" expects {sizes.Count} initial state(s); received {given.Length}.", "initial_state");
        for (int i = 0; i < given.Length; i++)
            if (given[i] is null || given[i].dim() != 2 || given[i].shape[0] != batch || given[i].shape[1] != sizes[i])
                throw new ArgumentException(
                    $"Initial state {i} of layer \"{name}\" must have shape ({batch}, {sizes[i]}); received {(given[i] is null ? "null" : ShapeUtils.Format(given[i]))}.",
                    "initial_state");
        return given;
    }

    /// <summary>Keras's <c>use_cudnn</c> of LSTM and GRU: null = "auto", false = always the step loop, true = the fused kernel or an error.</summary>
    internal bool? fused_preference { get; set; }

    FusedRecurrence? fused_for(Tensor inputs, bool training)
    {
        if (fused_preference == false) return null;
        if (cell.fused_kind(training) is not { } kind)
        {
            if (fused_preference == true)
                throw new InvalidOperationException(
                    $"use_cudnn=True was specified for layer \"{name}\", but the fused kernel does not support this configuration (it needs the default activations, no recurrent dropout in training, GRU reset_after=True, and no mask). Pass use_cudnn: null (\"auto\") to fall back to the step loop.");
            return null;
        }
        var (kernel, _, bias) = cell.fused_weights();
        var fused = FusedRecurrence.For(ref _fused, kind, kernel.shape[0], cell.output_size, bias is not null, kernel.device);
        return fused.busy || !Backend.DeviceConfig.Same(inputs.device, kernel.device) ? null : fused;
    }

    (Tensor? sequence, Tensor last, Tensor[] final) run_fused(FusedRecurrence fused, Tensor inputs, Tensor[] states, bool training)
    {
        var x = go_backwards ? inputs.flip(1) : inputs;
        if (cell.fused_input_mask(inputs, training) is { } dropMask) x = x.mul(dropMask.unsqueeze(1));
        var (kernel, recurrentKernel, bias) = cell.fused_weights();
        var (outputs, final) = fused.run(x, states, kernel, recurrentKernel, bias);
        return (outputs, outputs.select(1, -1), final);
    }

    (Tensor? sequence, Tensor last, Tensor[] final) run_loop(Tensor inputs, Tensor[] states, Tensor? mask, bool training)
    {
        long time = inputs.shape[1];
        var step = cell.begin(inputs, training);
        var outputs = return_sequences ? new List<Tensor>((int)time) : null;
        Tensor? previous = null;
        for (long i = 0; i < time; i++)
        {
            long t = go_backwards ? time - 1 - i : i;
            var (output, next) = step(t, states);
            if (mask is not null)
            {
                var m = mask.select(1, t).unsqueeze(1);
                var held = zero_output_for_mask || previous is null ? zeros_like(output) : previous;
                output = where(m, output, held);
                for (int s = 0; s < next.Length; s++) next[s] = where(m, next[s], states[s]);
            }
            states = next;
            previous = output;
            outputs?.Add(output);
        }
        return (outputs is null ? null : stack(outputs, 1), previous!, states);
    }

    /// <summary>The recurrent arguments of Keras's RNN config, after the base layer's keys.</summary>
    private protected Dictionary<string, object?> rnn_config() => new()
    {
        ["return_sequences"] = return_sequences,
        ["return_state"] = return_state,
        ["go_backwards"] = go_backwards,
        ["stateful"] = stateful,
        ["unroll"] = unroll,
        ["zero_output_for_mask"] = zero_output_for_mask,
    };

    /// <summary>
    /// The config of LSTM, GRU and SimpleRNN: the base layer's keys, the recurrent ones, then the cell's arguments and the
    /// activity regularizer in <paramref name="order"/> (Keras's key order; the cell itself is not written).
    /// </summary>
    private protected Dictionary<string, object?> recurrent_layer_config(Dictionary<string, object?> cellArguments, params string[] order)
    {
        cellArguments["activity_regularizer"] = Saving.Serialization.Regularizer(activity_regularizer);
        var head = new Dictionary<string, object?>(DropoutRNNCell.BaseConfig(base.get_config()));
        foreach (var (k, v) in rnn_config()) head[k] = v;
        return DropoutRNNCell.Compose(head, cellArguments, order);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        foreach (var (k, v) in rnn_config()) c[k] = v;
        c["cell"] = Saving.Serialization.Layer(cell);
        return c;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fused?.Dispose();
            _fused = null;
        }
        base.Dispose(disposing);
    }
}
