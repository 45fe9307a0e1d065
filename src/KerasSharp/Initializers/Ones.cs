using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>All ones (Keras: <c>keras.initializers.Ones</c>).</summary>
public sealed class Ones : Initializer
{
    /// <inheritdoc />
    public override Tensor call(long[] shape) { CheckShape(shape); return ones(shape, ScalarType.Float32); }
}
