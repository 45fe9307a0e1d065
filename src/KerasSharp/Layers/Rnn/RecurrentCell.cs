using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// A recurrent cell: the computation of one time step, driven over a sequence by <see cref="RNN"/> (Keras: any layer
/// with <c>call(inputs, states)</c> and <c>state_size</c>, the contract of keras/src/layers/rnn/rnn.py). Subclass it for
/// a cell of your own: give <see cref="state_size"/> and the step <see cref="call(Tensor, Tensor[], bool)"/>.
/// </summary>
public abstract class RecurrentCell : Layer
{
    /// <summary>Creates the cell.</summary>
    protected RecurrentCell(string? name = null, bool trainable = true, Regularizer? activity_regularizer = null, string? dtype = null,
        int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, activity_regularizer, dtype, input_shape, input_dim, batch_size) { }

    /// <summary>The size of each state (Keras: <c>state_size</c>; LSTM: [units, units]).</summary>
    public abstract IReadOnlyList<int> state_size { get; }

    /// <summary>The size of the step output (Keras: <c>output_size</c>; defaults to the first state's size).</summary>
    public virtual int output_size => state_size[0];

    /// <summary>One step: the output and the new states for <paramref name="inputs"/> (batch, features) and the states.</summary>
    public abstract (Tensor output, Tensor[] states) call(Tensor inputs, Tensor[] states, bool training = false);

    /// <summary>One step from zero states (a convenience; Keras requires the states).</summary>
    public override Tensor call(Tensor inputs, bool training) =>
        call(inputs, get_initial_state(inputs.shape[0], inputs.device), training).output;

    /// <summary>Zero states for a batch (Keras: <c>get_initial_state(batch_size)</c>).</summary>
    public virtual Tensor[] get_initial_state(long batch_size, Device? device = null) =>
        state_size.Select(s => zeros(new[] { batch_size, (long)s }, ScalarType.Float32, device ?? CPU)).ToArray();

    /// <summary>
    /// Prepares a pass over <paramref name="sequences"/> (batch, time, features): the step function of time index t
    /// (in the sequence's own order) and the states. Built-in cells project all steps at once and draw their dropout
    /// masks here; the default calls <see cref="call(Tensor, Tensor[], bool)"/> on each step.
    /// </summary>
    internal virtual Func<long, Tensor[], (Tensor output, Tensor[] states)> begin(Tensor sequences, bool training) =>
        (t, states) => call(sequences.select(1, t), states, training);

    /// <summary>The fused libtorch kernel for this configuration, or null when only the step loop can express it.</summary>
    internal virtual FusedRecurrence.Kind? fused_kind(bool training) => null;

    /// <summary>The Keras-layout weights handed to the fused kernel: kernel, recurrent kernel, bias (or null).</summary>
    internal virtual (Tensor kernel, Tensor recurrent_kernel, Tensor? bias) fused_weights() =>
        throw new NotSupportedException($"Cell {name} has no fused kernel.");

    /// <summary>The input dropout mask for the fused kernel (one per sequence, as Keras), or null.</summary>
    internal virtual Tensor? fused_input_mask(Tensor sequences, bool training) => null;
}
