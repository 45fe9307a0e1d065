using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// The weighted mean of values (Keras: <c>keras.metrics.Mean</c>): values and weights are reduced to one per sample as
/// Keras's <c>reduce_to_samplewise_values</c> does (weights multiply before the reduction); <c>total += sum(values · w)</c>,
/// <c>count += sum(w)</c> (or the batch size), result <c>total / count</c>. The loss tracker of <c>fit</c> is a Mean updated with the batch loss weighted by the batch size.
/// </summary>
public class Mean(string? name = null) : Metric(name)
{
    Tensor? _total;
    Tensor? _count;
    double _hostCount;

    /// <summary>
    /// Adds values (any shape; the first axis is the batch) with optional weights, as Keras's
    /// <c>reduce_to_samplewise_values</c>: values are averaged down to the weights' rank, multiplied by the weights
    /// (broadcast), then weights and products are averaged over their non-batch axes; <c>total += sum(products)</c>,
    /// <c>count += sum(weights)</c>. So <c>Mean([[1, 3]], sample_weight: [[1, 0]])</c> is 1.
    /// </summary>
    public void update_state(Tensor values, Tensor? sample_weight = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var v = values.detach().to_type(ScalarType.Float32);
        _total ??= NewState(v.device).MoveToOuterDisposeScope();
        if (sample_weight is null)
        {
            _total.add_(MeanOverAxes(v, 1).sum());
            _hostCount += v.dim() == 0 ? 1 : v.shape[0];
            return;
        }
        var w = sample_weight.detach().to_type(ScalarType.Float32).to(v.device);
        (v, w) = ShapeUtils.SqueezeOrExpandToSameRank(v, w);
        // Keras requires weights that broadcast to the values once reduced; extra weight axes are averaged here.
        if (w.dim() > v.dim()) w = MeanOverAxes(w, (int)v.dim());
        int weightRank = (int)w.dim();
        v = MeanOverAxes(v, weightRank);
        if (!BroadcastsTo(w.shape, v.shape))
            throw new ArgumentException(
                $"`sample_weight` of shape {ShapeUtils.Format(sample_weight)} does not broadcast to the values of shape {ShapeUtils.Format(values)} (reduced to {ShapeUtils.Format(v)}).",
                nameof(sample_weight));
        w = w.broadcast_to(v.shape);
        v = v.mul(w);
        if (weightRank > 1) w = MeanOverAxes(w, 1);
        _total.add_(MeanOverAxes(v, 1).sum());
        _count ??= NewState(v.device).MoveToOuterDisposeScope();
        _count.add_(w.sum());
    }

    /// <summary>The mean over the axes from <paramref name="from"/> on (the tensor itself when there are none).</summary>
    static Tensor MeanOverAxes(Tensor t, int from) =>
        t.dim() > from ? t.mean(Enumerable.Range(from, (int)t.dim() - from).Select(i => (long)i).ToArray()) : t;

    static bool BroadcastsTo(long[] from, long[] to)
    {
        if (from.Length > to.Length) return false;
        for (int i = 1; i <= from.Length; i++)
            if (from[^i] != 1 && from[^i] != to[^i]) return false;
        return true;
    }

    /// <summary>Adds a scalar <paramref name="value"/> weighted by <paramref name="weight"/> without a host read (the loss tracker).</summary>
    internal void update_weighted(Tensor value, double weight)
    {
        _total ??= NewState(value.device);
        if (weight != _weight)
        {
            // One Scalar per distinct weight (the batch size): TorchSharp allocates a native Scalar for each double argument otherwise.
            _weight = weight;
            _weightScalar = weight.ToScalar();
        }
        _total.add_(value.detach(), _weightScalar!);
        _hostCount += weight;
    }

    double _weight = double.NaN;
    Scalar? _weightScalar;

    /// <summary>Scalars made once (in a nested class so that the native library loads only when they are first used).</summary>
    static class Constants
    {
        internal static readonly Scalar One = 1.ToScalar();
    }

    /// <summary>
    /// The unweighted update with one boolean per sample (the accuracies' fast path in fit): total += the number of
    /// true values, count += the batch size. The same state as <see cref="update_state(Tensor, Tensor?)"/> on the
    /// values as 0/1 floats (their float32 sum is exact), without the conversion and reductions.
    /// </summary>
    internal void update_matches(Tensor matches)
    {
        _total ??= NewState(matches.device);
        _total.add_(matches.sum(), Constants.One);
        _hostCount += matches.shape[0];
    }

    /// <inheritdoc />
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null) => update_state(y_pred, sample_weight);

    /// <inheritdoc />
    public override Tensor result()
    {
        if (_total is null) return zeros(Array.Empty<long>(), ScalarType.Float32);
        if (_count is null) return _hostCount == 0 ? zeros_like(_total) : _total.div(_hostCount);
        var count = _count.add(_hostCount);
        return where(count.eq(0.0), zeros_like(_total), _total.div(count)); // divide_no_nan
    }

    /// <inheritdoc />
    public override void reset_state()
    {
        _total?.zero_();
        _count?.zero_();
        _hostCount = 0;
    }
}
