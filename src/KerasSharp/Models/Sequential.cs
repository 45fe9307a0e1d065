using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp.Models;

/// <summary>
/// A plain stack of layers, each feeding the next (Keras: <c>keras.Sequential</c>). With an <see cref="InputLayer"/>
/// first (or a first layer given <c>input_shape</c>), the model is built as layers are added; otherwise at the first
/// <c>fit</c>/<c>evaluate</c>/<c>predict</c> or <c>build</c>. <see cref="Model.layers"/> leaves the InputLayer out.
/// </summary>
public class Sequential : Model
{
    readonly List<Layer> _stack = new();
    readonly HashSet<string> _names = new(StringComparer.Ordinal); // the stack's names: add stays O(1), loading n layers O(n)

    /// <summary>Creates the model from <paramref name="layers"/>, in order.</summary>
    public Sequential(IEnumerable<Layer>? layers = null, string? name = null, bool trainable = true, string? dtype = null) : base(name, trainable, dtype: dtype)
    {
        if (layers is not null)
        {
            foreach (var layer in layers) add(layer, rebuild: false);
            maybe_rebuild();
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<Layer> layers => _stack.Where(l => l is not InputLayer).ToList();

    /// <summary>The InputLayer, if the model has one.</summary>
    public InputLayer? input_layer => _stack.FirstOrDefault() as InputLayer;

    /// <summary>Appends a layer (Keras: <c>model.add</c>).</summary>
    public void add(Layer layer, bool rebuild = true)
    {
        if (layer is null)
            throw new ArgumentNullException(nameof(layer), "Only instances of `Layer` can be added to a Sequential model. Received: null");
        if (layer is InputLayer && _stack.Count > 0)
            throw new ArgumentException(
                $"Sequential model '{name}' has already been configured to use input shape {ShapeUtils.Format(_stack[0].input_shape ?? Array.Empty<long?>())}. You cannot add a different InputLayer to it.",
                nameof(layer));
        if (_names.Contains(layer.name))
            throw new ArgumentException(
                $"All layers added to a Sequential model should have unique names. Name '{layer.name}' is already the name of a layer in this model. Update the `name` argument to pass a unique name.",
                nameof(layer));
        if (ReferenceEquals(layer, this))
            throw new ArgumentException("A model cannot be added to itself.", nameof(layer));
        if (layer is Model nested && nested.contains_layer(this))
            throw new ArgumentException(
                $"Model '{layer.name}' cannot be added to Sequential model '{name}': it already contains '{name}', so the model would contain itself.",
                nameof(layer));
        if (_stack.Count == 0 && layer.input_shape_arg is { } shape)
        {
            // Keras (Sequential.add): a first layer given `input_shape` gets an InputLayer of that shape.
            var input = new InputLayer(shape: shape, batch_size: layer.batch_size_arg);
            _stack.Add(input);
            _names.Add(input.name);
            add_layer(input);
        }
        _stack.Add(layer);
        _names.Add(layer.name);
        add_layer(layer);
        if (rebuild) maybe_rebuild();
    }

    /// <summary>Removes and returns the last layer (Keras: <c>model.pop</c>).</summary>
    public Layer pop(bool rebuild = true)
    {
        if (layers.Count == 0) throw new InvalidOperationException($"There are no layers in model '{name}' to pop.");
        var last = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        _names.Remove(last.name);
        remove_layer(last);
        if (rebuild) maybe_rebuild();
        return last;
    }

    void maybe_rebuild()
    {
        if (_stack.Count >= 2 && _stack[0] is InputLayer input) build_model(input.batch_shape);
    }

    /// <summary>Builds every layer for <paramref name="input_shape"/> (batch dimension first), chaining output shapes.</summary>
    public override void build(long?[] input_shape) => build_model(input_shape);

    internal override void build_model(long?[] input_shape)
    {
        var shape = input_shape;
        foreach (var layer in _stack)
        {
            try
            {
                layer.ensure_built(shape);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Sequential model '{name}' could not build layer '{layer.name}' for input shape {ShapeUtils.Format(shape)}: {e.Message}", nameof(input_shape), e);
            }
            shape = layer.compute_output_shape(shape);
        }
        mark_built(input_shape);
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training) => run(inputs, training, _stack.Count);

    /// <summary>The last layer, or null when the model is empty.</summary>
    internal Layer? last_layer => _stack.Count > 0 ? _stack[^1] : null;

    /// <summary>The output of every layer but the last (fit's fused softmax-crossentropy head applies the last one itself).</summary>
    internal Tensor call_all_but_last(Tensor inputs, bool training) => run(inputs, training, _stack.Count - 1);

    /// <summary>Runs the first <paramref name="count"/> layers of the stack (the InputLayer passes its input through).</summary>
    Tensor run(Tensor inputs, bool training, int count)
    {
        var x = inputs;
        Tensor? mask = null;
        Layer? producer = null;
        for (int i = 0; i < count; i++)
        {
            if (_stack[i] is InputLayer) continue;
            var (y, m) = _stack[i].invoke_masked(x, mask, training);
            // An intermediate result between two layers that keep no tensors is disposed once used, as TorchSharp's
            // nn.Sequential does: its memory goes when backward has used it, not at the end of the step.
            if (producer is not null && TensorRelease.Applies(producer) && TensorRelease.Applies(_stack[i]) && !ReferenceEquals(x, inputs))
                TensorRelease.Release(x, y);
            (x, mask, producer) = (y, m, _stack[i]);
        }
        return set_keras_mask(x, mask); // the loss reads the output's mask from it, as Keras's does
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        var shape = input_shape;
        foreach (var layer in _stack) shape = layer.compute_output_shape(shape);
        return shape;
    }

    /// <summary>
    /// Keras's Sequential config: name, trainable, dtype, the serialized layers (with the InputLayer first once the model
    /// is built; Keras adds one when it builds a model that has none) and <c>build_input_shape</c> once built.
    /// </summary>
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        var entries = new List<object?>();
        if (built && _stack.FirstOrDefault() is not InputLayer && input_shape is { } shape)
        {
            var name = "input_layer";
            for (int i = 1; _names.Contains(name); i++) name = $"input_layer_{i}";
            entries.Add(Saving.Serialization.KerasObject("keras.layers", "InputLayer", new Dictionary<string, object?>
            {
                ["batch_shape"] = Saving.Serialization.Shape(shape),
                ["dtype"] = "float32",
                ["sparse"] = false,
                ["ragged"] = false,
                ["name"] = name,
                ["optional"] = false,
            }));
        }
        entries.AddRange(_stack.Select(l => (object?)Saving.Serialization.Layer(l)));
        c["layers"] = entries;
        if (built && input_shape is { } buildShape) c["build_input_shape"] = Saving.Serialization.Shape(buildShape);
        return c;
    }
}
