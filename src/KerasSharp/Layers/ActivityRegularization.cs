using System.Collections.Generic;
using KerasSharp.Regularizers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Returns its input and adds <c>l1·sum(|x|) + l2·sum(x²)</c> of it, divided by the batch size, to the loss (Keras:
/// <c>keras.layers.ActivityRegularization</c>, keras/src/layers/regularization/activity_regularization.py: an
/// <c>L1L2(l1, l2)</c> activity regularizer).
/// </summary>
public sealed class ActivityRegularization : Layer
{
    /// <summary>True: the input's mask passes through to the next layer (Keras: <c>supports_masking = True</c>).</summary>
    public override bool supports_masking => true;

    /// <summary>The two factors (non-negative; default 0).</summary>
    public ActivityRegularization(double l1 = 0.0, double l2 = 0.0, string? name = null, string? dtype = null, bool trainable = true,
        int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, new L1L2(l1, l2), dtype, input_shape, input_dim, batch_size)
    {
        this.l1 = l1;
        this.l2 = l2;
    }

    /// <summary>The L1 factor.</summary>
    public double l1 { get; }
    /// <summary>The L2 factor.</summary>
    public double l2 { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training) => inputs;

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c.Remove("activity_regularizer");
        c["l1"] = l1;
        c["l2"] = l2;
        return c;
    }
}
