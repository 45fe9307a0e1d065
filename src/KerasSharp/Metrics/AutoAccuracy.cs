using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// "accuracy" / "acc" given to compile: resolved at the first update from the shapes of y_true and y_pred, as Keras 3
/// does (keras/src/trainers/compile_utils.py, <c>get_metric</c>): y_pred's last dimension 1 → binary; y_true of lower
/// rank, or last dimension 1 with several classes → sparse categorical; else categorical. It keeps the given name.
/// </summary>
internal sealed class AutoAccuracy(string name) : Metric(name)
{
    Metric? _resolved;

    internal Metric? resolved => _resolved;

    Metric Resolve(Tensor y_true, Tensor y_pred)
    {
        if (_resolved is not null) return _resolved;
        _resolved = ShapeUtils.KindOfTargets(y_true, y_pred) switch
        {
            ShapeUtils.TargetKind.Binary => new BinaryAccuracy(name),
            ShapeUtils.TargetKind.Sparse => new SparseCategoricalAccuracy(name),
            _ => new CategoricalAccuracy(name),
        };
        return _resolved;
    }

    internal override void validate(Tensor y_true, Tensor y_pred) => Resolve(y_true, y_pred).validate(y_true, y_pred);

    internal override bool argmax_only(Tensor y_true, Tensor y_pred) => Resolve(y_true, y_pred).argmax_only(y_true, y_pred);

    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null) =>
        Resolve(y_true, y_pred).update_state(y_true, y_pred, sample_weight);

    public override Tensor result() => _resolved?.result() ?? zeros(System.Array.Empty<long>(), ScalarType.Float32);

    public override void reset_state() => _resolved?.reset_state();

    public override string direction => "up";
}
