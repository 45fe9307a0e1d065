using System;
using KerasSharp.Backend;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// All trainable parameters of a model as views into one flat buffer, and their gradients as views into a second
/// one, so that an optimizer step (and zeroing the gradients) is a handful of tensor operations whatever the number of
/// layers. Each parameter keeps its identity (its storage is swapped with <c>set_</c>), so modules holding it see the
/// change; autograd accumulates gradients in place into the flat gradient buffer.
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
    }

    readonly IntPtr[] _handles;

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
    internal bool Matches(IReadOnlyList<Parameter> current)
    {
        if (current.Count != _handles.Length) return false;
        for (int i = 0; i < _handles.Length; i++)
            if (current[i].Handle != _handles[i] || current[i].IsInvalid) return false;
        return true;
    }

    /// <summary>Zeros every gradient in one operation (gradients stay allocated, as views).</summary>
    /// <remarks>fill_ rather than zero_: TorchSharp's zero_ returns a new managed tensor each call, fill_ the same one.</remarks>
    internal void zero_grad() => flat_grad.fill_(Zero);

    static readonly Scalar Zero = 0.0f.ToScalar();

    /// <summary>The view of <paramref name="t"/> (a flat buffer of this arena's size) for parameter <paramref name="i"/>.</summary>
    internal Tensor Segment(Tensor t, int i) => t.narrow(0, segments[i].offset, segments[i].size);

    public void Dispose()
    {
        flat.Dispose();
        flat_grad.Dispose();
    }
}
