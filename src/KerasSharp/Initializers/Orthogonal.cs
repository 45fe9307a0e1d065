using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>
/// A random orthogonal matrix (Keras: <c>keras.initializers.Orthogonal</c>, keras/src/initializers/random_initializers.py):
/// the Q of the QR decomposition of a normal matrix of shape (max(rows, cols), min(rows, cols)), its columns' signs
/// fixed by diag(R), transposed when rows &lt; cols, times <paramref name="gain"/>; rows = the product of all but the last
/// dimension. The recurrent kernels' default.
/// </summary>
public sealed class Orthogonal(double gain = 1.0, int? seed = null) : Initializer
{
    /// <summary>The factor applied to the matrix.</summary>
    public double gain { get; } = gain;

    /// <inheritdoc />
    public override Tensor call(long[] shape)
    {
        CheckShape(shape);
        if (shape.Length < 2)
            throw new ArgumentException($"The tensor to initialize must be at least two-dimensional. Received: shape=({string.Join(", ", shape)}).", nameof(shape));
        using var scope = NewDisposeScope();
        long cols = shape[^1], rows = shape.Take(shape.Length - 1).Aggregate(1L, (a, b) => a * b);
        var a = normal(0.0, 1.0, new[] { Math.Max(rows, cols), Math.Min(rows, cols) }, ScalarType.Float32, generator: GeneratorFor(seed));
        var (q, r) = linalg.qr(a);
        q = q.mul(r.diagonal().sign());
        if (rows < cols) q = q.t();
        return q.mul(gain).reshape(shape).contiguous().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["seed"] = seed, ["gain"] = gain };
}
