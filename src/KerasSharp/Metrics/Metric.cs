using System;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// A stateful metric (Keras: <c>keras.metrics.Metric</c>): <see cref="update_state"/> accumulates batches on the
/// device, <see cref="result"/> returns the current value as a device scalar (reading it is the only host
/// synchronisation), <see cref="reset_state"/> starts over. Names convert implicitly: <c>metrics: ["accuracy"]</c>.
/// </summary>
public abstract class Metric : IDisposable
{
    /// <summary>Names the metric, or auto-names it from its class (auc, auc_1, ...).</summary>
    protected Metric(string? name = null)
    {
        this.name = name ?? Backend.Naming.AutoName(GetType().Name);
    }

    /// <summary>The key of the metric in logs and history (the exact string given to compile).</summary>
    public string name { get; internal set; }

    /// <summary>Accumulates one batch.</summary>
    public abstract void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null);

    /// <summary>The current value, a float32 scalar on the device of the data.</summary>
    public abstract Tensor result();

    /// <summary>Clears the accumulated state.</summary>
    public abstract void reset_state();

    /// <summary>"up" when larger is better (accuracy, AUC), "down" otherwise; callbacks use it for mode="auto".</summary>
    public virtual string direction => "down";

    /// <summary>Checks that the metric can score <paramref name="y_true"/> against <paramref name="y_pred"/>.</summary>
    internal virtual void validate(Tensor y_true, Tensor y_pred) { }

    /// <summary>
    /// Whether the metric reads <paramref name="y_pred"/> only through the index of each row's largest value
    /// (categorical accuracies), so that fit's fused softmax head may give it the logits instead of their softmax:
    /// softmax is increasing along the row, so both have their largest value at the same index (only logits whose
    /// softmaxes round to the same float could differ). Decided from the shapes, as the metric would resolve itself.
    /// </summary>
    internal virtual bool argmax_only(Tensor y_true, Tensor y_pred) => false;

    /// <summary>Looks up a metric by Keras name ("accuracy", "mae", "AUC", ...); the metric is named with that exact string.</summary>
    public static Metric get(string identifier) => MetricRegistry.Get(identifier);

    /// <summary>From a Keras name.</summary>
    public static implicit operator Metric(string identifier) => get(identifier);

    /// <summary>A state scalar on <paramref name="device"/>.</summary>
    internal static Tensor NewState(Device device) => zeros(Array.Empty<long>(), ScalarType.Float32, device).DetachFromDisposeScope();

    /// <summary>
    /// Frees the metric's state tensors (TorchSharp's disposal): every tensor field of the metric's classes. Override
    /// <see cref="Dispose(bool)"/> for state kept elsewhere.
    /// </summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the state tensors held in fields (and in fields of the metric's own helper objects).</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing) DisposeFields(this, 0);
    }

    static void DisposeFields(object owner, int depth)
    {
        for (var type = owner.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            foreach (var field in type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.DeclaredOnly))
            {
                var value = field.GetValue(owner);
                if (value is Tensor t)
                {
                    t.Dispose();
                    if (!field.IsInitOnly) field.SetValue(owner, null);
                }
                else if (value is Metric inner && !ReferenceEquals(inner, owner)) inner.Dispose();
                else if (value is not null && depth < 2 && !value.GetType().IsValueType && value.GetType().Namespace == typeof(Metric).Namespace)
                    DisposeFields(value, depth + 1);
            }
    }

    /// <inheritdoc />
    public override string ToString() => $"<{GetType().Name} name={name}>";
}
