using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Models;
using static TorchSharp.torch;

namespace KerasSharp.Callbacks;

/// <summary>
/// A copy of a model's weights kept on their device (what Keras's <c>model.get_weights()</c> holds for EarlyStopping),
/// so that taking it costs no host synchronisation; disposed when replaced.
/// </summary>
internal sealed class WeightSnapshot : IDisposable
{
    readonly List<Tensor> _values;

    internal WeightSnapshot(Model model)
    {
        using var _ = no_grad();
        _values = model.variables.Select(v => v.value.detach().clone().DetachFromDisposeScope()).ToList();
    }

    internal void restore(Model model) => model.set_weights(_values);

    public void Dispose()
    {
        foreach (var t in _values) t.Dispose();
        _values.Clear();
    }
}
