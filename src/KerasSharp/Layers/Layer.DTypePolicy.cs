using System;
using KerasSharp.DTypePolicies;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Mixed precision (Keras: <c>Layer.dtype_policy</c>, <c>compute_dtype</c>, <c>variable_dtype</c>, and the autocasting of
/// <c>Layer.__call__</c>): weights are created in the variable dtype; a call casts float inputs to the compute dtype
/// and, under a mixed policy, reads trainable float weights cast to it (<see cref="AutocastScope"/>), so the output is
/// in the compute dtype while the optimizer updates the float32 weights.
/// </summary>
public abstract partial class Layer
{
    readonly DTypePolicy _dtypePolicy;

    /// <summary>The layer's dtype policy (Keras: <c>layer.dtype_policy</c>); the global policy when no <c>dtype</c> was given.</summary>
    public DTypePolicy dtype_policy => _dtypePolicy;

    /// <summary>The dtype of the layer's computations and outputs (Keras: <c>layer.compute_dtype</c>), e.g. "bfloat16".</summary>
    public string compute_dtype => _dtypePolicy.compute_dtype;

    /// <summary>The dtype of the layer's weights (Keras: <c>layer.variable_dtype</c>, also <c>layer.dtype</c>), e.g. "float32".</summary>
    public string variable_dtype => _dtypePolicy.variable_dtype;

    /// <summary>The policy for a constructor's or a config's <c>dtype</c>, or a clear error naming the layer.</summary>
    static DTypePolicy PolicyOf(object? dtype, string what)
    {
        try { return DTypePolicy.Get(dtype); }
        catch (ArgumentException e)
        {
            throw new NotSupportedException($"Layer '{what}' has dtype policy {(dtype is string s ? $"'{s}'" : Saving.PythonJson.Dumps(dtype))}: {e.Message}", e);
        }
    }

    /// <summary>A float input in the compute dtype (Keras: <c>DTypePolicy.convert_input</c>); other inputs unchanged.</summary>
    internal Tensor cast_input(Tensor input)
    {
        var target = _dtypePolicy.compute_type;
        return input.is_floating_point() && input.dtype != target ? input.to_type(target) : input;
    }

    /// <summary>Runs <paramref name="compute"/> as inside this layer's call: its autocast scope, the input cast.</summary>
    internal Tensor with_autocast(Tensor input, Func<Tensor, Tensor> compute)
    {
        using var scope = AutocastScope.Enter(_dtypePolicy);
        return compute(cast_input(input));
    }
}
