using System.Collections.Generic;
using KerasSharp.Layers;

namespace KerasSharp;

public static partial class keras
{
    /// <summary>Models (Keras: <c>keras.models</c>).</summary>
    public static class models
    {
        /// <summary>A stack of layers (Keras: <c>Sequential([...])</c>).</summary>
        public static Models.Sequential Sequential(IEnumerable<Layer>? layers = null, string? name = null, bool trainable = true) =>
            new(layers, name, trainable);
    }
}
