// TEMPORARY STUB: replaced by the real implementation from the `format` branch.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace KerasSharp.Utils;

internal sealed class Progbar
{
    readonly int? _target;
    readonly TextWriter _output;
    readonly int _verbose;

    internal Progbar(int? target, TextWriter output, int verbose = 1, bool? dynamicDisplay = null, double interval = 0.05, Func<double>? clock = null)
    {
        _target = target;
        _output = output;
        _verbose = verbose;
    }

    internal bool WouldRender(int current, bool finalize) => finalize;

    internal void Update(int current, IReadOnlyList<KeyValuePair<string, double>>? values = null, bool finalize = false)
    {
        if (!finalize) return;
        _output.WriteLine($"{current}/{_target}" + string.Concat((values ?? Array.Empty<KeyValuePair<string, double>>()).Select(kv => $" - {kv.Key}: {kv.Value:F4}")));
    }
}
