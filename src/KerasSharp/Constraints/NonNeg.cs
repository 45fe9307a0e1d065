using static TorchSharp.torch;

namespace KerasSharp.Constraints;

/// <summary>Zeroes negative weights, <c>w · (w ≥ 0)</c> (Keras: <c>keras.constraints.NonNeg</c>).</summary>
public sealed class NonNeg : Constraint
{
    /// <inheritdoc />
    public override Tensor call(Tensor w)
    {
        using var mask = w.ge(0.0).to_type(w.dtype);
        return w.mul(mask);
    }
}
