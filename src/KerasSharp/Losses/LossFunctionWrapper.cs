using System;
using static TorchSharp.torch;

namespace KerasSharp.Losses;

/// <summary>A loss made from a function (Keras: <c>LossFunctionWrapper</c>).</summary>
internal sealed class LossFunctionWrapper(string name, Func<Tensor, Tensor, Tensor> fn) : Loss(name)
{
    internal override void validate(Tensor y_true, Tensor y_pred, bool inspectValues) { }

    public override Tensor call(Tensor y_true, Tensor y_pred)
    {
        var (t, p) = ShapeUtils.SqueezeOrExpandToSameRank(y_true.to_type(y_pred.dtype), y_pred);
        return fn(t, p);
    }
}
