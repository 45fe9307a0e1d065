namespace KerasSharp.Backend;

/// <summary>Keras's fuzz factor, <c>keras.backend.epsilon()</c> = 1e-7, used to clip probabilities and avoid division by zero.</summary>
internal static class Epsilon
{
    internal const double Value = 1e-7;
}
