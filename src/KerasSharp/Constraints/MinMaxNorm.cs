using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Constraints;

/// <summary>
/// Moves the norm of the weights along <c>axis</c> into [min_value, max_value] (Keras: <c>keras.constraints.MinMaxNorm</c>):
/// <c>w · (rate·clip(norms, min_value, max_value) + (1 - rate)·norms) / (1e-7 + norms)</c>.
/// </summary>
public sealed class MinMaxNorm : Constraint
{
    /// <summary><paramref name="rate"/> 1 enforces the bounds strictly, less moves towards them; <paramref name="axis"/> default [0].</summary>
    public MinMaxNorm(double min_value = 0.0, double max_value = 1.0, double rate = 1.0, int[]? axis = null)
    {
        this.min_value = CheckValue(min_value, nameof(min_value));
        this.max_value = CheckValue(max_value, nameof(max_value));
        if (max_value < min_value)
            throw new System.ArgumentException($"`max_value` must be at least `min_value`. Received: min_value={min_value}, max_value={max_value}", nameof(max_value));
        this.rate = CheckValue(rate, nameof(rate));
        this.axis = CheckAxis(axis);
    }

    /// <summary>The smallest norm.</summary>
    public double min_value { get; }
    /// <summary>The largest norm.</summary>
    public double max_value { get; }
    /// <summary>How far each step moves the norm into the bounds (1: all the way).</summary>
    public double rate { get; }
    /// <summary>The axes of the norms.</summary>
    public int[] axis { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor w)
    {
        using var scope = NewDisposeScope();
        var norms = Norms(w, axis, "MinMaxNorm");
        var desired = norms.clamp(min_value, max_value).mul(rate).add(norms.mul(1 - rate));
        return w.mul(desired.div(norms.add(Backend.Epsilon.Value))).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new()
    {
        ["min_value"] = min_value,
        ["max_value"] = max_value,
        ["rate"] = rate,
        ["axis"] = AxisConfig(axis),
    };
}
