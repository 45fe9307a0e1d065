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
/// The arguments every Keras convolution declares for itself (<c>BaseConv</c>, <c>BaseConvTranspose</c>,
/// <c>BaseDepthwiseConv</c>, <c>BaseSeparableConv</c> in keras/src/layers/convolutional/): the window (kernel_size,
/// strides, padding, dilation_rate), data_format, activation and the bias, standardized and checked as Keras does.
/// KerasSharp's own grouping (Keras repeats them per class); only the convolution bases derive from it.
/// </summary>
public abstract class ConvolutionLayer : Layer, IKeepsNoTensors
{
    private protected readonly int _rank;

    private protected ConvolutionLayer(int rank, IntTuple kernel_size, IntTuple? strides, string padding, bool allowCausal, string? data_format,
        IntTuple? dilation_rate, ActivationFunction? activation, bool use_bias,
        Initializer? bias_initializer, Regularizer? bias_regularizer, Constraint? bias_constraint,
        string? name, string? dtype, bool trainable, Regularizer? activity_regularizer, int[]? input_shape, int? input_dim, int? batch_size)
        : base(name, trainable, activity_regularizer, dtype, input_shape, input_dim, batch_size)
    {
        _rank = rank;
        this.kernel_size = kernel_size.Expand(rank, nameof(kernel_size));
        this.strides = (strides ?? 1).Expand(rank, nameof(strides));
        this.dilation_rate = (dilation_rate ?? 1).Expand(rank, nameof(dilation_rate));
        if (this.strides.Max() > 1 && this.dilation_rate.Max() > 1)
            throw new ArgumentException(
                $"`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides={strides} and dilation_rate={dilation_rate}",
                nameof(dilation_rate));
        this.padding = ConvArithmetic.StandardizePadding(padding, allowCausal);
        this.data_format = SpatialLayout.Standardize(data_format);
        this.activation = activation ?? ActivationFunction.Linear;
        this.use_bias = use_bias;
        this.bias_initializer = bias_initializer ?? new Zeros();
        this.bias_regularizer = bias_regularizer;
        this.bias_constraint = bias_constraint;
    }

    /// <summary>The kernel's spatial size, one entry per spatial dimension.</summary>
    public int[] kernel_size { get; }
    /// <summary>The strides, one per spatial dimension.</summary>
    public int[] strides { get; }
    /// <summary>"valid" or "same" (and "causal" for Conv1D: left padding only, so that output t sees inputs up to t).</summary>
    public string padding { get; }
    /// <summary>"channels_last" (batch, spatial..., channels) or "channels_first" (batch, channels, spatial...).</summary>
    public string data_format { get; }
    /// <summary>The dilation, one per spatial dimension.</summary>
    public int[] dilation_rate { get; }
    /// <summary>The activation applied to the output ("linear" when none was given).</summary>
    public ActivationFunction activation { get; }
    /// <summary>Whether the layer adds a bias.</summary>
    public bool use_bias { get; }
    /// <summary>Initializer of the bias.</summary>
    public Initializer bias_initializer { get; }
    /// <summary>Penalty on the bias.</summary>
    public Regularizer? bias_regularizer { get; }
    /// <summary>Projection of the bias after each optimizer step.</summary>
    public Constraint? bias_constraint { get; }

    /// <summary>The bias, one value per output channel; null without bias or before the layer is built.</summary>
    public Variable? bias { get; private set; }

    /// <summary>Creates the bias of <paramref name="channels"/> values when the layer has one.</summary>
    private protected void AddBias(long channels)
    {
        if (use_bias) bias = add_weight("bias", new[] { channels }, bias_initializer, bias_regularizer, constraint: bias_constraint);
    }

    /// <summary>
    /// Checks the input's rank and channels, runs <paramref name="compute"/> on it in TorchSharp's native layout and
    /// gives the activated result back in Keras's layout (a view: consecutive spatial layers copy nothing). The
    /// handles of the intermediates (the native input, the result before its activation) are disposed here, so their
    /// memory goes as soon as autograd no longer needs it rather than at the end of the step.
    /// </summary>
    private protected Tensor Run(Tensor inputs, long builtChannels, Func<Tensor, Tensor> compute)
    {
        ConvCompute.CheckInput(this, inputs, _rank, data_format, builtChannels);
        var native = SpatialLayout.ToNative(inputs, data_format);
        var y = compute(native);
        TensorRelease.Release(native, y);
        if (!activation.is_linear)
        {
            var activated = activation.call(y);
            TensorRelease.Release(y, activated);
            y = activated;
        }
        var output = SpatialLayout.FromNative(y, data_format);
        TensorRelease.Release(y, output);
        return output;
    }

    /// <summary>Keras's kernel_size, strides and padding entries.</summary>
    private protected void WriteWindow(Dictionary<string, object?> config)
    {
        config["kernel_size"] = kernel_size.Cast<object?>().ToList();
        config["strides"] = strides.Cast<object?>().ToList();
        config["padding"] = padding;
    }

    /// <summary>Keras's data_format and dilation_rate entries.</summary>
    private protected void WriteLayout(Dictionary<string, object?> config)
    {
        config["data_format"] = data_format;
        config["dilation_rate"] = dilation_rate.Cast<object?>().ToList();
    }

    /// <summary>Keras's activation and use_bias entries.</summary>
    private protected void WriteActivation(Dictionary<string, object?> config)
    {
        config["activation"] = activation.name;
        config["use_bias"] = use_bias;
    }
}
