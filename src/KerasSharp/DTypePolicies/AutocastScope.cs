using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.DTypePolicies;

/// <summary>
/// Keras's <c>AutocastScope</c> (keras/src/backend/common/variables.py): while a layer whose compute dtype differs from
/// its variable dtype runs <c>call</c>, reading a float weight (<see cref="Variable.value"/>) gives it cast to the
/// compute dtype; gradients flow back to the float32 weight through the cast. Each weight is cast once per scope.
/// </summary>
internal sealed class AutocastScope : IDisposable
{
    [ThreadStatic] static AutocastScope? _current;

    readonly AutocastScope? _previous;
    readonly Dictionary<Variable, Tensor> _cast = new(ReferenceEqualityComparer.Instance);

    AutocastScope(ScalarType? dtype)
    {
        this.dtype = dtype;
        _previous = _current;
        _current = this;
    }

    /// <summary>The dtype float weights are read in, or null inside a scope that disables autocasting.</summary>
    internal ScalarType? dtype { get; }

    internal static AutocastScope? Current => _current;

    /// <summary>
    /// The scope a layer with <paramref name="policy"/> opens for its call, as Keras's <c>Layer.__call__</c> decides:
    /// inside another scope, a new one when the compute dtype differs from it; outside, one when the policy is mixed.
    /// Null when nothing changes.
    /// </summary>
    internal static AutocastScope? Enter(DTypePolicy policy)
    {
        var compute = policy.compute_type;
        if (_current is { } current) return current.dtype == compute ? null : new AutocastScope(compute);
        return policy.is_mixed ? new AutocastScope(compute) : null;
    }

    /// <summary>The weight's tensor as a layer reads it inside this scope.</summary>
    internal Tensor Read(Variable variable, Tensor raw)
    {
        if (dtype is not { } target || raw.dtype == target || !raw.is_floating_point()) return raw;
        if (_cast.TryGetValue(variable, out var cast) && !cast.IsInvalid) return cast;
        cast = raw.to_type(target);
        _cast[variable] = cast;
        return cast;
    }

    public void Dispose() => _current = _previous;
}
