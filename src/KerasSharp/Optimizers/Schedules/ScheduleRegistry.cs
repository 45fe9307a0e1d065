using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Saving;

namespace KerasSharp.Optimizers.Schedules;

/// <summary>
/// Rebuilds the built-in schedules from the config Keras writes as an optimizer's <c>learning_rate</c>
/// (<c>{"module": "keras.optimizers.schedules", "class_name": "ExponentialDecay", "config": {...}}</c>).
/// </summary>
internal static class ScheduleRegistry
{
    static readonly Dictionary<string, Func<ConfigReader, LearningRateSchedule>> Factories = new(StringComparer.Ordinal)
    {
        ["ExponentialDecay"] = c => new ExponentialDecay(Required(c, "initial_learning_rate"), Steps(c, "decay_steps"), Required(c, "decay_rate"),
            c.Bool("staircase", false), c.String("name", "ExponentialDecay")!),
        ["InverseTimeDecay"] = c => new InverseTimeDecay(Required(c, "initial_learning_rate"), Steps(c, "decay_steps"), Required(c, "decay_rate"),
            c.Bool("staircase", false), c.String("name", "InverseTimeDecay")!),
        ["PiecewiseConstantDecay"] = c => new PiecewiseConstantDecay(Numbers(c, "boundaries"), Numbers(c, "values"), c.String("name", "PiecewiseConstant")!),
        ["PolynomialDecay"] = c => new PolynomialDecay(Required(c, "initial_learning_rate"), Steps(c, "decay_steps"), c.Double("end_learning_rate", 0.0001)!.Value,
            c.Double("power", 1.0)!.Value, c.Bool("cycle", false), c.String("name", "PolynomialDecay")!),
        ["CosineDecay"] = c => new CosineDecay(Required(c, "initial_learning_rate"), Steps(c, "decay_steps"), c.Double("alpha", 0.0)!.Value,
            c.String("name", "CosineDecay")!, c.Double("warmup_target"), c.Long("warmup_steps", 0)!.Value),
        ["CosineDecayRestarts"] = c => new CosineDecayRestarts(Required(c, "initial_learning_rate"), Steps(c, "first_decay_steps"), c.Double("t_mul", 2.0)!.Value,
            c.Double("m_mul", 1.0)!.Value, c.Double("alpha", 0.0)!.Value, c.String("name", "SGDRDecay")!),
    };

    /// <summary>The schedule of a serialized <c>learning_rate</c>; an unknown or custom class is refused naming the known ones.</summary>
    internal static LearningRateSchedule Deserialize(object? serialized, string owner)
    {
        var (className, registeredName, config) = ClassRegistry.Split(serialized, $"learning-rate schedule of {owner}");
        if (!Factories.TryGetValue(className, out var make) || (registeredName is not null && registeredName != className))
        {
            var known = Factories.Keys.Order(StringComparer.Ordinal).ToList();
            throw new NotSupportedException(
                $"Could not locate learning-rate schedule class '{registeredName ?? className}' of {owner}: KerasSharp rebuilds only Keras's own schedules. "
                + $"{Utils.ClosestName.DidYouMean(className, known)}Known schedule classes: {string.Join(", ", known)}. "
                + "Rebuild a custom schedule in code and compile with it.");
        }
        return make(new ConfigReader(config, $"learning-rate schedule {className} of {owner}"));
    }

    static double Required(ConfigReader c, string key) => c.Double(key) ?? throw c.Invalid(key, "a number", c.Raw(key));

    static long Steps(ConfigReader c, string key) => c.Long(key) ?? throw c.Invalid(key, "an integer number of steps", c.Raw(key));

    static double[] Numbers(ConfigReader c, string key)
    {
        if (c.Raw(key) is not List<object?> list || list.Count > 1_000_000) throw c.Invalid(key, "a list of numbers", c.Raw(key));
        return list.Select(v => v switch
        {
            double d => d,
            long l => l,
            int i => i,
            _ => throw c.Invalid(key, "a list of numbers", c.Raw(key)),
        }).ToArray();
    }
}
