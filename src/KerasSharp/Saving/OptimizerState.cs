using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Optimizers;
using static TorchSharp.torch;

namespace KerasSharp.Saving;

/// <summary>
/// An optimizer's variables in Keras's order (Keras: <c>optimizer.variables</c>, written by
/// <c>BaseOptimizer.save_own_variables</c> as datasets "0", "1", ...): <c>iteration</c> (int32 scalar on the torch
/// backend), <c>learning_rate</c> (float32 scalar), then the slots as each optimizer's <c>build</c> creates them with
/// <c>add_optimizer_variables</c>: a list of names is interleaved per variable (Adam: m₀, v₀, m₁, v₁, ...), separate
/// calls follow each other (RMSprop: every velocity, then every momentum, then every average gradient; Adam with
/// amsgrad: the interleaved m, v, then every velocity_hat), and last any scalar such as Nadam's u_product. An
/// optimizer that has not taken a step yet has only the first two.
/// </summary>
internal static class OptimizerState
{
    /// <summary>
    /// Groups of slot indices (this library's slot order) in Keras's creation order; each group is laid out variable by
    /// variable, its slots interleaved.
    /// </summary>
    internal static int[][] SlotGroups(Optimizer optimizer)
    {
        int k = optimizer.slot_count;
        if (k == 0) return Array.Empty<int[]>();
        return optimizer switch
        {
            Adam { amsgrad: true } or AdamW { amsgrad: true } => new[] { new[] { 0, 1 }, new[] { 2 } },
            RMSprop => Enumerable.Range(0, k).Select(i => new[] { i }).ToArray(),
            _ => new[] { Enumerable.Range(0, k).ToArray() },
        };
    }

    /// <summary>How many variables Keras's optimizer has for <paramref name="trainableCount"/> trained variables.</summary>
    internal static int KerasVariableCount(Optimizer optimizer, int trainableCount, bool built) =>
        optimizer is LossScaleOptimizer ls ? (built ? 4 : 2) + KerasVariableCount(ls.inner_optimizer, trainableCount, built) :
        built ? 2 + optimizer.slot_count * trainableCount + optimizer.extra_scalar_count : 2;

    /// <summary>
    /// The optimizer's variables in Keras's order (int32 iteration, then float32 learning rate and slots): the slots are
    /// the optimizer's own tensors, not copies (<see cref="Optimizer.slot_values"/>), so read them before the next step.
    /// </summary>
    internal static List<Tensor> Export(Optimizer optimizer)
    {
        if (optimizer is LossScaleOptimizer ls) return LossScaleState.Export(ls);
        var values = new List<Tensor>
        {
            tensor(checked((int)optimizer.iterations), ScalarType.Int32),
            tensor((float)optimizer.learning_rate, ScalarType.Float32),
        };
        var slots = optimizer.slot_values();
        if (slots is null) return values;
        foreach (var group in SlotGroups(optimizer))
            foreach (var perVariable in slots)
                foreach (var k in group)
                    values.Add(perVariable[k]);
        var extras = optimizer.get_extra_scalars();
        if (extras.Length != optimizer.extra_scalar_count)
            throw new NotSupportedException($"Optimizer '{optimizer.name}' declares {optimizer.extra_scalar_count} extra state variables but exports {extras.Length}.");
        values.AddRange(extras.Select(e => tensor(e, ScalarType.Float32)));
        return values;
    }

    /// <summary>
    /// Checks saved optimizer variables against the optimizer and the shapes of the variables it trains; returns the
    /// problem, or null when <see cref="Prepare"/> can take them.
    /// </summary>
    internal static string? Check(Optimizer optimizer, IReadOnlyList<StoredArray> stored, IReadOnlyList<long[]> shapes)
    {
        if (optimizer is LossScaleOptimizer ls) return LossScaleState.Check(ls, stored, shapes);
        if (stored.Count < 2) return $"Optimizer '{optimizer.name}' expected at least 2 variables (iteration, learning_rate) but received {stored.Count}.";
        if (!stored[0].is_integer || stored[0].shape.Length != 0)
            return $"Optimizer '{optimizer.name}': variable 0 (iteration) must be an integer scalar; received {stored[0].Describe()}.";
        if (stored[1].shape.Length != 0)
            return $"Optimizer '{optimizer.name}': variable 1 (learning_rate) must be a scalar; received {stored[1].Describe()}.";
        // The values too (a few scalars), so that loading cannot fail half-way once assignments begin.
        if (stored[0].AsLong() is not { } iteration || iteration < 0 || iteration > int.MaxValue)
            return $"Optimizer '{optimizer.name}': variable 0 (iteration) must be a step count in [0, {int.MaxValue}] (Keras stores it as int32); received {DescribeScalar(stored[0])}.";
        double lr = stored[1].AsFloats()[0];
        if (!(double.IsFinite(lr) && lr >= 0))
            return $"Optimizer '{optimizer.name}': variable 1 (learning_rate) must be a non-negative finite number; received {DescribeScalar(stored[1])}.";
        if (stored.Count == 2) return null;
        int index = 2;
        foreach (var group in SlotGroups(optimizer))
            foreach (var shape in shapes)
                foreach (var _ in group)
                {
                    if (!stored[index].shape.SequenceEqual(shape))
                        return $"The shape of the target variable and the shape of the target value in `variable.assign(value)` must match. variable.shape={ShapeText(shape)}, Received: value.shape={ShapeText(stored[index].shape)}. Target variable: optimizer '{optimizer.name}' variable {index}";
                    index++;
                }
        for (; index < stored.Count; index++)
        {
            if (stored[index].shape.Length != 0)
                return $"Optimizer '{optimizer.name}': variable {index} must be a scalar; received {stored[index].Describe()}.";
            if (!float.IsFinite(stored[index].AsFloats()[0]))
                return $"Optimizer '{optimizer.name}': variable {index} must be a finite number; received {DescribeScalar(stored[index])}.";
        }
        return null;
    }

    static string DescribeScalar(StoredArray a)
    {
        var value = a.is_integer ? a.AsLong()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?" : PythonJson.FloatRepr(a.AsFloats()[0]);
        return $"{value} ({a.dtype})";
    }

    /// <summary>
    /// Reads checked variables and returns the step that loads them into the optimizer (Keras:
    /// <c>load_own_variables</c>); that step cannot fail, so it runs only once everything else is ready.
    /// </summary>
    internal static Action Prepare(Optimizer optimizer, IReadOnlyList<StoredArray> stored, IReadOnlyList<long[]> shapes)
    {
        if (optimizer is LossScaleOptimizer ls) return LossScaleState.Prepare(ls, stored, shapes);
        long iterations = stored[0].AsLong()!.Value;
        double lr = Float32Decimal(stored[1].AsFloats()[0]);
        if (stored.Count == 2)
            return () =>
            {
                if (optimizer.learning_rate_schedule is null) optimizer.learning_rate = lr;   // a schedule computes the rate itself
                optimizer.import_state(iterations, shapes, null, null);
            };
        var slots = shapes.Select(_ => new Tensor[optimizer.slot_count]).ToList();
        int index = 2;
        foreach (var group in SlotGroups(optimizer))
            for (int v = 0; v < shapes.Count; v++)
                foreach (var k in group)
                    slots[v][k] = stored[index++].ToTensor().DetachFromDisposeScope();
        var extras = stored.Skip(index).Select(s => s.AsFloats()[0]).ToArray();
        return () =>
        {
            if (optimizer.learning_rate_schedule is null) optimizer.learning_rate = lr;   // a schedule computes the rate itself
            optimizer.import_state(iterations, shapes, slots, extras);
        };
    }

    /// <summary>
    /// The learning rate a float32 value stands for: Keras keeps it as a float32 variable (0.001 is saved as
    /// 0.0010000000474974513), KerasSharp as a double; the shortest decimal that rounds to the same float32 (0.001) gives
    /// back the double the user wrote, so training after loading continues exactly as without saving.
    /// </summary>
    internal static double Float32Decimal(double value)
    {
        if (!double.IsFinite(value) || (double)(float)value != value) return value;
        return double.Parse(((float)value).ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A shape as Python prints a tuple: (10, 20), (20,), ().</summary>
    internal static string ShapeText(IReadOnlyList<long> shape) =>
        shape.Count == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
}
