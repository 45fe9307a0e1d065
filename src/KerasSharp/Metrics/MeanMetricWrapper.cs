using System;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// A <see cref="Mean"/> of a per-sample function of (y_true, y_pred) (Keras: <c>keras.metrics.MeanMetricWrapper</c>):
/// the running, sample-wise mean over everything seen since the last reset.
/// </summary>
public class MeanMetricWrapper : Mean
{
    readonly Func<Tensor, Tensor, Tensor> _fn;
    readonly string _direction;

    /// <summary>Wraps <paramref name="fn"/>, which returns one value per sample (or per element).</summary>
    public MeanMetricWrapper(Func<Tensor, Tensor, Tensor> fn, string? name = null, string direction = "down") : base(name)
    {
        _fn = fn ?? throw new ArgumentNullException(nameof(fn));
        _direction = direction;
    }

    /// <inheritdoc />
    public override string direction => _direction;

    /// <inheritdoc />
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        // Keras: the mask a model attached to y_pred joins the weights when weights are given (apply_mask, "sum").
        if (sample_weight is not null && Layers.Layer.get_keras_mask(y_pred) is { } mask)
        {
            var (m, w) = ShapeUtils.SqueezeOrExpandToSameRank(mask.to_type(ScalarType.Float32), sample_weight.to_type(ScalarType.Float32));
            sample_weight = w.mul(m);
        }
        base.update_state(_fn(y_true.detach(), y_pred.detach()), sample_weight);
    }

    /// <summary>
    /// Accumulates one unweighted batch. Hides <see cref="Mean.update_state(Tensor, Tensor?)"/>, which C# would otherwise
    /// pick for a two-argument call and treat <paramref name="y_true"/> as values weighted by <paramref name="y_pred"/>.
    /// </summary>
    public new void update_state(Tensor y_true, Tensor y_pred) => update_state(y_true, y_pred, null);
}
