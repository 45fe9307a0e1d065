using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>All ones (Keras: <c>keras.initializers.Ones</c>).</summary>
public sealed class Ones : Initializer
{
    /// <inheritdoc />
    public override Tensor call(long[] shape) => Allocate(shape).fill_(1.0);
}
