using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>sqrt of the running mean of (y_true - y_pred)² over all elements (Keras: <c>keras.metrics.RootMeanSquaredError</c>).</summary>
public sealed class RootMeanSquaredError(string? name = null) : Metric(name ?? "root_mean_squared_error")
{
    readonly Mean _mean = new("mse_state");

    /// <inheritdoc />
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.detach().to_type(ScalarType.Float32), y_pred.detach());
        _mean.update_state(t.sub(p).square(), sample_weight);
    }

    /// <inheritdoc />
    public override Tensor result() => _mean.result().sqrt();

    /// <inheritdoc />
    public override void reset_state() => _mean.reset_state();
}
