using System;
using KerasSharp.Backend;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// All trainable parameters of a model as views into one flat buffer, and their gradients as views into a second
/// one, so that an optimizer step (and zeroing the gradients) is a handful of tensor operations whatever the number of
/// layers. Each parameter keeps its identity (its storage is swapped with <c>set_</c>), so modules holding it see the
/// change; autograd accumulates gradients in place into the flat gradient buffer. A parameter belongs to at most one
/// live arena: an arena is not made over a parameter another one owns (a layer shared by two models stays in the
/// first model's buffers, and the second model trains it in place there), so no model silently loses its parameters.
/// </summary>
internal sealed class ParameterArena : IDisposable
{
    ParameterArena(IReadOnlyList<Parameter> parameters, Tensor flat, Tensor flatGrad, (long offset, long size)[] segments)
    {
        this.parameters = parameters;
        this.flat = flat;
        flat_grad = flatGrad;
        this.segments = segments;
        _handles = parameters.Select(p => p.Handle).ToArray();
        _gradPointer = DataPointer(flatGrad);
        lock (Owners)
            foreach (var p in parameters) Owners.AddOrUpdate(p, this);
    }

    readonly IntPtr[] _handles;
    readonly IntPtr _gradPointer;
    bool _disposed;

    // Which live arena holds each parameter's storage.
    static readonly ConditionalWeakTable<Tensor, ParameterArena> Owners = new();

    /// <summary>The live arena holding <paramref name="parameter"/>, or null.</summary>
    internal static ParameterArena? Owning(Tensor parameter)
    {
        lock (Owners) return Owners.TryGetValue(parameter, out var a) && !a._disposed ? a : null;
    }

    internal IReadOnlyList<Parameter> parameters { get; }
    internal Tensor flat { get; }
    internal Tensor flat_grad { get; }
    internal (long offset, long size)[] segments { get; }
    internal long size => flat.numel();
    internal Device device => flat.device;

    /// <summary>
    /// Gathers <paramref name="parameters"/> into flat buffers, or returns null when they cannot share one (mixed devices or
    /// dtypes, or none at all); the optimizer then updates them one by one.
    /// </summary>
    internal static ParameterArena? TryCreate(IReadOnlyList<Parameter> parameters)
    {
        if (parameters.Count == 0) return null;
        var device = parameters[0].device;
        var dtype = parameters[0].dtype;
        if (parameters.Any(p => !DeviceConfig.Same(p.device, device) || p.dtype != dtype || !p.is_leaf)) return null;
        if (parameters.Distinct().Count() != parameters.Count) return null;
        if (parameters.Any(p => Owning(p) is not null)) return null;
        if (dtype != ScalarType.Float32 && dtype != ScalarType.Float64) return null;
        long total = parameters.Sum(p => p.numel());
        var flat = zeros(total, dtype, device).DetachFromDisposeScope();
        var flatGrad = zeros(total, dtype, device).DetachFromDisposeScope();
        var segments = new (long, long)[parameters.Count];
        long offset = 0;
        using (no_grad())
        {
            for (int i = 0; i < parameters.Count; i++)
            {
                var p = parameters[i];
                long n = p.numel();
                using var view = flat.narrow(0, offset, n).view(p.shape);
                view.copy_(p);
                p.set_(view);
                using var gradView = flatGrad.narrow(0, offset, n).view(p.shape);
                p.grad = gradView;
                segments[i] = (offset, n);
                offset += n;
            }
        }
        return new ParameterArena(parameters, flat, flatGrad, segments);
    }

    /// <summary>True while the parameters are the same tensors, in the same order, as when the arena was made.</summary>
    internal bool Matches(IReadOnlyList<Tensor> current)
    {
        if (_disposed) return false;
        if (current.Count != _handles.Length) return false;
        for (int i = 0; i < _handles.Length; i++)
            if (current[i].Handle != _handles[i] || current[i].IsInvalid) return false;
        return true;
    }

    /// <summary>
    /// <see cref="Matches(IReadOnlyList{Tensor})"/> for the variables' current values, without building a list (fit's
    /// step checks it each time).
    /// </summary>
    internal bool Matches(IReadOnlyList<Variable> current)
    {
        if (_disposed) return false;
        if (current.Count != _handles.Length) return false;
        for (int i = 0; i < _handles.Length; i++)
        {
            var value = current[i].value;
            if (value.Handle != _handles[i] || value.IsInvalid) return false;
        }
        return true;
    }

    /// <summary>Zeros every gradient in one operation (gradients stay allocated, as views).</summary>
    /// <remarks>fill_ rather than zero_: TorchSharp's zero_ returns a new managed tensor each call, fill_ the same one.</remarks>
    internal void zero_grad() => flat_grad.fill_(Zero);

    static readonly Scalar Zero = 0.0f.ToScalar();

    /// <summary>The view of <paramref name="t"/> (a flat buffer of this arena's size) for parameter <paramref name="i"/>.</summary>
    internal Tensor Segment(Tensor t, int i) => t.narrow(0, segments[i].offset, segments[i].size);

    /// <summary>Whether <paramref name="gradient"/> is this arena's gradient view for parameter <paramref name="i"/> (host-side check, no device work).</summary>
    internal bool IsGradientView(Tensor gradient, int i) =>
        gradient.dtype == flat_grad.dtype && gradient.storage_offset() == segments[i].offset && gradient.is_contiguous() && DataPointer(gradient) == _gradPointer;

    static IntPtr DataPointer(Tensor t)
    {
        if (t.dtype == ScalarType.Float32) { using var s = t.storage<float>(); return s.data_ptr(); }
        if (t.dtype == ScalarType.Float64) { using var s = t.storage<double>(); return s.data_ptr(); }
        return IntPtr.Zero;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        lock (Owners)
            foreach (var p in parameters)
                if (Owners.TryGetValue(p, out var a) && ReferenceEquals(a, this)) Owners.Remove(p);
        flat.Dispose();
        flat_grad.Dispose();
    }
}
