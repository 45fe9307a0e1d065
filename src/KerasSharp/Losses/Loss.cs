using System;
using System.Linq;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// The base of every loss (Keras: <c>keras.losses.Loss</c>). Subclasses compute per-sample values in
/// <see cref="call"/> (reduced over the last axis); <see cref="compute"/> applies sample weights and the reduction,
/// by default Keras's "sum_over_batch_size": the sum of the weighted values divided by their count (not by the sum
/// of the weights). Names convert implicitly: <c>loss: "categorical_crossentropy"</c>.
/// </summary>
public abstract class Loss
{
    static readonly string[] Reductions = { "sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none" };

    /// <summary>Keras's arguments; <paramref name="reduction"/> is one of sum_over_batch_size, sum, mean, mean_with_sample_weight, none.</summary>
    protected Loss(string? name = null, string reduction = "sum_over_batch_size")
    {
        if (!Reductions.Contains(reduction ?? "none"))
            throw new ArgumentException($"Invalid value for argument `reduction`: '{reduction}'. Expected one of: {string.Join(", ", Reductions)}.", nameof(reduction));
        this.name = name ?? Backend.Naming.ToSnakeCase(GetType().Name);
        this.reduction = reduction ?? "none";
    }

    /// <summary>The loss's name (the string given to compile, or the snake-cased class name).</summary>
    public string name { get; internal set; }

    /// <summary>How per-sample values are reduced.</summary>
    public string reduction { get; }

    /// <summary>Per-sample loss values: the loss reduced over the last axis (Keras: <c>Loss.call</c>).</summary>
    public abstract Tensor call(Tensor y_true, Tensor y_pred);

    /// <summary>
    /// Checks that <paramref name="y_true"/> can be scored against <paramref name="y_pred"/>: by default both must have the
    /// same shape once Keras's squeeze-or-expand rule is applied (no silent broadcasting of mismatched label widths).
    /// </summary>
    internal virtual void validate(Tensor y_true, Tensor y_pred, bool inspectValues)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true, y_pred);
        ShapeUtils.RequireSameShape(t, p, $"Loss '{name}'");
    }

    /// <summary>Checks every label against the number of outputs (sparse losses: class indices in range); one host read.</summary>
    internal virtual void validate_labels(Tensor y_true, long outputs) { }

    /// <summary>The reduced loss (Keras: <c>loss(y_true, y_pred, sample_weight)</c>), a scalar unless reduction is "none".</summary>
    public Tensor compute(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        ArgumentNullException.ThrowIfNull(y_true);
        ArgumentNullException.ThrowIfNull(y_pred);
        validate(y_true, y_pred, inspectValues: true);
        return compute_unchecked(y_true, y_pred, sample_weight);
    }

    /// <summary><see cref="compute"/> without validation: the training loop validated the whole dataset once.</summary>
    /// <remarks>
    /// As Keras's <c>Loss.__call__</c>: the mask a model attached to <paramref name="y_pred"/> (its output's mask, e.g.
    /// from <c>Embedding(mask_zero: true)</c> through an <c>LSTM(return_sequences: true)</c>) is and-ed with the loss's
    /// own mask and folded into the sample weights by <c>apply_mask</c>.
    /// </remarks>
    internal Tensor compute_unchecked(Tensor y_true, Tensor y_pred, Tensor? sample_weight)
    {
        var outputMask = Layers.Layer.get_keras_mask(y_pred);
        y_pred = DTypePolicies.DTypePolicy.AsFloat32(y_pred);
        return reduce_masked(call(y_true, y_pred), sample_weight, outputMask, loss_mask(y_true, y_pred));
    }

    /// <summary>
    /// <see cref="reduce"/> with the model output's mask <paramref name="output_mask"/> and-ed with the loss's own
    /// <paramref name="values_mask"/> (Keras: <c>in_mask &amp; out_mask</c> in <c>Loss.__call__</c>).
    /// </summary>
    /// <exception cref="ArgumentException">Sample weights that do not have the mask's rank once Keras's squeeze-or-expand
    /// rule is applied (a (batch,) weight with a per-step (batch, timesteps) mask: Keras fails on it, or broadcasts it
    /// over the wrong axis when timesteps equals the batch size).</exception>
    internal Tensor reduce_masked(Tensor values, Tensor? sample_weight, Tensor? output_mask, Tensor? values_mask)
    {
        if (output_mask is null) return reduce(values, sample_weight, values_mask);
        if (sample_weight is not null)
        {
            var (m, w) = ShapeUtils.SqueezeOrExpandToSameRank(output_mask, sample_weight);
            if (m.dim() != w.dim())
                throw new ArgumentException(
                    $"`sample_weight` of shape {ShapeUtils.Format(sample_weight)} does not fit the model output's mask of shape {ShapeUtils.Format(output_mask)}: "
                    + "a masked per-step output needs one weight per step, of the mask's shape (Keras multiplies the weights into the mask).",
                    nameof(sample_weight));
        }
        return reduce(values, sample_weight, values_mask is null ? output_mask : output_mask.logical_and(values_mask));
    }

    /// <summary>
    /// Which per-sample values count, or null for all (Keras: the mask <c>sparse_categorical_crossentropy</c> attaches to
    /// its values for <c>ignore_class</c>, which <c>Loss.__call__</c> folds into the sample weights).
    /// </summary>
    internal virtual Tensor? loss_mask(Tensor y_true, Tensor y_pred) => null;

    /// <summary>Keras's <c>reduce_weighted_values</c> (with <c>apply_mask</c> when <paramref name="mask"/> is given).</summary>
    internal Tensor reduce(Tensor values, Tensor? sample_weight, Tensor? mask = null)
    {
        if (mask is not null) sample_weight = apply_mask(sample_weight, mask, values.dtype);
        if (sample_weight is not null)
        {
            var (v, w) = ShapeUtils.SqueezeOrExpandToSameRank(values, sample_weight.to_type(values.dtype));
            if (w.dim() > v.dim())
                throw new ArgumentException(
                    $"`sample_weight` of shape {ShapeUtils.Format(sample_weight)} has more dimensions than loss '{name}''s values of shape {ShapeUtils.Format(values)}: per-step weights need a per-step output.",
                    nameof(sample_weight));
            values = v.mul(w);
            if (reduction == "mean_with_sample_weight") return values.dim() == 0 ? values : DivideNoNan(values.sum(), w.sum());
        }
        if (reduction == "none" || values.dim() == 0) return values;
        return reduction == "sum" ? values.sum() : values.mean();
    }

    /// <summary>
    /// Keras's <c>apply_mask</c>: for the mean reductions valid entries weigh total/valid (so the mean is over the valid
    /// entries, 0 when there are none), otherwise the mask is a 0/1 weight; it multiplies any sample weights.
    /// </summary>
    Tensor apply_mask(Tensor? sample_weight, Tensor mask, ScalarType dtype)
    {
        var m = mask.to_type(dtype);
        if (reduction is "sum_over_batch_size" or "mean")
        {
            var valid = m.sum();
            m = m.mul(DivideNoNan(ones_like(valid).mul_(m.numel()), valid));
        }
        if (sample_weight is null) return m;
        var (fm, w) = ShapeUtils.SqueezeOrExpandToSameRank(m, sample_weight.to_type(dtype));
        return w.mul(fm);
    }

    static Tensor DivideNoNan(Tensor a, Tensor b) => where(b.eq(0.0), zeros_like(a), a.div(b));

    /// <summary>Looks up a loss by Keras name (exact, case-sensitive, with Keras's aliases such as "mse" and "bce").</summary>
    public static Loss get(string identifier) => LossRegistry.Get(identifier);

    /// <summary>From a Keras name.</summary>
    public static implicit operator Loss(string identifier) => get(identifier);

    /// <summary>A loss from a function returning per-sample values, reduced like Keras's <c>LossFunctionWrapper</c>.</summary>
    public static Loss from_function(string name, Func<Tensor, Tensor, Tensor> fn) => new LossFunctionWrapper(name, fn);

    /// <inheritdoc />
    public override string ToString() => $"<{GetType().Name} name={name}>";
}
