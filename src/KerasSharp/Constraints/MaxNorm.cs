using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Constraints;

/// <summary>
/// Caps the norm of the weights along <c>axis</c> at <c>max_value</c> (Keras: <c>keras.constraints.MaxNorm</c>):
/// <c>w · clip(norms, 0, max_value) / (1e-7 + norms)</c>, norms = sqrt(sum(w², axis)). Axis 0 of a Dense kernel
/// (in, out) constrains the weights into each unit.
/// </summary>
public sealed class MaxNorm : Constraint
{
    /// <summary><paramref name="axis"/>: one or more axes (default [0]).</summary>
    public MaxNorm(double max_value = 2, int[]? axis = null)
    {
        this.max_value = CheckValue(max_value, nameof(max_value));
        this.axis = CheckAxis(axis);
    }

    /// <summary>The largest norm allowed.</summary>
    public double max_value { get; }
    /// <summary>The axes of the norms.</summary>
    public int[] axis { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor w)
    {
        using var scope = NewDisposeScope();
        var norms = Norms(w, axis, "MaxNorm");
        var desired = norms.clamp(0, max_value);
        return w.mul(desired.div(norms.add(Backend.Epsilon.Value))).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["max_value"] = max_value, ["axis"] = AxisConfig(axis) };
}
