using System.Text.Json;
using KerasSharp.Optimizers.Schedules;
using KerasSharp.Tests.Callbacks;
using Xunit;
using static KerasSharp.keras.optimizers.schedules;

namespace KerasSharp.Tests.Optimizers;

/// <summary>Learning-rate schedules: values and configs against real Keras 3.11.3 (Fixtures/schedules_oracle.py) and formulas.</summary>
public sealed class ScheduleTests
{
    static readonly Dictionary<string, Func<LearningRateSchedule>> Made = new()
    {
        ["ExponentialDecay"] = () => ExponentialDecay(0.1, decay_steps: 10, decay_rate: 0.96),
        ["ExponentialDecay_staircase"] = () => ExponentialDecay(0.1, decay_steps: 7, decay_rate: 0.5, staircase: true),
        ["InverseTimeDecay"] = () => InverseTimeDecay(0.1, decay_steps: 10, decay_rate: 0.5),
        ["InverseTimeDecay_staircase"] = () => InverseTimeDecay(0.01, decay_steps: 3, decay_rate: 2.0, staircase: true),
        ["PiecewiseConstantDecay"] = () => PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1]),
        ["PiecewiseConstantDecay_one"] = () => PiecewiseConstantDecay([5], [0.3, 0.03]),
        ["PolynomialDecay"] = () => PolynomialDecay(0.1, decay_steps: 100),
        ["PolynomialDecay_power_cycle"] = () => PolynomialDecay(0.1, decay_steps: 20, end_learning_rate: 0.01, power: 2.0, cycle: true),
        ["CosineDecay"] = () => CosineDecay(0.1, decay_steps: 100),
        ["CosineDecay_alpha"] = () => CosineDecay(0.1, decay_steps: 50, alpha: 0.1),
        ["CosineDecay_warmup"] = () => CosineDecay(0.0, decay_steps: 100, warmup_target: 0.1, warmup_steps: 10),
        ["CosineDecay_warmup_alpha"] = () => CosineDecay(0.01, decay_steps: 30, alpha: 0.2, warmup_target: 0.2, warmup_steps: 7),
        ["CosineDecayRestarts"] = () => CosineDecayRestarts(0.1, first_decay_steps: 10),
        ["CosineDecayRestarts_t1_m"] = () => CosineDecayRestarts(0.1, first_decay_steps: 7, t_mul: 1.0, m_mul: 0.5, alpha: 0.1),
        ["CosineDecayRestarts_t3"] = () => CosineDecayRestarts(0.05, first_decay_steps: 4, t_mul: 3.0, m_mul: 0.9),
    };

    public static IEnumerable<object[]> Names() => Made.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Names))]
    public void Values_MatchKerasFloat32(string name)
    {
        var fixture = Oracle.Schedules.GetProperty("schedules").GetProperty(name);
        var steps = Oracle.Schedules.GetProperty("steps").EnumerateArray().Select(s => s.GetInt64()).ToArray();
        var expected = fixture.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var schedule = Made[name]();
        for (int i = 0; i < steps.Length; i++)
        {
            double got = schedule.call(steps[i]);
            // float32 as Keras computes; libm and torch may differ by an ulp in pow/cos/log.
            double tolerance = Math.Max(Math.Abs(expected[i]) * 4e-7, 1e-30);
            Assert.True(Math.Abs(got - expected[i]) <= tolerance, $"{name} at step {steps[i]}: expected {expected[i]:R}, got {got:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Config_MatchesKeras(string name)
    {
        var fixture = Oracle.Schedules.GetProperty("schedules").GetProperty(name).GetProperty("config");
        var schedule = Made[name]();
        Assert.Equal(fixture.GetProperty("class_name").GetString(), schedule.class_name);
        var config = schedule.get_config();
        var expected = fixture.GetProperty("config");
        Assert.Equal(expected.EnumerateObject().Select(p => p.Name).Order(), config.Keys.Order());
        foreach (var p in expected.EnumerateObject())
            Assert.Equal(Canonical(p.Value), KerasSharp.Saving.PythonJson.Dumps(config[p.Name]));
    }

    static string Canonical(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String => "\"" + e.GetString() + "\"",
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.Array => "[" + string.Join(", ", e.EnumerateArray().Select(Canonical)) + "]",
        _ => e.GetRawText(),
    };

    [Fact]
    public void Formulas_ByHand()
    {
        Assert.Equal(0.1f * MathF.Pow(0.96f, 2.5f), (float)ExponentialDecay(0.1, 10, 0.96).call(25));
        Assert.Equal(0.1f * 0.25f, (float)ExponentialDecay(0.1, 10, 0.5, staircase: true).call(29));
        Assert.Equal(0.1f / (1f + 0.5f * 2f), (float)InverseTimeDecay(0.1, 10, 0.5).call(20));
        Assert.Equal(0.5, PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1]).call(20));   // boundaries are inclusive on the left piece
        Assert.Equal(0.1, PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1]).call(21), 7);
        Assert.Equal(0.0001, PolynomialDecay(0.1, 100).call(5000), 9);   // stays at the end rate
        Assert.Equal(0.05, CosineDecay(0.1, 100).call(50), 7);          // half way down the cosine
        Assert.Equal(0.05, CosineDecay(0.0, 100, warmup_target: 0.1, warmup_steps: 10).call(5), 7);   // half way up the warmup
        Assert.Equal(0.1, CosineDecayRestarts(0.1, 10).call(10), 7);    // restarts at the top
    }

    [Fact]
    public void BadArguments_AreRefusedWithKerasMessages()
    {
        var bad = Oracle.Schedules.GetProperty("bad");
        Assert.StartsWith(bad.GetProperty("ExponentialDecay_steps0").GetString(), Assert.Throws<ArgumentException>(() => ExponentialDecay(0.1, 0, 0.5)).Message);
        Assert.StartsWith(bad.GetProperty("CosineDecayRestarts_steps0").GetString(), Assert.Throws<ArgumentException>(() => CosineDecayRestarts(0.1, 0)).Message);
        var piecewise = Assert.Throws<ArgumentException>(() => PiecewiseConstantDecay([1, 2], [1.0, 2.0])).Message;
        Assert.StartsWith("The length of boundaries should be 1 less than the length of values.", piecewise);
        Assert.Contains("of length 2", piecewise);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => CosineDecay(double.NaN, 10)).Message);
        Assert.Contains("step=-1", Assert.Throws<ArgumentException>(() => CosineDecay(0.1, 10).call(-1)).Message);
    }

    sealed class Halving(double initial) : LearningRateSchedule
    {
        public override double call(long step) => initial / (1L << (int)Math.Min(step, 62));
        public override Dictionary<string, object?> get_config() => new() { ["initial"] = initial };
    }

    [Fact]
    public void UserSubclass_IsALearningRateSchedule()
    {
        LearningRateSchedule s = new Halving(1.0);
        Assert.Equal(0.25, s.call(2));
        Assert.Equal("Halving", s.class_name);
    }
}
