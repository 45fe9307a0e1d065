using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Turns token ids into dense vectors (Keras: <c>keras.layers.Embedding</c>, keras/src/layers/core/embedding.py): a
/// table <c>embeddings</c> of shape (input_dim, output_dim), initialised U(±0.05) ("uniform"), looked up row by row.
/// Inputs of any shape (batch, ...) of integer ids (floating-point ids are truncated, as Keras casts them to int32);
/// the output adds a last dimension of output_dim. With <c>mask_zero</c> id 0 is padding: the output carries the mask
/// <c>ids != 0</c> to the next layers (so input_dim should count it).
/// </summary>
public sealed class Embedding : Layer
{
    /// <summary>Keras's arguments and defaults.</summary>
    public Embedding(int input_dim, int output_dim, Initializer? embeddings_initializer = null, Regularizer? embeddings_regularizer = null,
        Regularizer? activity_regularizer = null, Constraint? embeddings_constraint = null, bool mask_zero = false,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? batch_size = null)
        : base(name, trainable, activity_regularizer, dtype, input_shape, null, batch_size)
    {
        if (input_dim <= 0)
            throw new ArgumentException($"Received an invalid value for argument `input_dim`. Expected a positive integer. Received: input_dim={input_dim}", nameof(input_dim));
        if (output_dim <= 0)
            throw new ArgumentException($"Received an invalid value for argument `output_dim`. Expected a positive integer. Received: output_dim={output_dim}", nameof(output_dim));
        this.input_dim = input_dim;
        this.output_dim = output_dim;
        this.embeddings_initializer = embeddings_initializer ?? new RandomUniform(-0.05, 0.05);
        this.embeddings_regularizer = embeddings_regularizer;
        this.embeddings_constraint = embeddings_constraint;
        this.mask_zero = mask_zero;
    }

    /// <summary>Size of the vocabulary (largest id + 1).</summary>
    public int input_dim { get; }
    /// <summary>Size of each vector.</summary>
    public int output_dim { get; }
    /// <summary>Initializer of the table (U(±0.05)).</summary>
    public Initializer embeddings_initializer { get; }
    /// <summary>Penalty on the table.</summary>
    public Regularizer? embeddings_regularizer { get; }
    /// <summary>Constraint on the table.</summary>
    public Constraint? embeddings_constraint { get; }
    /// <summary>Whether id 0 is padding, masked for the following layers.</summary>
    public bool mask_zero { get; }

    /// <summary>The table, (input_dim, output_dim); null before the layer is built.</summary>
    public Variable? embeddings { get; private set; }

    /// <inheritdoc />
    public override bool supports_masking => mask_zero;

    /// <inheritdoc />
    public override void build(long?[] input_shape) =>
        embeddings = add_weight("embeddings", new[] { (long)input_dim, output_dim }, embeddings_initializer, embeddings_regularizer);

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var ids = ToIds(inputs);
        var table = embeddings!.value;
        if (ids.device.type != TorchSharp.DeviceType.CPU) Check(ids); // a bad index is a device-side assert there, not an exception
        Tensor rows;
        try
        {
            rows = table.index_select(0, ids.reshape(-1));
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            Check(ids);
            throw;
        }
        return rows.reshape(ids.shape.Append(output_dim).ToArray());
    }

    /// <summary>Ids as int64 on the table's device; floating-point ids are truncated toward zero, as Keras's cast to int32.</summary>
    Tensor ToIds(Tensor inputs)
    {
        if (inputs.dtype == ScalarType.Bool || inputs.is_complex())
            throw new ArgumentException($"Layer \"{name}\" (Embedding) expects integer token ids; received a tensor of dtype {inputs.dtype}.", nameof(inputs));
        var ids = inputs.dtype == ScalarType.Int64 ? inputs : inputs.to_type(ScalarType.Int64);
        var device = embeddings!.value.device;
        return Backend.DeviceConfig.Same(ids.device, device) ? ids : ids.to(device);
    }

    /// <summary>Throws an ArgumentException naming the first id outside [0, input_dim).</summary>
    void Check(Tensor ids)
    {
        using var _ = NewDisposeScope();
        var bad = ids.lt(0).logical_or_(ids.ge(input_dim));
        if (!bad.any().item<bool>()) return;
        var flat = ids.reshape(-1);
        long at = bad.reshape(-1).nonzero()[0, 0].item<long>();
        long value = flat[at].item<long>();
        throw new ArgumentException(
            $"Layer \"{name}\" (Embedding) received token id {value} (at flat position {at} of inputs of shape {ShapeUtils.Format(ids)}); ids must be in [0, input_dim) = [0, {input_dim}).",
            "inputs");
    }

    /// <inheritdoc />
    public override Tensor? compute_mask(Tensor inputs, Tensor? mask) => mask_zero ? inputs.ne(0) : null;

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape) => input_shape.Append(output_dim).ToArray();

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = new Dictionary<string, object?>(base.get_config().Where(kv => kv.Key != "activity_regularizer"))
        {
            ["input_dim"] = input_dim,
            ["output_dim"] = output_dim,
            ["embeddings_initializer"] = Saving.Serialization.Initializer(embeddings_initializer),
            ["embeddings_regularizer"] = Saving.Serialization.Regularizer(embeddings_regularizer),
            ["activity_regularizer"] = Saving.Serialization.Regularizer(activity_regularizer),
            ["embeddings_constraint"] = embeddings_constraint is null ? null
                : Saving.Serialization.KerasObject("keras.constraints", embeddings_constraint.class_name, embeddings_constraint.get_config()),
            ["mask_zero"] = mask_zero,
        };
        return c;
    }
}
