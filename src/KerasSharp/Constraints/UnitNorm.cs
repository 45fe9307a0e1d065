using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Constraints;

/// <summary>
/// Scales the weights along <c>axis</c> to unit norm (Keras: <c>keras.constraints.UnitNorm</c>):
/// <c>w / (1e-7 + sqrt(sum(w², axis)))</c>.
/// </summary>
public sealed class UnitNorm : Constraint
{
    /// <summary><paramref name="axis"/>: one or more axes (default [0]).</summary>
    public UnitNorm(int[]? axis = null) => this.axis = CheckAxis(axis);

    /// <summary>The axes of the norms.</summary>
    public int[] axis { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor w)
    {
        using var scope = NewDisposeScope();
        return w.div(Norms(w, axis, "UnitNorm").add(Backend.Epsilon.Value)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["axis"] = AxisConfig(axis) };
}
