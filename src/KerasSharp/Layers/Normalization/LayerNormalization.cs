using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Normalizes each sample over <see cref="axis"/> (Keras: <c>keras.layers.LayerNormalization</c>,
/// keras/src/layers/normalization/layer_normalization.py, <c>ops.layer_normalization</c>):
/// <c>(x - mean) / sqrt(var + epsilon) * gamma + beta</c> with the biased variance of the sample over the axes;
/// <c>gamma</c> and <c>beta</c> span the normalized axes. Trailing axes run libtorch's fused <c>layer_norm</c>; other
/// axes compute the moments directly (Keras's torch backend hands those to <c>layer_norm</c> too, which normalizes the
/// wrong axes or fails; KerasSharp follows the documented formula). The deprecated <c>rms_scaling=True</c> computes,
/// as Keras does, <c>x / sqrt(var + epsilon) * gamma</c> (not centred, no beta). Half-precision inputs are normalized
/// in float32 and cast back, as in Keras.
/// </summary>
public sealed class LayerNormalization : Layer
{
    readonly bool _axisIsList;

    /// <summary>Keras's arguments and defaults (axis -1, epsilon 1e-3); <paramref name="axis"/> is an int or several axes.</summary>
    public LayerNormalization(IntTuple? axis = null, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? beta_initializer = null, Initializer? gamma_initializer = null,
        Regularizer? beta_regularizer = null, Regularizer? gamma_regularizer = null,
        Constraint? beta_constraint = null, Constraint? gamma_constraint = null, bool rms_scaling = false,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        if (!(epsilon >= 0) || !double.IsFinite(epsilon))
            throw new ArgumentException($"`epsilon` must be a non-negative finite number. Received: epsilon={epsilon}", nameof(epsilon));
        var axes = (axis ?? -1).values.ToArray();
        _axisIsList = axes.Length > 1;
        this.axis = axes;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
        this.rms_scaling = rms_scaling;
        this.beta_initializer = beta_initializer ?? new Zeros();
        this.gamma_initializer = gamma_initializer ?? new Ones();
        this.beta_regularizer = beta_regularizer;
        this.gamma_regularizer = gamma_regularizer;
        this.beta_constraint = beta_constraint;
        this.gamma_constraint = gamma_constraint;
        if (rms_scaling)
            Console.Error.WriteLine("UserWarning: You passed `rms_scaling=True`, which is deprecated. This argument incorrectly scales the input by the variance, not the root mean square. To correctly use RMS Normalization, please use `keras.layers.RMSNormalization` instead.");
    }

    /// <summary>The normalized axes, as given (negative counts from the end).</summary>
    public int[] axis { get; }
    /// <summary>Added to the variance before the square root.</summary>
    public double epsilon { get; }
    /// <summary>Whether <c>beta</c> is added.</summary>
    public bool center { get; }
    /// <summary>Whether the output is multiplied by <c>gamma</c>.</summary>
    public bool scale { get; }
    /// <summary>Keras's deprecated variance scaling without centring.</summary>
    public bool rms_scaling { get; }
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

    /// <summary>The scale over the normalized axes; null without it or before building.</summary>
    public Variable? gamma { get; private set; }
    /// <summary>The offset over the normalized axes; null without it or before building.</summary>
    public Variable? beta { get; private set; }

    int[] _axes = Array.Empty<int>();
    int _rank;

    string AxisText => NormalizationAxes.Text(axis, _axisIsList || built);

    /// <inheritdoc />
    public override void build(long?[] input_shape)
    {
        _axes = NormalizationAxes.Resolve(this, axis, input_shape, AxisText);
        _rank = input_shape.Length;
        var shape = new long[_axes.Length];
        for (int i = 0; i < _axes.Length; i++)
            shape[i] = input_shape[_axes[i]] ?? throw new ArgumentException(
                $"Layer '{name}' (LayerNormalization) needs a known size along axis {axis[i]}; received input shape {ShapeUtils.Format(input_shape)}.", nameof(input_shape));
        if (scale || rms_scaling) gamma = add_weight("gamma", shape, gamma_initializer, gamma_regularizer, constraint: gamma_constraint);
        if (center && !rms_scaling) beta = add_weight("beta", shape, beta_initializer, beta_regularizer, constraint: beta_constraint);
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        NormalizationAxes.Resolve(this, axis, input_shape, AxisText);
        return input_shape;
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        if (inputs.dim() != _rank)
            throw new ArgumentException($"Input of layer '{name}' (LayerNormalization) has shape {ShapeUtils.Format(inputs)}; the layer was built for rank {_rank}.", nameof(inputs));
        var expected = gamma?.shape ?? beta?.shape;
        if (expected is not null && !_axes.Select(a => inputs.shape[a]).SequenceEqual(expected))
            throw new ArgumentException(
                $"Input of layer '{name}' (LayerNormalization) has shape {ShapeUtils.Format(inputs)}; the layer was built for sizes ({string.Join(", ", expected)}) along axis {AxisText}.", nameof(inputs));
        var original = inputs.dtype;
        var x = original is ScalarType.Float16 or ScalarType.BFloat16 ? inputs.to_type(ScalarType.Float32) : inputs;
        var g = gamma?.value.to_type(x.dtype);
        var b = beta?.value.to_type(x.dtype);
        var dims = _axes.Select(a => (long)a).ToArray();
        var broadcast = Enumerable.Range(0, _rank).Select(d => _axes.Contains(d) ? inputs.shape[d] : 1L).ToArray();
        Tensor y;
        if (rms_scaling)
        {
            y = x * (x.var(dims, unbiased: false, keepdim: true) + epsilon).rsqrt();
            if (g is not null) y = y * g.reshape(broadcast);
        }
        else if (_axes.Select((a, i) => a == _rank - _axes.Length + i).All(t => t))
        {
            y = nn.functional.layer_norm(x, _axes.Select(a => inputs.shape[a]).ToArray(), g, b, epsilon);
        }
        else
        {
            var (variance, mean) = var_mean(x, dims, unbiased: false, keepdim: true);
            var inv = (variance + epsilon).rsqrt();
            if (g is not null) inv = inv * g.reshape(broadcast);
            var res = -mean * inv;
            if (b is not null) res = res + b.reshape(broadcast);
            y = x * inv + res;
        }
        return y.dtype == original ? y : y.to_type(original);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        // Keras keeps an int axis until build, which makes it a list.
        c["axis"] = _axisIsList || built ? axis.Cast<object?>().ToList() : axis[0];
        c["epsilon"] = epsilon;
        c["center"] = center;
        c["scale"] = scale;
        c["rms_scaling"] = rms_scaling;
        c["beta_initializer"] = Saving.Serialization.Initializer(beta_initializer);
        c["gamma_initializer"] = Saving.Serialization.Initializer(gamma_initializer);
        c["beta_regularizer"] = Saving.Serialization.Regularizer(beta_regularizer);
        c["gamma_regularizer"] = Saving.Serialization.Regularizer(gamma_regularizer);
        c["beta_constraint"] = Saving.Serialization.Constraint(beta_constraint);
        c["gamma_constraint"] = Saving.Serialization.Constraint(gamma_constraint);
        return c;
    }
}
