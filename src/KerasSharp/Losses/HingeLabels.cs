using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>Keras's <c>convert_binary_labels_to_hinge</c>: labels that are all 0 or 1 become -1 or 1.</summary>
internal static class HingeLabels
{
    internal static Tensor Convert(Tensor y_true)
    {
        // Computed on the device without a host round trip: where(all binary, 2y - 1, y).
        var binary = y_true.eq(0.0).logical_or_(y_true.eq(1.0)).all();
        return where(binary, y_true.mul(2.0).sub_(1.0), y_true);
    }
}
