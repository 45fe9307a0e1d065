using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Runs a recurrent layer forwards and a copy backwards and merges their outputs (Keras: <c>keras.layers.Bidirectional</c>,
/// keras/src/layers/rnn/bidirectional.py). As in Keras, both directions are new layers rebuilt from
/// <c>layer</c>'s config ("forward_&lt;name&gt;", and "backward_&lt;name&gt;" with <c>go_backwards</c> flipped)
/// unless <c>backward_layer</c> is given; the backward outputs are flipped back in time before merging with
/// <c>merge_mode</c> "concat" (default), "sum", "mul", "ave", or null (both outputs, forward first); masked steps output
/// zeros when the sequences are returned. Weights: the forward layer's, then the backward layer's.
/// </summary>
public sealed class Bidirectional : Layer
{
    static readonly string?[] MergeModes = { "sum", "mul", "ave", "concat", null };

    /// <summary>Keras's arguments: <paramref name="merge_mode"/> is "concat", "sum", "mul", "ave" or null.</summary>
    public Bidirectional(RNN layer, string? merge_mode = "concat", RNN? backward_layer = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, null, dtype, input_shape, input_dim, batch_size)
    {
        ArgumentNullException.ThrowIfNull(layer, nameof(layer));
        if (!MergeModes.Contains(merge_mode))
            throw new ArgumentException($"Invalid merge mode. Received: {merge_mode}. Merge mode should be one of {{\"sum\", \"mul\", \"ave\", \"concat\", None}}", nameof(merge_mode));
        forward_layer = Copy(layer, "forward_", goBackwards: null);
        this.backward_layer = backward_layer ?? Copy(layer, "backward_", goBackwards: !layer.go_backwards);
        if (forward_layer.go_backwards == this.backward_layer.go_backwards)
            throw new ArgumentException(
                $"Forward layer and backward layer should have different `go_backwards` value. Received: forward_layer.go_backwards {forward_layer.go_backwards}, backward_layer.go_backwards={this.backward_layer.go_backwards}",
                nameof(backward_layer));
        foreach (var (a, f, b) in new[]
        {
            ("stateful", forward_layer.stateful, this.backward_layer.stateful),
            ("return_sequences", forward_layer.return_sequences, this.backward_layer.return_sequences),
            ("return_state", forward_layer.return_state, this.backward_layer.return_state),
        })
            if (f != b)
                throw new ArgumentException($"Forward layer and backward layer are expected to have the same value for attribute \"{a}\", got \"{f}\" for forward layer and \"{b}\" for backward layer", nameof(backward_layer));
        // Keras: force_zero_output_for_mask.
        forward_layer.zero_output_for_mask = forward_layer.return_sequences;
        this.backward_layer.zero_output_for_mask = this.backward_layer.return_sequences;
        this.merge_mode = merge_mode;
        add_layer(forward_layer);
        add_layer(this.backward_layer);
    }

    /// <summary>Keras's copy through the layer's config, renamed (and with go_backwards set when given).</summary>
    static RNN Copy(RNN layer, string prefix, bool? goBackwards)
    {
        // Through JSON, as Keras's serialize/deserialize: the config's values become what a file would give.
        var serialized = (Dictionary<string, object?>)Saving.PythonJson.Loads(Saving.PythonJson.Dumps(Saving.Serialization.Layer(layer)))!;
        serialized.Remove("build_config");
        var config = new Dictionary<string, object?>((Dictionary<string, object?>)serialized["config"]!);
        config["name"] = prefix + (layer.name.StartsWith(prefix, StringComparison.Ordinal) ? layer.name[prefix.Length..] : layer.name);
        if (goBackwards is { } g) config["go_backwards"] = g;
        var copy = new Dictionary<string, object?>(serialized) { ["config"] = config };
        return (RNN)Saving.Serialization.DeserializeLayer(copy);
    }

    /// <summary>The forward direction.</summary>
    public RNN forward_layer { get; }
    /// <summary>The backward direction.</summary>
    public RNN backward_layer { get; }
    /// <summary>How the two directions are combined (null: both returned).</summary>
    public string? merge_mode { get; }
    /// <summary>Whether the sequences are returned (the wrapped layer's setting).</summary>
    public bool return_sequences => forward_layer.return_sequences;
    /// <summary>Whether the final states follow the output (forward states, then backward states).</summary>
    public bool return_state => forward_layer.return_state;
    /// <summary>Whether the states carry over between batches.</summary>
    public bool stateful => forward_layer.stateful;

    /// <inheritdoc />
    public override bool supports_masking => true;

    /// <inheritdoc />
    internal override IReadOnlyList<(string attribute, Layer layer)> saved_attributes =>
        new[] { ("forward_layer", (Layer)forward_layer), ("backward_layer", (Layer)backward_layer) };

    /// <inheritdoc />
    public override void build(long?[] input_shape)
    {
        forward_layer.ensure_built(input_shape);
        backward_layer.ensure_built(input_shape);
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape) => compute_output_shapes(input_shape)[0];

    /// <inheritdoc />
    public override IReadOnlyList<long?[]> compute_output_shapes(long?[] input_shape)
    {
        var inner = forward_layer.compute_output_shapes(input_shape);
        var output = (long?[])inner[0].Clone();
        var states = inner.Skip(1).ToList();
        var shapes = new List<long?[]>();
        var backward = backward_layer.compute_output_shapes(input_shape);
        // The sizes the outputs have (Keras doubles the forward size, which differs for a narrower backward_layer).
        if (merge_mode == "concat") output[^1] += backward[0][^1];
        shapes.Add(output);
        if (merge_mode is null) shapes.Add(backward[0]);
        shapes.AddRange(states);
        shapes.AddRange(backward.Skip(1));
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
    /// Keras's <c>layer(sequences, initial_state=..., mask=...)</c>: the merged output (two with merge_mode null), then
    /// the forward and the backward final states with return_state. <paramref name="initial_state"/>: the forward
    /// layer's states, then the backward layer's.
    /// </summary>
    public Tensor[] call(Tensor sequences, Tensor[]? initial_state, Tensor? mask = null, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (!built) ensure_built(ShapeOf(sequences, batchUnknown: !stateful));
        return run(sequences, initial_state, mask, training);
    }

    Tensor[] run(Tensor inputs, Tensor[]? initial_state, Tensor? mask, bool training)
    {
        Tensor[]? fs = null, bs = null;
        if (initial_state is not null)
        {
            int half = initial_state.Length / 2;
            fs = initial_state.Take(half).ToArray();
            bs = initial_state.Skip(half).ToArray();
        }
        var f = forward_layer.run(inputs, fs, mask, training);
        var b = backward_layer.run(inputs, bs, mask, training);
        var y = f[0];
        var yr = return_sequences ? b[0].flip(1) : b[0];
        var outputs = new List<Tensor>();
        switch (merge_mode)
        {
            case "concat": outputs.Add(cat(new[] { y, yr }, -1)); break;
            case "sum": outputs.Add(y.add(yr)); break;
            case "ave": outputs.Add(y.add(yr).div_(2)); break;
            case "mul": outputs.Add(y.mul(yr)); break;
            default: outputs.Add(y); outputs.Add(yr); break;
        }
        if (return_state)
        {
            outputs.AddRange(f.Skip(1));
            outputs.AddRange(b.Skip(1));
        }
        return outputs.ToArray();
    }

    /// <summary>Zeros both directions' states (Keras: <c>reset_state()</c>; the layer must be stateful).</summary>
    public void reset_state()
    {
        if (!stateful) throw new InvalidOperationException("Layer must be stateful.");
        forward_layer.reset_state();
        backward_layer.reset_state();
    }

    /// <summary>Keras's compatibility alias of <see cref="reset_state"/>.</summary>
    public void reset_states() => reset_state();

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["merge_mode"] = merge_mode;
        c["layer"] = Saving.Serialization.Layer(forward_layer);
        c["backward_layer"] = Saving.Serialization.Layer(backward_layer);
        return c;
    }
}
