using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Activations;

/// <summary>
/// An activation function, by Keras name or as a delegate (Keras: the <c>activation</c> argument resolved by
/// <c>keras.activations.get</c>). A string converts implicitly: <c>Dense(20, activation: "relu")</c>.
/// </summary>
public sealed class ActivationFunction
{
    readonly Func<Tensor, Tensor> _fn;

    /// <summary>Wraps a function of one tensor under <paramref name="name"/> (used in summaries and configs).</summary>
    public ActivationFunction(string name, Func<Tensor, Tensor> fn)
    {
        this.name = name ?? throw new ArgumentNullException(nameof(name));
        _fn = fn ?? throw new ArgumentNullException(nameof(fn));
    }

    /// <summary>The Keras name ("relu", "softmax", ...), or the name given to a custom function.</summary>
    public string name { get; }

    /// <summary>Applies the function.</summary>
    public Tensor call(Tensor x) => _fn(x);

    /// <summary>True for the identity ("linear").</summary>
    public bool is_linear => ReferenceEquals(this, Linear);

    /// <summary>True for Keras's "softmax" (not a custom function of that name): fit may then fuse it into the crossentropy.</summary>
    internal bool is_softmax => ReferenceEquals(this, Softmax);

    /// <summary>Looks up a Keras activation name (<c>keras.activations.get</c>); null gives "linear".</summary>
    public static ActivationFunction get(string? identifier)
    {
        if (identifier is null) return Linear;
        if (ByName.TryGetValue(identifier, out var fn)) return fn;
        throw new ArgumentException(
            $"Could not interpret activation function identifier: '{identifier}'. {Utils.ClosestName.DidYouMean(identifier, ByName.Keys)}Expected one of: {string.Join(", ", ByName.Keys.Order(StringComparer.Ordinal))}.",
            nameof(identifier));
    }

    /// <summary>Every name <see cref="get"/> accepts.</summary>
    public static IReadOnlyCollection<string> names => ByName.Keys;

    /// <summary>From a Keras name.</summary>
    public static implicit operator ActivationFunction(string name) => get(name);

    /// <summary>From a function, named "custom_activation" (use the constructor to name it).</summary>
    public static implicit operator ActivationFunction(Func<Tensor, Tensor> fn) => new("custom_activation", fn);

    /// <inheritdoc />
    public override string ToString() => name;

    internal static readonly ActivationFunction Linear = new("linear", x => x.alias());
    internal static readonly ActivationFunction Softmax = new("softmax", x => torch.softmax(x, -1));

    static readonly Dictionary<string, ActivationFunction> ByName = Build();

    static Dictionary<string, ActivationFunction> Build()
    {
        var list = new List<ActivationFunction>
        {
            Linear,
            new("relu", x => nn.functional.relu(x)),
            new("relu6", x => nn.functional.relu6(x)),
            new("leaky_relu", x => nn.functional.leaky_relu(x, 0.2)),   // Keras default negative_slope=0.2 (torch: 0.01)
            new("elu", x => nn.functional.elu(x, 1.0)),
            new("selu", x => nn.functional.selu(x)),
            new("celu", x => nn.functional.celu(x, 1.0)),
            new("gelu", x => nn.functional.gelu(x)),                    // Keras default approximate=False
            new("silu", x => nn.functional.silu(x)),
            new("swish", x => nn.functional.silu(x)),
            new("mish", x => nn.functional.mish(x)),
            new("sigmoid", x => torch.sigmoid(x)),
            new("hard_sigmoid", x => nn.functional.hardsigmoid(x)),     // Keras 3: relu6(x + 3) / 6
            new("hard_silu", x => nn.functional.hardswish(x)),
            new("hard_swish", x => nn.functional.hardswish(x)),
            new("tanh", x => torch.tanh(x)),
            Softmax,
            new("log_softmax", x => x.log_softmax(-1)),
            new("softplus", x => nn.functional.softplus(x)),
            new("softsign", x => nn.functional.softsign(x)),
            new("exponential", x => torch.exp(x)),
            new("log_sigmoid", x => nn.functional.logsigmoid(x)),
            new("hard_tanh", x => nn.functional.hardtanh(x)),
            new("tanh_shrink", x => nn.functional.tanhshrink(x)),
        };
        return list.ToDictionary(a => a.name, StringComparer.Ordinal);
    }
}
