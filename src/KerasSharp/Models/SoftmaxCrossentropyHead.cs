using System;
using KerasSharp.Layers;
using KerasSharp.Losses;
using static TorchSharp.torch;

namespace KerasSharp.Models;

/// <summary>
/// fit's fused loss for the most common classifier: a plain <see cref="Sequential"/> (or a functional model with one
/// input whose one output is) ending in
/// <c>Dense(activation: "softmax")</c>, compiled with categorical or sparse categorical crossentropy on probabilities.
/// Keras's torch backend computes <c>log(clip(p / sum p, 1e-7, 1 - 1e-7))</c> of the softmax output p; this computes
/// <c>log_softmax(logits)</c> clamped to the logs of the same bounds (<see cref="CrossentropyMath.ClampedLogSoftmax"/>),
/// which has the same values and gradients to float precision (the renormalisation's gradient cancels because p sums
/// to 1, and the clamps cut the gradient of the same entries) with fewer operations forward and backward. Metrics see
/// the softmax output, computed without gradient, except when every compiled metric reads only each row's argmax
/// (the categorical accuracies, <see cref="Metrics.Metric.argmax_only"/>): those get the logits, whose argmax is the
/// softmax's, and the step skips the softmax. evaluate and predict are unchanged.
/// </summary>
/// <remarks>
/// With one class per sample (sparse labels, or one-hot rows: checked once per fit over the training targets), no
/// sample weights, no label smoothing and Keras's default reduction, the loss <c>-mean(sum(y · log p))</c> is the
/// mean of the picked log-probabilities, which <c>nll_loss</c> computes in one operation: multiplying by exact zeros
/// and ones changes no value, so only the order of the final sum differs.
/// </remarks>
internal sealed class SoftmaxCrossentropyHead
{
    readonly Func<Tensor, bool, Tensor> _body;
    readonly Dense _dense;
    readonly Loss _loss;
    readonly LabelKind _labels;

    enum LabelKind { None, OneHot, Sparse }

    SoftmaxCrossentropyHead(Func<Tensor, bool, Tensor> body, Dense dense, Loss loss, LabelKind labels)
    {
        _body = body;
        _dense = dense;
        _loss = loss;
        _labels = labels;
    }

    /// <summary>
    /// The head when <paramref name="model"/> and <paramref name="loss"/> allow the fusion, else null.
    /// <paramref name="y"/>, the training targets, enables the one-class-per-sample form when they are one-hot.
    /// </summary>
    internal static SoftmaxCrossentropyHead? TryCreate(Model model, Loss loss, Tensor? y = null)
    {
        // Exactly Sequential or Functional (a subclass may override call), no activity penalty on the softmax output,
        // Keras's softmax; a functional model's one output made by a Dense from its one input's graph.
        if (model.activity_regularizer is not null) return null;
        Layer? last;
        Func<Tensor, bool, Tensor> body;
        if (model.GetType() == typeof(Sequential))
        {
            var seq = (Sequential)model;
            (last, body) = (seq.last_layer, seq.call_all_but_last);
        }
        else if (model.GetType() == typeof(Functional) && ((Functional)model).output_head() is { } graphHead) (last, body) = graphHead;
        else return null;
        if (last is not Dense { built: true, activity_regularizer: null } dense || !dense.activation.is_softmax) return null;
        // ignore_class stays on the general path, which owns its masking.
        var labels = loss switch
        {
            CategoricalCrossentropy { from_logits: false, axis: -1 } cce =>
                cce is { label_smoothing: 0.0, reduction: "sum_over_batch_size" } && y is not null && IsOneHot(y) ? LabelKind.OneHot : LabelKind.None,
            SparseCategoricalCrossentropy { from_logits: false, ignore_class: null } scce =>
                scce.reduction == "sum_over_batch_size" ? LabelKind.Sparse : LabelKind.None,
            _ => (LabelKind?)null,
        };
        // The hidden layers under the model's own policy (as its call would run them).
        var inner = body;
        Tensor AutocastBody(Tensor x, bool training) => model.with_autocast(x, input => inner(input, training));
        return labels is { } kind ? new SoftmaxCrossentropyHead(AutocastBody, dense, loss, kind) : null;
    }

    /// <summary>Whether the loss is computed as the mean of the picked log-probabilities when no weights are given.</summary>
    internal bool picks_labels => _labels != LabelKind.None;

    /// <summary>Whether every row of <paramref name="y"/> is one-hot: zeros and a single one (one host read).</summary>
    static bool IsOneHot(Tensor y)
    {
        if (y.dim() != 2 || y.numel() == 0) return false;
        using var scope = NewDisposeScope();
        return y.eq(0).logical_or(y.eq(1)).all().logical_and(y.sum(-1).eq(1).all()).item<bool>();
    }

    /// <summary>The compiled loss (weighted and reduced as <see cref="Loss.compute"/> does) and the logits.</summary>
    internal (Tensor loss, Tensor logits) forward(Tensor x, Tensor y, Tensor? sample_weight, bool training)
    {
        // The last Dense under its own policy (as its call would run), the loss in float32 (Keras: Loss.__call__).
        var hidden = _body(x, training);
        var mask = Layer.get_keras_mask(hidden); // the Dense passes it on to the output, where the loss reads it
        var logits = DTypePolicies.DTypePolicy.AsFloat32(_dense.with_autocast(hidden, _dense.logits));
        var logProb = CrossentropyMath.ClampedLogSoftmax(logits);
        if (_labels != LabelKind.None && sample_weight is null && mask is null && logits.dim() == 2)
        {
            var labels = _labels == LabelKind.OneHot ? y.argmax(-1) : y.dim() == 2 ? y.squeeze(-1) : y;
            if (labels.dtype != ScalarType.Int64) labels = labels.to_type(ScalarType.Int64);
            return (nn.functional.nll_loss(logProb, labels), logits);
        }
        var values = _loss is CategoricalCrossentropy cce
            ? cce.call_from_log_probabilities(y, logProb)
            : ((SparseCategoricalCrossentropy)_loss).call_from_log_probabilities(y, logProb);
        return (_loss.reduce_masked(values, sample_weight, mask, null), logits);
    }

    /// <summary>The model's output (the softmax of the logits), without gradient, for the metrics.</summary>
    internal static Tensor probabilities(Tensor logits)
    {
        using var _ = no_grad();
        return logits.softmax(-1);
    }
}
