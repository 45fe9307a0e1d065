using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Initializers;

/// <summary>All zeros (Keras: <c>keras.initializers.Zeros</c>, the default bias initializer).</summary>
public sealed class Zeros : Initializer
{
    /// <inheritdoc />
    public override Tensor call(long[] shape) => Allocate(shape).zero_();
}
