using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Regularizers;

/// <summary>
/// Pushes the rows (or columns) of a rank-2 weight towards orthogonality (Keras:
/// <c>keras.regularizers.OrthogonalRegularizer</c>): with the rows L2-normalized (<c>keras.utils.normalize</c>),
/// <c>factor * 0.5 * sum(|P - diag(P)|) / (n (n - 1) / 2)</c> where P is their Gram matrix and n their count.
/// </summary>
public sealed class OrthogonalRegularizer : Regularizer
{
    /// <summary>Creates the regularizer; <paramref name="mode"/> is "rows" or "columns".</summary>
    public OrthogonalRegularizer(double factor = 0.01, string mode = "rows")
    {
        // Keras keeps the factor as a float32 tensor, so its config reads back float32(factor).
        this.factor = (float)CheckFactor(factor, nameof(factor));
        if (mode is not ("rows" or "columns"))
            throw new ArgumentException($"Invalid value for argument `mode`. Expected one of {{\"rows\", \"columns\"}}. Received: mode={mode}", nameof(mode));
        this.mode = mode;
    }

    /// <summary>The factor, as float32 (Keras stores it as a float32 tensor).</summary>
    public double factor { get; }
    /// <summary>"rows" or "columns".</summary>
    public string mode { get; }

    /// <inheritdoc />
    public override Tensor call(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 2)
            throw new ArgumentException($"Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape={ShapeUtils.Format(x)}", nameof(x));
        bool rows = mode == "rows";
        var n = Normalization.Tensor(x, rows ? 1 : 0, 2);
        var product = rows ? n.matmul(n.t()) : n.t().matmul(n);
        long size = x.shape[rows ? 0 : 1];
        var offDiagonal = product.mul(ones(size, size, x.dtype, x.device).sub_(eye(size, dtype: x.dtype, device: x.device)));
        double pairs = size * (size - 1.0) / 2.0;
        return offDiagonal.abs().sum().mul(factor * 0.5 / pairs);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config() => new() { ["factor"] = factor, ["mode"] = mode };
}
