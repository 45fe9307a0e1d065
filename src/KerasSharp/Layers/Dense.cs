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
/// A densely-connected layer, <c>activation(inputs · kernel + bias)</c> (Keras: <c>keras.layers.Dense</c>). The kernel
/// is stored in Keras's layout (in, out), initialised Glorot-uniform, U(±sqrt(6/(in+out))); the bias starts at zero.
/// (TorchSharp's Linear stores (out, in) and draws both from U(±1/sqrt(in)).)
/// </summary>
public sealed class Dense : Layer
{
    /// <summary>True: the input's mask passes through to the next layer (Keras: <c>supports_masking = True</c>).</summary>
    public override bool supports_masking => true;

    /// <summary>Keras's arguments; <paramref name="input_shape"/> / <paramref name="input_dim"/> on a first layer make a Sequential add an InputLayer.</summary>
    public Dense(int units, ActivationFunction? activation = null, bool use_bias = true,
        Initializer? kernel_initializer = null, Initializer? bias_initializer = null,
        Regularizer? kernel_regularizer = null, Regularizer? bias_regularizer = null, Regularizer? activity_regularizer = null,
        string? name = null, int[]? input_shape = null, int? input_dim = null,
        string? dtype = null, bool trainable = true, int? batch_size = null,
        Constraint? kernel_constraint = null, Constraint? bias_constraint = null)
        : base(name, trainable, activity_regularizer, dtype, input_shape, input_dim, batch_size)
    {
        if (units <= 0)
            throw new ArgumentException($"Received an invalid value for `units`, expected a positive integer. Received: units={units}", nameof(units));
        this.units = units;
        this.activation = activation ?? ActivationFunction.Linear;
        this.use_bias = use_bias;
        this.kernel_initializer = kernel_initializer ?? VarianceScaling.GlorotUniform();
        this.bias_initializer = bias_initializer ?? new Zeros();
        this.kernel_regularizer = kernel_regularizer;
        this.bias_regularizer = bias_regularizer;
        this.kernel_constraint = kernel_constraint;
        this.bias_constraint = bias_constraint;
    }

    /// <summary>Number of output units.</summary>
    public int units { get; }
    /// <summary>The activation applied to the output ("linear" when none was given).</summary>
    public ActivationFunction activation { get; }
    /// <summary>Whether the layer adds a bias.</summary>
    public bool use_bias { get; }
    /// <summary>Initializer of the kernel.</summary>
    public Initializer kernel_initializer { get; }
    /// <summary>Initializer of the bias.</summary>
    public Initializer bias_initializer { get; }
    /// <summary>Penalty on the kernel.</summary>
    public Regularizer? kernel_regularizer { get; }
    /// <summary>Penalty on the bias.</summary>
    public Regularizer? bias_regularizer { get; }

    /// <summary>Projection of the kernel after each optimizer step.</summary>
    public Constraint? kernel_constraint { get; }
    /// <summary>Projection of the bias after each optimizer step.</summary>
    public Constraint? bias_constraint { get; }

    /// <summary>The kernel, shape (in, out); null before the layer is built.</summary>
    public Variable? kernel { get; private set; }
    /// <summary>The bias, shape (units); null without bias or before the layer is built.</summary>
    public Variable? bias { get; private set; }

    /// <inheritdoc />
    public override void build(long?[] input_shape)
    {
        if (input_shape.Length < 2 || input_shape[^1] is not { } inDim)
            throw new ArgumentException(
                $"Layer '{name}' (Dense) needs inputs of rank >= 2 with a known last dimension; received input shape {ShapeUtils.Format(input_shape)}.",
                nameof(input_shape));
        kernel = add_weight("kernel", new[] { inDim, (long)units }, kernel_initializer, kernel_regularizer, constraint: kernel_constraint);
        if (use_bias) bias = add_weight("bias", new[] { (long)units }, bias_initializer, bias_regularizer, constraint: bias_constraint);
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        var x = logits(inputs);
        return activation.is_linear ? x : activation.call(x);
    }

    /// <summary>
    /// The output before the activation, <c>inputs · kernel + bias</c> (one <c>addmm</c> for matrices), after checking
    /// the input; fit's fused softmax head applies the activation itself.
    /// </summary>
    internal Tensor logits(Tensor inputs)
    {
        var k = kernel!.value;
        if (inputs.dim() < 1 || inputs.shape[^1] != k.shape[0])
            throw new ArgumentException(
                $"Input of layer '{name}' (Dense) has shape ({string.Join(", ", inputs.shape)}), but the layer expects a last dimension of {k.shape[0]}.",
                nameof(inputs));
        if (bias is null) return inputs.matmul(k);
        return inputs.dim() == 2 ? addmm(bias.value, inputs, k, 1, 1) : inputs.matmul(k).add_(bias.value);
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        var s = (long?[])input_shape.Clone();
        if (s.Length > 0) s[^1] = units;
        return s;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["units"] = units;
        c["activation"] = activation.name;
        c["use_bias"] = use_bias;
        c["kernel_initializer"] = Saving.Serialization.Initializer(kernel_initializer);
        c["bias_initializer"] = Saving.Serialization.Initializer(bias_initializer);
        c["kernel_regularizer"] = Saving.Serialization.Regularizer(kernel_regularizer);
        c["bias_regularizer"] = Saving.Serialization.Regularizer(bias_regularizer);
        c["kernel_constraint"] = Saving.Serialization.Constraint(kernel_constraint);
        c["bias_constraint"] = Saving.Serialization.Constraint(bias_constraint);
        // No "quantization_config": null is its default, and Keras before 3.13 refuses the key (see ModelArchive).
        return c;
    }
}
