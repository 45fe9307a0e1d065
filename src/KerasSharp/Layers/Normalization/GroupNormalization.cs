using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Normalizes each sample over groups of channels (Keras: <c>keras.layers.GroupNormalization</c>,
/// keras/src/layers/normalization/group_normalization.py): the channels along <see cref="axis"/> are split into
/// <see cref="groups"/> consecutive groups; each group's mean and biased variance are taken over its channels and
/// every other non-batch axis; <c>(x - mean) / sqrt(var + epsilon) * gamma + beta</c> with one gamma and beta per
/// channel. <c>groups=-1</c> means one group per channel (instance normalization). Runs libtorch's fused
/// <c>group_norm</c> in the native (batch, channels, ...) layout, so after a channels_last convolution it needs no copy
/// (<see cref="SpatialLayout"/>); half-precision inputs are normalized in float32 and cast back, as in Keras.
/// </summary>
public sealed class GroupNormalization : Layer
{
    /// <summary>Keras's arguments and defaults (groups 32, axis -1, epsilon 1e-3).</summary>
    public GroupNormalization(int groups = 32, int axis = -1, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? beta_initializer = null, Initializer? gamma_initializer = null,
        Regularizer? beta_regularizer = null, Regularizer? gamma_regularizer = null,
        Constraint? beta_constraint = null, Constraint? gamma_constraint = null,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        if (groups == 0 || groups < -1)
            throw new ArgumentException($"`groups` must be a positive integer, or -1 for one group per channel. Received: groups={groups}", nameof(groups));
        if (!(epsilon >= 0) || !double.IsFinite(epsilon))
            throw new ArgumentException($"`epsilon` must be a non-negative finite number. Received: epsilon={epsilon}", nameof(epsilon));
        this.groups = groups;
        this.axis = axis;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
        this.beta_initializer = beta_initializer ?? new Zeros();
        this.gamma_initializer = gamma_initializer ?? new Ones();
        this.beta_regularizer = beta_regularizer;
        this.gamma_regularizer = gamma_regularizer;
        this.beta_constraint = beta_constraint;
        this.gamma_constraint = gamma_constraint;
    }

    /// <summary>The number of channel groups (-1 before building = one per channel; the channel count after).</summary>
    public int groups { get; private set; }
    /// <summary>The channel axis (negative counts from the end).</summary>
    public int axis { get; }
    /// <summary>Added to the variance before the square root.</summary>
    public double epsilon { get; }
    /// <summary>Whether <c>beta</c> is added.</summary>
    public bool center { get; }
    /// <summary>Whether the output is multiplied by <c>gamma</c>.</summary>
    public bool scale { get; }
    /// <summary>Initializer of beta (zeros).</summary>
    public Initializer beta_initializer { get; }
    /// <summary>Initializer of gamma (ones).</summary>
    public Initializer gamma_initializer { get; }
    /// <summary>Penalty on beta.</summary>
    public Regularizer? beta_regularizer { get; }
    /// <summary>Penalty on gamma.</summary>
    public Regularizer? gamma_regularizer { get; }
    /// <summary>Projection of beta after each optimizer step.</summary>
    public Constraint? beta_constraint { get; }
    /// <summary>Projection of gamma after each optimizer step.</summary>
    public Constraint? gamma_constraint { get; }

    /// <summary>The per-channel scale; null without <see cref="scale"/> or before building.</summary>
    public Variable? gamma { get; private set; }
    /// <summary>The per-channel offset; null without <see cref="center"/> or before building.</summary>
    public Variable? beta { get; private set; }

    int _axis;
    long _channels;

    /// <inheritdoc />
    public override void build(long?[] input_shape)
    {
        _axis = NormalizationAxes.Resolve(this, new[] { axis }, input_shape, axis.ToString(System.Globalization.CultureInfo.InvariantCulture))[0];
        if (_axis == 0)
            throw new ArgumentException($"Layer '{name}' (GroupNormalization) cannot normalize over the batch axis (axis={axis}).", nameof(input_shape));
        if (input_shape[_axis] is not { } dim)
            throw new ArgumentException(
                $"Axis {axis} of input tensor should have a defined dimension but the layer received an input with shape {ShapeUtils.Format(input_shape)}.", nameof(input_shape));
        int g = groups == -1 ? checked((int)dim) : groups;
        if (dim < g)
            throw new ArgumentException($"Number of groups ({g}) cannot be more than the number of channels ({dim}) (layer '{name}').", nameof(groups));
        if (dim % g != 0)
            throw new ArgumentException($"Number of groups ({g}) must be a multiple of the number of channels ({dim}) (layer '{name}'): the channels must divide into equal groups.", nameof(groups));
        groups = g;
        _channels = dim;
        if (scale) gamma = add_weight("gamma", new[] { dim }, gamma_initializer, gamma_regularizer, constraint: gamma_constraint);
        if (center) beta = add_weight("beta", new[] { dim }, beta_initializer, beta_regularizer, constraint: beta_constraint);
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        NormalizationAxes.Resolve(this, new[] { axis }, input_shape, axis.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return input_shape;
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        int rank = (int)inputs.dim();
        if (rank != input_shape!.Length || inputs.shape[_axis] != _channels)
            throw new ArgumentException(
                $"Input of layer '{name}' (GroupNormalization) has shape {ShapeUtils.Format(inputs)}; the layer was built for {_channels} channels along axis {axis} of rank-{input_shape.Length} inputs.", nameof(inputs));
        var original = inputs.dtype;
        var x = original is ScalarType.Float16 or ScalarType.BFloat16 ? inputs.to_type(ScalarType.Float32) : inputs;
        var g = gamma?.value.to_type(x.dtype);
        var b = beta?.value.to_type(x.dtype);
        Tensor y;
        if (_axis == rank - 1 && rank > 2)
        {
            // channels_last: the native (batch, channels, ...) view is free after a convolution.
            var native = SpatialLayout.ToNative(x, "channels_last");
            y = SpatialLayout.FromNative(nn.functional.group_norm(native, groups, g, b, epsilon), "channels_last");
        }
        else if (_axis == 1)
        {
            y = nn.functional.group_norm(x, groups, g, b, epsilon);
        }
        else
        {
            var perm = Enumerable.Range(0, rank).Where(d => d != _axis).Select(d => (long)d).ToList();
            perm.Insert(1, _axis);
            var inverse = new long[rank];
            for (int i = 0; i < rank; i++) inverse[perm[i]] = i;
            y = nn.functional.group_norm(x.permute(perm.ToArray()), groups, g, b, epsilon).permute(inverse);
        }
        return y.dtype == original ? y : y.to_type(original);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["groups"] = groups;
        c["axis"] = axis;
        c["epsilon"] = epsilon;
        c["center"] = center;
        c["scale"] = scale;
        c["beta_initializer"] = Saving.Serialization.Initializer(beta_initializer);
        c["gamma_initializer"] = Saving.Serialization.Initializer(gamma_initializer);
        c["beta_regularizer"] = Saving.Serialization.Regularizer(beta_regularizer);
        c["gamma_regularizer"] = Saving.Serialization.Regularizer(gamma_regularizer);
        c["beta_constraint"] = Saving.Serialization.Constraint(beta_constraint);
        c["gamma_constraint"] = Saving.Serialization.Constraint(gamma_constraint);
        return c;
    }
}
