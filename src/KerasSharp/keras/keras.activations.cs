using KerasSharp.Activations;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class keras
{
    /// <summary>Activation functions (Keras: <c>keras.activations</c>).</summary>
    public static class activations
    {
        /// <summary>max(x, 0).</summary>
        public static Tensor relu(Tensor x) => ActivationFunction.get("relu").call(x);
        /// <summary>1 / (1 + exp(-x)).</summary>
        public static Tensor sigmoid(Tensor x) => ActivationFunction.get("sigmoid").call(x);
        /// <summary>Hyperbolic tangent.</summary>
        public static Tensor tanh(Tensor x) => ActivationFunction.get("tanh").call(x);
        /// <summary>Softmax over the last axis.</summary>
        public static Tensor softmax(Tensor x) => ActivationFunction.get("softmax").call(x);
        /// <summary>log(1 + exp(x)).</summary>
        public static Tensor softplus(Tensor x) => ActivationFunction.get("softplus").call(x);
        /// <summary>x·sigmoid(x).</summary>
        public static Tensor silu(Tensor x) => ActivationFunction.get("silu").call(x);
        /// <summary>Gaussian error linear unit (exact).</summary>
        public static Tensor gelu(Tensor x) => ActivationFunction.get("gelu").call(x);
        /// <summary>Leaky ReLU with Keras's slope 0.2.</summary>
        public static Tensor leaky_relu(Tensor x) => ActivationFunction.get("leaky_relu").call(x);
        /// <summary>An activation by name.</summary>
        public static ActivationFunction get(string identifier) => ActivationFunction.get(identifier);
    }
}
