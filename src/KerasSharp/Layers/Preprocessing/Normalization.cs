using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Initializers;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Standardizes features, <c>(x - mean) / max(sqrt(variance), 1e-7)</c> (Keras: <c>keras.layers.Normalization</c>,
/// keras/src/layers/preprocessing/normalization.py), or with <c>invert</c> the reverse, <c>mean + x * max(sqrt(variance),
/// 1e-7)</c>. The statistics are either given (<c>mean</c> and <c>variance</c>, constants, no weights) or learned by
/// <see cref="adapt(Tensor)"/>, which stores them in the non-trainable weights <c>mean</c> and <c>variance</c> (plus
/// Keras's int32 <c>count</c>, kept at 0 as Keras keeps it), saved and counted under "Non-trainable params".
/// <c>axis</c> names the axes that keep their own statistics (default the last); every other axis is reduced. Keras's
/// <c>axis=None</c> (one mean and variance over everything) is <c>axis: []</c>.
/// </summary>
public sealed class Normalization : Layer
{
    readonly double[]? _inputMean, _inputVariance;
    Tensor? _mean, _variance; // given statistics in broadcast shape, on the device of the last call
    long?[]? _buildInputShape;
    int[] _keep = Array.Empty<int>(), _reduce = Array.Empty<int>();
    long[] _broadcast = Array.Empty<long>(), _statShape = Array.Empty<long>();

    /// <summary>
    /// Keras's arguments and defaults: <paramref name="axis"/> null is Keras's default (-1) and an empty array Keras's
    /// <c>axis=None</c>; <paramref name="mean"/> and <paramref name="variance"/> (both or neither) are one value, one
    /// value per position of the kept axes (row-major), or one per position of the last kept axis.
    /// </summary>
    public Normalization(int[]? axis = null, double[]? mean = null, double[]? variance = null, bool invert = false,
        string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        this.axis = axis is null ? new[] { -1 } : (int[])axis.Clone();
        if ((mean is null) != (variance is null))
            throw new ArgumentException(
                $"When setting values directly, both `mean` and `variance` must be set. Received: mean={Python(mean)} and variance={Python(variance)}", mean is null ? nameof(mean) : nameof(variance));
        if (mean is { Length: 0 } || variance is { Length: 0 })
            throw new ArgumentException("`mean` and `variance` must hold at least one value each.", mean is { Length: 0 } ? nameof(mean) : nameof(variance));
        if (variance is not null && variance.Any(v => !(v >= 0)))
            throw new ArgumentException($"`variance` must be non-negative. Received: variance={Python(variance)}", nameof(variance));
        if (mean is not null && mean.Any(v => !double.IsFinite(v)))
            throw new ArgumentException($"`mean` must be finite. Received: mean={Python(mean)}", nameof(mean));
        _inputMean = mean is null ? null : (double[])mean.Clone();
        _inputVariance = variance is null ? null : (double[])variance.Clone();
        this.invert = invert;
    }

    /// <summary>The axes with their own statistics, as given (empty: one statistic over everything).</summary>
    public int[] axis { get; }
    /// <summary>Whether the layer undoes the normalization.</summary>
    public bool invert { get; }
    /// <summary>The adapted mean (non-trainable, shape of the kept axes); null with given statistics or before building.</summary>
    public Variable? adapt_mean { get; private set; }
    /// <summary>The adapted variance (non-trainable); null with given statistics or before building.</summary>
    public Variable? adapt_variance { get; private set; }
    /// <summary>Keras's int32 <c>count</c> weight, kept for compatibility with its files (always 0, as in Keras).</summary>
    public Variable? count { get; private set; }

    internal override long?[]? build_config_shape => _buildInputShape ?? input_shape;

    /// <inheritdoc />
    public override void build(long?[] input_shape)
    {
        int ndim = input_shape.Length;
        if (axis.Any(a => a < -ndim || a >= ndim))
            throw new ArgumentException(
                $"All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim={ndim}, while axis={AxisText} (layer '{name}', Normalization).", nameof(input_shape));
        _keep = axis.Select(a => a < 0 ? a + ndim : a).Distinct().Order().ToArray();
        foreach (var d in _keep)
            if (input_shape[d] is null)
                throw new ArgumentException(
                    $"All `axis` values to be kept must have a known shape. Received axis={AxisText}, inputs.shape={ShapeUtils.Format(input_shape)}, with unknown axis at index {d} (layer '{name}').", nameof(input_shape));
        _reduce = Enumerable.Range(0, ndim).Where(d => !_keep.Contains(d)).ToArray();
        _broadcast = Enumerable.Range(0, ndim).Select(d => _keep.Contains(d) ? input_shape[d]!.Value : 1L).ToArray();
        _statShape = _keep.Select(d => input_shape[d]!.Value).ToArray();
        _buildInputShape ??= (long?[])input_shape.Clone();
        if (_inputMean is null)
        {
            adapt_mean = add_weight("mean", _statShape, new Zeros(), trainable: false);
            adapt_variance = add_weight("variance", _statShape, new Ones(), trainable: false);
            count = add_weight("count", Array.Empty<long>(), new Zeros(), trainable: false, dtype: ScalarType.Int32);
        }
        else
        {
            _mean = Given(_inputMean, "mean").DetachFromDisposeScope();
            _variance = Given(_inputVariance!, "variance").DetachFromDisposeScope();
        }
    }

    /// <summary>The given values in the broadcast shape: one value, one per kept position, or one per position of the last kept axis.</summary>
    Tensor Given(double[] values, string argument)
    {
        long all = _statShape.Aggregate(1L, (a, b) => a * b);
        var t = tensor(values.Select(v => (float)v).ToArray());
        if (values.Length == 1) return t.reshape(Enumerable.Repeat(1L, _broadcast.Length).ToArray()).expand(_broadcast).contiguous();
        if (values.Length == all) return t.reshape(_broadcast);
        if (_statShape.Length > 0 && values.Length == _statShape[^1])
        {
            var shape = Enumerable.Repeat(1L, _broadcast.Length).ToArray();
            shape[_keep[^1]] = values.Length;
            return t.reshape(shape).expand(_broadcast).contiguous();
        }
        throw new ArgumentException(
            $"`{argument}` has {values.Length} values, which do not broadcast to the statistics' shape {ShapeUtils.Format(_statShape)} for axis={AxisText} (layer '{name}'): give one value, {all} values, or one per position of the last kept axis.", argument);
    }

    /// <summary>
    /// Learns the mean and (biased) variance of <paramref name="data"/> over the reduced axes (Keras: <c>adapt(data)</c>
    /// on an array or tensor). Builds the layer for the data's shape if needed; a built layer refuses data whose kept
    /// axes differ.
    /// </summary>
    public void adapt(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var scope = NewDisposeScope();
        var x = Prepare(data, fromBatches: false);
        var dims = _reduce.Select(d => (long)d).ToArray();
        Tensor mean, variance;
        if (dims.Length == 0) { mean = x; variance = zeros_like(x); }
        else (variance, mean) = var_mean(x, dims, unbiased: false, keepdim: false);
        Assign(mean, variance);
    }

    /// <summary>
    /// As <see cref="adapt(Tensor)"/>, for data given as an array of any rank (<c>float[,]</c>, <c>double[,,,]</c>, ...), a
    /// jagged array, an <c>IDataView</c> or a sequence of numbers.
    /// </summary>
    public void adapt(object data)
    {
        if (data is Tensor t) { adapt(t); return; }
        if (data is IEnumerable<Tensor> batches) { adapt(batches); return; }
        using var scope = NewDisposeScope();
        adapt(Data.TensorConversion.Features(data, nameof(data)));
    }

    /// <summary>
    /// Learns the statistics from batches (Keras: <c>adapt</c> on a batched dataset), combining each batch's mean and
    /// variance with the running ones by the pooled formula Keras uses; the result equals adapting on all the data at
    /// once. Every batch must have the layer's rank and kept sizes.
    /// </summary>
    public void adapt(IEnumerable<Tensor> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        using var scope = NewDisposeScope();
        Tensor? totalMean = null, totalVar = null;
        long totalCount = 0;
        int index = 0;
        foreach (var batch in batches)
        {
            if (batch is null) throw new ArgumentException($"Batch {index} of the data given to adapt() is null.", nameof(batches));
            var x = Prepare(batch, fromBatches: true);
            var dims = _reduce.Select(d => (long)d).ToArray();
            Tensor batchMean, batchVar;
            if (dims.Length == 0) { batchMean = x; batchVar = zeros_like(x); }
            else (batchVar, batchMean) = var_mean(x, dims, unbiased: false, keepdim: false);
            long batchCount = _reduce.Aggregate(1L, (a, d) => a * x.shape[d]);
            if (batchCount == 0) { index++; continue; }
            totalCount += batchCount;
            double batchWeight = (double)batchCount / totalCount, existingWeight = 1.0 - batchWeight;
            if (totalMean is null) { totalMean = batchMean; totalVar = batchVar; }
            else
            {
                var newMean = totalMean * existingWeight + batchMean * batchWeight;
                totalVar = (totalVar! + (totalMean - newMean).square()) * existingWeight + (batchVar + (batchMean - newMean).square()) * batchWeight;
                totalMean = newMean;
            }
            index++;
        }
        if (totalMean is null)
            throw new ArgumentException("adapt() received no data: the batches are empty.", nameof(batches));
        Assign(totalMean, totalVar!);
    }

    /// <summary>Builds for the data if needed, checks its kept sizes, and returns it as float64 on the weights' device.</summary>
    Tensor Prepare(Tensor data, bool fromBatches)
    {
        if (_inputMean is not null)
            throw new InvalidOperationException(
                $"Layer '{name}' (Normalization) was given `mean` and `variance`; adapt() learns them only for a layer created without them.");
        var shape = Layer.ShapeOf(data, batchUnknown: false);
        if (!built)
        {
            if (!fromBatches) _buildInputShape = shape;
            // The model's (None, ...) shape for summaries; build_config keeps the data's shape, as Keras writes it.
            ensure_built(Layer.ShapeOf(data, batchUnknown: true));
        }
        else if (shape.Length != _broadcast.Length || _keep.Any(d => shape[d] != _broadcast[d]))
        {
            throw new ArgumentException(
                $"The layer was built with input_shape={ShapeUtils.Format(_buildInputShape ?? input_shape!)}, but adapt() is being called with data with an incompatible shape, data.shape={ShapeUtils.Format(shape)} (layer '{name}').", nameof(data));
        }
        if (!data.is_floating_point() && !data.is_integral() && data.dtype != ScalarType.Bool)
            throw new ArgumentException($"adapt() needs real numbers; received a tensor of dtype {data.dtype}.", nameof(data));
        return data.to(ScalarType.Float64, adapt_mean!.value.device);
    }

    void Assign(Tensor mean, Tensor variance)
    {
        adapt_mean!.assign(mean.to_type(adapt_mean.value.dtype).reshape(_statShape));
        adapt_variance!.assign(variance.to_type(adapt_variance.value.dtype).reshape(_statShape));
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape) => input_shape;

    /// <summary>
    /// The summary's shape: batch None, as Keras shows the layer inside a model even when adapt (or a build_config
    /// written after adapt) built it for the data's batch size.
    /// </summary>
    public override IReadOnlyList<long?[]> compute_output_shapes(long?[] input_shape)
    {
        var s = (long?[])input_shape.Clone();
        if (s.Length > 0) s[0] = null;
        return new[] { s };
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        if (inputs.dim() != _broadcast.Length || _keep.Any(d => inputs.shape[d] != _broadcast[d]))
            throw new ArgumentException(
                $"Input of layer '{name}' (Normalization) has shape {ShapeUtils.Format(inputs)}; the layer was built for input shape {ShapeUtils.Format(input_shape!)} with axis={AxisText}.", nameof(inputs));
        var x = inputs.is_floating_point() ? inputs : inputs.to_type(ScalarType.Float32);
        Tensor mean, variance;
        if (adapt_mean is not null)
        {
            mean = adapt_mean.value.reshape(_broadcast);
            variance = adapt_variance!.value.reshape(_broadcast);
        }
        else
        {
            if (_mean!.device_type != x.device_type || _mean.device_index != x.device_index)
            {
                var (m, v) = (_mean, _variance!);
                _mean = m.to(x.device).DetachFromDisposeScope();
                _variance = v.to(x.device).DetachFromDisposeScope();
                m.Dispose();
                v.Dispose();
            }
            (mean, variance) = (_mean, _variance!);
        }
        if (mean.dtype != x.dtype) (mean, variance) = (mean.to_type(x.dtype), variance.to_type(x.dtype));
        var std = variance.sqrt().clamp_min(Backend.Epsilon.Value);
        return invert ? mean + x * std : (x - mean) / std;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["axis"] = axis.Cast<object?>().ToList();
        c["invert"] = invert;
        c["mean"] = Config(_inputMean);
        c["variance"] = Config(_inputVariance);
        return c;
    }

    static object? Config(double[]? values) => values is null ? null : values.Length == 1 ? values[0] : values.Cast<object?>().ToList();

    string AxisText => axis.Length == 1 ? $"({axis[0]},)" : $"({string.Join(", ", axis)})";

    static string Python(double[]? v) => v is null ? "None" : v.Length == 1 ? Saving.PythonJson.Dumps(v[0]) : Saving.PythonJson.Dumps(v.Cast<object?>().ToList());
}
