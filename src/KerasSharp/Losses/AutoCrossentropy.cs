using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>
/// compile(loss: "crossentropy") or "ce" (case-insensitive): Keras's compile-level shortcut
/// (keras/src/trainers/compile_utils.py, <c>get_loss</c>), resolved at the first batch from the shapes as "accuracy" is:
/// y_pred's last dimension 1 → binary; y_true of lower rank, or last dimension 1 with several classes → sparse
/// categorical; else categorical crossentropy. It keeps the given name.
/// </summary>
internal sealed class AutoCrossentropy(string name) : Loss(name)
{
    Loss? _resolved;

    Loss Resolve(Tensor y_true, Tensor y_pred)
    {
        if (_resolved is not null) return _resolved;
        _resolved = ShapeUtils.KindOfTargets(y_true, y_pred) switch
        {
            ShapeUtils.TargetKind.Binary => new BinaryCrossentropy(name: name),
            ShapeUtils.TargetKind.Sparse => new SparseCategoricalCrossentropy(name: name),
            _ => new CategoricalCrossentropy(name: name),
        };
        return _resolved;
    }

    public override Tensor call(Tensor y_true, Tensor y_pred) => Resolve(y_true, y_pred).call(y_true, y_pred);

    internal override void validate(Tensor y_true, Tensor y_pred, bool inspectValues) => Resolve(y_true, y_pred).validate(y_true, y_pred, inspectValues);

    internal override void validate_labels(Tensor y_true, long outputs) => _resolved?.validate_labels(y_true, outputs);

    internal override Tensor? loss_mask(Tensor y_true, Tensor y_pred) => Resolve(y_true, y_pred).loss_mask(y_true, y_pred);
}
