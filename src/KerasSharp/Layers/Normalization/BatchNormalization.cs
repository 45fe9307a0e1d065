using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Normalizes each feature along <see cref="axis"/> (Keras: <c>keras.layers.BatchNormalization</c>,
/// keras/src/layers/normalization/batch_normalization.py). In training it uses the batch's mean and (biased) variance
/// and moves <c>moving_mean</c> / <c>moving_variance</c> toward them, <c>moving = moving * momentum + batch * (1 -
/// momentum)</c>; in inference, and always when the layer is frozen (<c>trainable = false</c>, as in Keras 3), it uses
/// the moving statistics. Output <c>(x - mean) / sqrt(var + epsilon) * gamma + beta</c>. The moving statistics are
/// non-trainable weights: saved, counted under "Non-trainable params", never trained.
/// </summary>
public sealed class BatchNormalization : Layer
{
    /// <summary>Keras's arguments and defaults (axis -1, momentum 0.99, epsilon 1e-3).</summary>
    public BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? beta_initializer = null, Initializer? gamma_initializer = null,
        Initializer? moving_mean_initializer = null, Initializer? moving_variance_initializer = null,
        Regularizer? beta_regularizer = null, Regularizer? gamma_regularizer = null,
        Constraint? beta_constraint = null, Constraint? gamma_constraint = null, bool synchronized = false,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        if (synchronized)
            throw new ArgumentException("Argument synchronized=True is only supported with the TensorFlow backend.", nameof(synchronized));
        if (!double.IsFinite(momentum))
            throw new ArgumentException($"`momentum` must be a finite number. Received: momentum={momentum}", nameof(momentum));
        if (!(epsilon >= 0) || !double.IsFinite(epsilon))
            throw new ArgumentException($"`epsilon` must be a non-negative finite number. Received: epsilon={epsilon}", nameof(epsilon));
        this.axis = axis;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
        this.beta_initializer = beta_initializer ?? new Zeros();
        this.gamma_initializer = gamma_initializer ?? new Ones();
        this.moving_mean_initializer = moving_mean_initializer ?? new Zeros();
        this.moving_variance_initializer = moving_variance_initializer ?? new Ones();
        this.beta_regularizer = beta_regularizer;
        this.gamma_regularizer = gamma_regularizer;
        this.beta_constraint = beta_constraint;
        this.gamma_constraint = gamma_constraint;
    }

    /// <summary>The feature axis (negative counts from the end).</summary>
    public int axis { get; }
    /// <summary>Weight of the old value in the moving statistics' update.</summary>
    public double momentum { get; }
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
    /// <summary>Initializer of the moving mean (zeros).</summary>
    public Initializer moving_mean_initializer { get; }
    /// <summary>Initializer of the moving variance (ones).</summary>
    public Initializer moving_variance_initializer { get; }
    /// <summary>Penalty on beta.</summary>
    public Regularizer? beta_regularizer { get; }
    /// <summary>Penalty on gamma.</summary>
    public Regularizer? gamma_regularizer { get; }
    /// <summary>Projection of beta after each optimizer step.</summary>
    public Constraint? beta_constraint { get; }
    /// <summary>Projection of gamma after each optimizer step.</summary>
    public Constraint? gamma_constraint { get; }

    /// <summary>The scale, shape (features); null without <see cref="scale"/> or before building.</summary>
    public Variable? gamma { get; private set; }
    /// <summary>The offset, shape (features); null without <see cref="center"/> or before building.</summary>
    public Variable? beta { get; private set; }
    /// <summary>The moving mean (non-trainable); null before building.</summary>
    public Variable? moving_mean { get; private set; }
    /// <summary>The moving variance (non-trainable); null before building.</summary>
    public Variable? moving_variance { get; private set; }

    int _axis;

    /// <inheritdoc />
    public override void build(long?[] input_shape)
    {
        _axis = Axis(input_shape.Length, input_shape);
        if (input_shape[_axis] is not { } features)
            throw new ArgumentException(
                $"Layer '{name}' (BatchNormalization) needs a known size along axis {axis}; received input shape {ShapeUtils.Format(input_shape)}.",
                nameof(input_shape));
        var shape = new[] { features };
        if (scale) gamma = add_weight("gamma", shape, gamma_initializer, gamma_regularizer, constraint: gamma_constraint);
        if (center) beta = add_weight("beta", shape, beta_initializer, beta_regularizer, constraint: beta_constraint);
        moving_mean = add_weight("moving_mean", shape, moving_mean_initializer, trainable: false);
        moving_variance = add_weight("moving_variance", shape, moving_variance_initializer, trainable: false);
    }

    int Axis(int rank, long?[] shape)
    {
        if (rank < 2 || axis >= rank || axis < -rank)
            throw new ArgumentException(
                $"Layer '{name}' (BatchNormalization) normalizes axis {axis}, which inputs of shape {ShapeUtils.Format(shape)} do not have (expected rank >= 2, with batch first).",
                "inputs");
        return axis < 0 ? axis + rank : axis;
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        Axis(input_shape.Length, input_shape);
        return input_shape;
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        int rank = (int)inputs.dim();
        int a = Axis(rank, Layer.ShapeOf(inputs, batchUnknown: false));
        long features = moving_mean!.shape[0];
        if (inputs.shape[a] != features)
            throw new ArgumentException(
                $"Input of layer '{name}' (BatchNormalization) has size {inputs.shape[a]} along axis {axis} (shape {ShapeUtils.Format(inputs)}), but the layer was built for {features}.",
                nameof(inputs));

        // torch's batch_norm wants the features at dimension 1; the order of the other dimensions does not matter.
        var perm = Enumerable.Range(0, rank).Where(d => d != a).Select(d => (long)d).ToList();
        perm.Insert(1, a);
        bool moved = perm.Select((d, i) => d != i).Any(b => b);
        var x = moved ? inputs.permute(perm.ToArray()) : inputs;
        long count = inputs.numel() / Math.Max(features, 1);

        Tensor y;
        if (training && trainable && count > 1)
        {
            // One fused kernel: torch returns the batch mean and the unbiased variance in the "running" tensors when
            // momentum is 1; Keras moves its statistics with the biased variance, (count - 1) / count of it.
            var batchMean = zeros(features, dtype: x.dtype, device: x.device);
            var batchVar = ones(features, dtype: x.dtype, device: x.device);
            y = nn.functional.batch_norm(x, batchMean, batchVar, gamma?.value, beta?.value, training: true, momentum: 1.0, eps: epsilon);
            using (no_grad())
            {
                moving_mean.value.mul_(momentum).add_(batchMean, alpha: 1 - momentum);
                moving_variance!.value.mul_(momentum).add_(batchVar, alpha: (1 - momentum) * (count - 1) / count);
            }
        }
        else if (training && trainable)
        {
            // One value per feature: the batch variance is 0 (torch's batch_norm refuses this case).
            var dims = Enumerable.Range(0, rank).Where(d => d != 1).Select(d => (long)d).ToArray();
            var mean = x.mean(dims, keepdim: true);
            var centered = x - mean;
            var shape = Enumerable.Repeat(1L, rank).ToArray();
            shape[1] = features;
            y = centered * (1.0 / Math.Sqrt(epsilon));
            if (gamma is not null) y = y * gamma.value.reshape(shape);
            if (beta is not null) y = y + beta.value.reshape(shape);
            using (no_grad())
            {
                moving_mean.value.mul_(momentum).add_(mean.reshape(features), alpha: 1 - momentum);
                moving_variance!.value.mul_(momentum);
            }
        }
        else
        {
            y = nn.functional.batch_norm(x, moving_mean.value, moving_variance!.value, gamma?.value, beta?.value, training: false, eps: epsilon);
        }
        if (!moved) return y;
        var inverse = new long[rank];
        for (int i = 0; i < rank; i++) inverse[perm[i]] = i;
        return y.permute(inverse);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["axis"] = axis;
        c["momentum"] = momentum;
        c["epsilon"] = epsilon;
        c["center"] = center;
        c["scale"] = scale;
        c["beta_initializer"] = Saving.Serialization.Initializer(beta_initializer);
        c["gamma_initializer"] = Saving.Serialization.Initializer(gamma_initializer);
        c["moving_mean_initializer"] = Saving.Serialization.Initializer(moving_mean_initializer);
        c["moving_variance_initializer"] = Saving.Serialization.Initializer(moving_variance_initializer);
        c["beta_regularizer"] = Saving.Serialization.Regularizer(beta_regularizer);
        c["gamma_regularizer"] = Saving.Serialization.Regularizer(gamma_regularizer);
        c["beta_constraint"] = Saving.Serialization.Constraint(beta_constraint);
        c["gamma_constraint"] = Saving.Serialization.Constraint(gamma_constraint);
        c["synchronized"] = false;
        return c;
    }
}
