using System;
using System.Threading;
using TorchSharp;

namespace KerasSharp.Backend;

/// <summary>
/// Which device models and data live on. Resolution order: the innermost <c>keras.device(...)</c> scope, then
/// <c>keras.config.set_device(...)</c>, then the <c>KERAS_DEVICE</c> environment variable, then "auto"
/// (CUDA when <c>torch.cuda.is_available()</c>, else CPU).
/// </summary>
internal static class DeviceConfig
{
    internal const string EnvironmentVariable = "KERAS_DEVICE";
    static torch.Device? _configured;
    static readonly AsyncLocal<torch.Device?> Scoped = new();

    /// <summary>The device new work goes to.</summary>
    internal static torch.Device Current
    {
        get
        {
            if (Scoped.Value is { } scoped) return scoped;
            if (_configured is { } configured) return configured;
            var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(env))
            {
                try { return Parse(env); }
                catch (ArgumentException e)
                {
                    throw new InvalidOperationException($"The {EnvironmentVariable} environment variable is '{env}': {e.Message}", e);
                }
            }
            return Auto();
        }
    }

    /// <summary>The device of the innermost <c>keras.device(...)</c> scope, or null outside any.</summary>
    internal static torch.Device? ScopedDevice => Scoped.Value;

    /// <summary>
    /// Whether two devices are the same. TorchSharp's <see cref="torch.Device"/> compares by reference and
    /// <c>tensor.device</c> returns a new object on every call, so devices are compared by type and index ("cuda" and
    /// "cuda:0" are the same device, and a CPU's index is ignored).
    /// </summary>
    internal static bool Same(torch.Device a, torch.Device b) =>
        a.type == b.type && (a.type != DeviceType.CUDA || Math.Max(a.index, 0) == Math.Max(b.index, 0));

    /// <summary>CUDA when available, else CPU.</summary>
    internal static torch.Device Auto()
    {
        TorchRuntime.EnsureLoaded();
        return torch.cuda.is_available() ? new torch.Device(DeviceType.CUDA, 0) : torch.CPU;
    }

    /// <summary>Sets (or, with null or "auto", clears) the process-wide default device.</summary>
    internal static void Set(string? spec)
    {
        _configured = spec is null || spec.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase) ? null : Parse(spec);
    }

    /// <summary>Makes <paramref name="spec"/> the current device until the returned scope is disposed.</summary>
    internal static IDisposable Scope(string spec)
    {
        var device = Parse(spec);
        var previous = Scoped.Value;
        Scoped.Value = device;
        return new Restore(previous);
    }

    sealed class Restore(torch.Device? previous) : IDisposable
    {
        bool _done;
        public void Dispose()
        {
            if (_done) return;
            _done = true;
            Scoped.Value = previous;
        }
    }

    /// <summary>
    /// Parses "cpu", "cuda", "cuda:1", "gpu", "gpu:0" (Keras's name) or "auto", checking that the device exists.
    /// </summary>
    internal static torch.Device Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var s = spec.Trim().ToLowerInvariant();
        if (s == "auto") return Auto();
        if (s == "cpu" || s.StartsWith("cpu:", StringComparison.Ordinal)) { TorchRuntime.EnsureLoaded(); return torch.CPU; }
        string kind = s, indexText = "";
        var colon = s.IndexOf(':');
        if (colon >= 0) { kind = s[..colon]; indexText = s[(colon + 1)..]; }
        if (kind != "cuda" && kind != "gpu")
            throw new ArgumentException($"Unknown device '{spec}': expected 'cpu', 'cuda', 'cuda:N', 'gpu:N' or 'auto'.", nameof(spec));
        int index = 0;
        if (indexText.Length > 0 && (!int.TryParse(indexText, out index) || index < 0))
            throw new ArgumentException($"Unknown device '{spec}': the device index '{indexText}' is not a non-negative integer.", nameof(spec));
        TorchRuntime.EnsureLoaded();
        if (!torch.cuda.is_available())
            throw new InvalidOperationException(
                $"Device '{spec}' was requested but TorchSharp reports no CUDA device. CUDA needs TorchSharp's CUDA package "
                + "(TorchSharp-cuda-linux or TorchSharp-cuda-windows, 0.107.0) instead of TorchSharp-cpu — in this repository build with "
                + "-p:TorchBackend=cuda — and a machine with an NVIDIA GPU and driver. Use 'cpu' or 'auto' otherwise.");
        var count = torch.cuda.device_count();
        if (index >= count)
            throw new ArgumentException($"Device '{spec}' does not exist: this machine has {count} CUDA device(s), numbered from 0.", nameof(spec));
        return new torch.Device(DeviceType.CUDA, index);
    }
}
