using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Optimizers;
using static TorchSharp.torch;

namespace KerasSharp.Saving;

/// <summary>
/// A <see cref="LossScaleOptimizer"/>'s variables in Keras's order (keras/src/optimizers/loss_scale_optimizer.py,
/// <c>variables</c> = its own, then the inner optimizer's): its own <c>iteration</c> (int32, always 0: Keras counts the
/// steps in the inner optimizer) and <c>learning_rate</c> (float32 0.0), once built <c>step_counter</c> (int32) and
/// <c>dynamic_scale</c> (float32), then the inner optimizer's variables as <see cref="OptimizerState"/> lays them out.
/// </summary>
internal static class LossScaleState
{
    static int OwnCount(IReadOnlyList<StoredArray> stored) => stored.Count > 4 ? 4 : 2;

    internal static List<Tensor> Export(LossScaleOptimizer optimizer)
    {
        var values = new List<Tensor> { tensor(0, ScalarType.Int32), tensor(0.0f, ScalarType.Float32) };
        if (optimizer.built)
        {
            var (counter, scale) = optimizer.export_scale();
            values.Add(counter);
            values.Add(scale);
        }
        values.AddRange(OptimizerState.Export(optimizer.inner_optimizer));
        return values;
    }

    internal static string? Check(LossScaleOptimizer optimizer, IReadOnlyList<StoredArray> stored, IReadOnlyList<long[]> shapes)
    {
        if (stored.Count < 4) return $"Optimizer '{optimizer.name}' expected at least 4 variables (iteration, learning_rate and the inner optimizer's) but received {stored.Count}.";
        for (int i = 0; i < OwnCount(stored); i++)
            if (stored[i].shape.Length != 0)
                return $"Optimizer '{optimizer.name}': variable {i} must be a scalar; received {stored[i].Describe()}.";
        if (OwnCount(stored) == 4)
        {
            if (!stored[2].is_integer || stored[2].AsLong() is not { } counter || counter < 0 || counter > int.MaxValue)
                return $"Optimizer '{optimizer.name}': variable 2 (step_counter) must be a non-negative int32 count; received {stored[2].Describe()}.";
            float scale = stored[3].AsFloats()[0];
            if (!(float.IsFinite(scale) && scale > 0))
                return $"Optimizer '{optimizer.name}': variable 3 (dynamic_scale) must be a positive finite number; received {scale}.";
        }
        return OptimizerState.Check(optimizer.inner_optimizer, stored.Skip(OwnCount(stored)).ToList(), shapes);
    }

    internal static Action Prepare(LossScaleOptimizer optimizer, IReadOnlyList<StoredArray> stored, IReadOnlyList<long[]> shapes)
    {
        int own = OwnCount(stored);
        var inner = OptimizerState.Prepare(optimizer.inner_optimizer, stored.Skip(own).ToList(), shapes);
        if (own == 2) return inner;
        int counter = (int)stored[2].AsLong()!.Value;
        float scale = stored[3].AsFloats()[0];
        return () =>
        {
            inner();
            optimizer.import_scale(counter, scale);
        };
    }
}
