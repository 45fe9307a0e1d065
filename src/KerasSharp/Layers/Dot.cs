using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The dot product of two tensors along one axis of each, sample by sample (Keras: <c>keras.layers.Dot</c>,
/// keras/src/layers/merging/dot.py, <c>batch_dot</c>): inputs of shapes (batch, 3, 5) and (batch, 10, 3) with
/// <c>axes: [1, 2]</c> give (batch, 5, 10); two vectors (batch, n) give (batch, 1). With <see cref="normalize"/> the
/// inputs are L2-normalised along those axes first, so the result is the cosine similarity.
/// </summary>
public sealed class Dot : Merge
{
    readonly int[] _axes;
    readonly bool _scalarAxes;

    /// <summary>
    /// <paramref name="axes"/>: one axis for both inputs (<c>[1]</c>, Keras's <c>axes=1</c>) or one per input
    /// (<c>[1, 2]</c>, Keras's <c>axes=(1, 2)</c>); negative axes count from the end.
    /// </summary>
    public Dot(int[] axes, bool normalize = false, string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, dtype, trainable, input_shape, input_dim, batch_size)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Length is not (1 or 2))
            throw new ArgumentException($"Invalid format for argument `axes`: it should be one axis or two. Received: axes=[{string.Join(", ", axes)}]", nameof(axes));
        _scalarAxes = axes.Length == 1;
        _axes = _scalarAxes ? new[] { axes[0], axes[0] } : (int[])axes.Clone();
        this.normalize = normalize;
    }

    /// <summary>The axis of each input along which the product is taken.</summary>
    public IReadOnlyList<int> axes => _axes;

    /// <summary>Whether the inputs are L2-normalised along the axes first (cosine similarity).</summary>
    public bool normalize { get; }

    private protected override bool reshape_to_same_rank => false;

    /// <summary>None: the dot product ends any mask (Keras: <c>Dot.compute_mask</c> returns None).</summary>
    public override Tensor? compute_mask(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) => null;

    (int, int) Resolve(int rank1, int rank2)
    {
        int a0 = _axes[0] < 0 ? Mod(_axes[0], rank1) : _axes[0];
        int a1 = _axes[1] < 0 ? Mod(_axes[1], rank2) : _axes[1];
        if (a0 >= rank1 || a1 >= rank2)
            throw new ArgumentException($"`axes`=[{_axes[0]}, {_axes[1]}] is out of range for inputs of ranks {rank1} and {rank2}.");
        return (a0, a1);
    }

    static int Mod(int a, int n) => ((a % n) + n) % n;

    private protected override void check_input_shapes(IReadOnlyList<long?[]> shapes)
    {
        if (shapes.Count != 2)
            throw new ArgumentException($"A `Dot` layer should be called on a list of 2 inputs. Received: input_shape={Describe(shapes)}");
        var (s1, s2) = (shapes[0], shapes[1]);
        if (s1.Length < 2 || s2.Length < 2)
            throw new ArgumentException($"Cannot do batch_dot on inputs with rank < 2. Received inputs with shapes {Describe(shapes)}.");
        if (s1[0] is long b1 && s2[0] is long b2 && b1 != b2)
            throw new ArgumentException($"Cannot do batch_dot on inputs with different batch sizes. Received inputs with shapes {Describe(shapes)}.");
        var (a0, a1) = Resolve(s1.Length, s2.Length);
        if (a0 == 0 || a1 == 0)
            throw new ArgumentException("Cannot perform batch_dot over axis 0. If your inputs are not batched, add a dummy batch dimension to your inputs.");
        if (s1[a0] is long d1 && s2[a1] is long d2 && d1 != d2)
            throw new ArgumentException($"Incompatible input shapes: axis values {d1} (at axis {a0}) != {d2} (at axis {a1}). Full input shapes: {Backend.KerasTensor.PythonTuple(s1)}, {Backend.KerasTensor.PythonTuple(s2)}");
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(IReadOnlyList<long?[]> input_shapes)
    {
        var shape1 = input_shapes[0].ToList();
        var shape2 = input_shapes[1].ToList();
        var (a0, a1) = Resolve(shape1.Count, shape2.Count);
        shape1.RemoveAt(a0);
        shape2.RemoveAt(a1);
        shape2.RemoveAt(0);
        var output = shape1.Concat(shape2).ToList();
        if (output.Count == 1) output.Add(1);
        return output.ToArray();
    }

    /// <inheritdoc />
    protected override Tensor merge_function(IReadOnlyList<Tensor> inputs)
    {
        var x = inputs[0];
        var y = inputs[1];
        var (a0, a1) = Resolve((int)x.dim(), (int)y.dim());
        if (normalize)
        {
            x = L2Normalize(x, a0);
            y = L2Normalize(y, a1);
        }
        return BatchDot(x, y, a0, a1);
    }

    /// <summary>Keras's <c>ops.normalize(x, axis, order=2)</c>: <c>x · min(rsqrt(Σx²), 1/ε)</c>.</summary>
    static Tensor L2Normalize(Tensor x, int axis) =>
        x.mul(x.square().sum(new long[] { axis }, keepdim: true).rsqrt().clamp_max(1.0 / Backend.Epsilon.Value));

    /// <summary>
    /// Keras's <c>batch_dot</c>: the reduced axis of x moved last, that of y moved to axis 1, one batched matmul, and
    /// the axis of 1 a rank-2 input introduced removed again.
    /// </summary>
    static Tensor BatchDot(Tensor x, Tensor y, int a0, int a1)
    {
        long xRank = x.dim(), yRank = y.dim();
        if (xRank == 2) { x = x.unsqueeze(1); a0 += 1; }
        if (yRank == 2) y = y.unsqueeze(2);
        x = x.movedim(new long[] { a0 }, new long[] { x.dim() - 1 });
        y = y.movedim(new long[] { a1 }, new long[] { 1 });
        var xMid = x.shape[1..^1];
        var yTrail = y.shape[2..];
        var x3 = x.dim() > 3 ? x.reshape(x.shape[0], -1, x.shape[^1]) : x;
        var y3 = y.dim() > 3 ? y.reshape(y.shape[0], y.shape[1], -1) : y;
        var result = x3.matmul(y3);
        if (x.dim() > 3 || y.dim() > 3)
            result = result.reshape(new[] { result.shape[0] }.Concat(xMid).Concat(yTrail).ToArray());
        if (xRank == 2) result = result.squeeze(1);
        else if (yRank == 2) result = result.squeeze(-1);
        return result;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["axes"] = _scalarAxes ? _axes[0] : _axes.Cast<object?>().ToList();
        c["normalize"] = normalize;
        return c;
    }
}
