using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Applies a layer to every time step of (batch, time, ...) inputs (Keras: <c>keras.layers.TimeDistributed</c>,
/// keras/src/layers/rnn/time_distributed.py): the same weights at each step, the steps folded into the batch for one
/// call of the inner layer. The inner layer is built for (batch, ...) and saved under the attribute "layer"; the mask
/// passes through.
/// </summary>
public sealed class TimeDistributed : Layer
{
    /// <summary>Wraps <paramref name="layer"/>.</summary>
    public TimeDistributed(Layer layer, string? name = null, string? dtype = null, bool trainable = true,
        int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, null, dtype, input_shape, input_dim, batch_size)
    {
        this.layer = layer ?? throw new ArgumentNullException(nameof(layer), "Please initialize `TimeDistributed` layer with a `keras.layers.Layer` instance. Received: null");
        add_layer(layer);
    }

    /// <summary>The wrapped layer.</summary>
    public Layer layer { get; }

    /// <inheritdoc />
    public override bool supports_masking => true;

    /// <inheritdoc />
    internal override IReadOnlyList<(string attribute, Layer layer)> saved_attributes => new[] { ("layer", layer) };

    static long?[] child_shape(long?[] input_shape)
    {
        if (input_shape.Length < 3)
            throw new ArgumentException(
                $"`TimeDistributed` Layer should be passed an `input_shape` with at least 3 dimensions, received: {ShapeUtils.Format(input_shape)}", nameof(input_shape));
        return new[] { input_shape[0] }.Concat(input_shape.Skip(2)).ToArray();
    }

    /// <inheritdoc />
    public override void build(long?[] input_shape) => layer.ensure_built(child_shape(input_shape));

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        var child = layer.compute_output_shape(child_shape(input_shape));
        return new[] { child[0], input_shape[1] }.Concat(child.Skip(1)).ToArray();
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        child_shape(ShapeOf(inputs, batchUnknown: false));
        long batch = inputs.shape[0], time = inputs.shape[1];
        var folded = inputs.reshape(new[] { batch * time }.Concat(inputs.shape.Skip(2)).ToArray());
        var y = layer.invoke(folded, training);
        return y.reshape(new[] { batch, time }.Concat(y.shape.Skip(1)).ToArray());
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, Tensor? mask, bool training)
    {
        if (mask is not null && (mask.dim() < 2 || mask.shape[0] != inputs.shape[0] || mask.shape[1] != inputs.shape[1]))
            throw new ArgumentException(
                $"`TimeDistributed` Layer should be passed a `mask` of shape ({inputs.shape[0]}, {inputs.shape[1]}, ...), received: mask.shape={ShapeUtils.Format(mask)}", nameof(mask));
        return call(inputs, training);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["layer"] = Saving.Serialization.Layer(layer);
        return c;
    }
}
