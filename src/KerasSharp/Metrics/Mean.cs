using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// The weighted mean of values (Keras: <c>keras.metrics.Mean</c>): values are first reduced to one per sample (mean
/// over the non-batch axes); <c>total += sum(values · w)</c>, <c>count += sum(w)</c> (or the batch size), result
/// <c>total / count</c>. The loss tracker of <c>fit</c> is a Mean updated with the batch loss weighted by the batch size.
/// </summary>
public class Mean(string? name = null) : Metric(name)
{
    Tensor? _total;
    Tensor? _count;
    double _hostCount;

    /// <summary>Adds values (any shape; the first axis is the batch) with optional per-sample weights.</summary>
    public void update_state(Tensor values, Tensor? sample_weight = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var _ = no_grad();
        var v = values.detach().to_type(ScalarType.Float32);
        if (v.dim() > 1) v = v.mean(Enumerable.Range(1, (int)v.dim() - 1).Select(i => (long)i).ToArray());
        _total ??= NewState(v.device);
        if (sample_weight is null)
        {
            _total.add_(v.sum());
            _hostCount += v.dim() == 0 ? 1 : v.shape[0];
            return;
        }
        var w = sample_weight.detach().to_type(ScalarType.Float32);
        if (w.dim() == 0) w = w.expand_as(v);
        var (vv, ww) = ShapeUtils.SqueezeOrExpandToSameRank(v, w);
        if (ww.dim() > vv.dim()) ww = ww.mean(Enumerable.Range((int)vv.dim(), (int)(ww.dim() - vv.dim())).Select(i => (long)i).ToArray());
        _total.add_(vv.mul(ww).sum());
        _count ??= NewState(v.device);
        _count.add_(ww.expand_as(vv).sum());
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
