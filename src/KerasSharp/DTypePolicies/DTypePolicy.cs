using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.DTypePolicies;

/// <summary>
/// A layer's dtype policy (Keras: <c>keras.DTypePolicy</c>, keras/src/dtype_policies/dtype_policy.py): the dtype its
/// computations run in (<see cref="compute_dtype"/>) and the dtype its weights are stored in
/// (<see cref="variable_dtype"/>). <c>"mixed_bfloat16"</c> and <c>"mixed_float16"</c> compute in bfloat16 / float16
/// and keep float32 weights; <c>"float32"</c>, <c>"bfloat16"</c> and <c>"float16"</c> use that dtype for both.
/// A layer's <c>dtype:</c> argument takes a policy or its name (a policy converts to its name).
/// </summary>
public sealed class DTypePolicy : IEquatable<DTypePolicy>
{
    /// <summary>The policy named <paramref name="name"/>; null takes the global policy (Keras: <c>DTypePolicy(None)</c>).</summary>
    public DTypePolicy(string? name = null)
    {
        name ??= GlobalPolicy.Current.name;
        (compute_dtype, variable_dtype) = Parse(name);
        this.name = name;
    }

    /// <summary>The policy's name, e.g. "mixed_bfloat16".</summary>
    public string name { get; }

    /// <summary>The dtype of the layer's computations and outputs, e.g. "bfloat16".</summary>
    public string compute_dtype { get; }

    /// <summary>The dtype of the layer's weights, e.g. "float32".</summary>
    public string variable_dtype { get; }

    /// <summary>Keras's <c>get_config()</c>: <c>{"name": name}</c>.</summary>
    public Dictionary<string, object?> get_config() => new() { ["name"] = name };

    /// <summary>The names KerasSharp accepts, in Keras's spelling.</summary>
    public static IReadOnlyList<string> names { get; } = new[] { "float32", "mixed_bfloat16", "mixed_float16", "bfloat16", "float16" };

    static (string compute, string variable) Parse(string name) => name switch
    {
        "mixed_float16" => ("float16", "float32"),
        "mixed_bfloat16" => ("bfloat16", "float32"),
        "float32" or "bfloat16" or "float16" => (name, name),
        _ => throw new ArgumentException(
            $"Cannot convert '{name}' to a mixed precision DTypePolicy. Valid policies include 'mixed_float16', 'mixed_bfloat16', and the float dtypes 'float32', 'bfloat16' and 'float16'.",
            nameof(name)),
    };

    internal ScalarType compute_type => ScalarTypeOf(compute_dtype);
    internal ScalarType variable_type => ScalarTypeOf(variable_dtype);

    /// <summary>Whether weights are cast to the compute dtype when a layer reads them in <c>call</c>.</summary>
    internal bool is_mixed => compute_dtype != variable_dtype;

    internal static ScalarType ScalarTypeOf(string dtype) => dtype switch
    {
        "float32" => ScalarType.Float32,
        "bfloat16" => ScalarType.BFloat16,
        "float16" => ScalarType.Float16,
        _ => throw new ArgumentException($"Unsupported dtype '{dtype}'.", nameof(dtype)),
    };

    /// <summary>
    /// A half-precision float tensor as float32, others unchanged: losses and metrics compute in float32 (Keras: their
    /// dtype is <c>backend.floatx()</c> and <c>Loss.__call__</c> converts <c>y_pred</c> to it).
    /// </summary>
    internal static Tensor AsFloat32(Tensor t) =>
        t.dtype is ScalarType.BFloat16 or ScalarType.Float16 ? t.to_type(ScalarType.Float32) : t;

    /// <summary>
    /// Keras's <c>dtype_policies.get(identifier)</c>: null is the global policy, a string a policy name, a policy itself,
    /// or a serialized <c>{"class_name": "DTypePolicy", "config": {"name": ...}}</c>.
    /// </summary>
    internal static DTypePolicy Get(object? identifier) => identifier switch
    {
        null => GlobalPolicy.Current,
        DTypePolicy p => p,
        string s => s == GlobalPolicy.Current.name ? GlobalPolicy.Current : new DTypePolicy(s),
        Dictionary<string, object?> d when d.GetValueOrDefault("class_name") as string == "DTypePolicy"
            && d.GetValueOrDefault("config") is Dictionary<string, object?> cfg && cfg.GetValueOrDefault("name") is string n => new DTypePolicy(n),
        _ => throw new ArgumentException($"Cannot interpret dtype policy {Saving.PythonJson.Dumps(identifier)}: expected a policy name such as 'mixed_bfloat16' or a DTypePolicy config.", nameof(identifier)),
    };

    /// <summary>A policy passed where a dtype name is expected (a layer's <c>dtype:</c> argument) is its name.</summary>
    public static implicit operator string(DTypePolicy policy) => policy.name;

    /// <inheritdoc />
    public bool Equals(DTypePolicy? other) => other is not null && other.name == name;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DTypePolicy p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode() => name.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"<DTypePolicy \"{name}\">";
}
