using System.Text.Json;
using KerasSharp.Callbacks;
using Xunit;

namespace KerasSharp.Tests.Callbacks;

/// <summary>
/// EarlyStopping against real Keras 3.11.3 driven with the same scripted monitor values (Fixtures/callbacks_oracle.py):
/// the epoch it stops at, its counters, the weights it leaves and what it prints.
/// </summary>
public sealed class EarlyStoppingTests : TorchTest
{
    public static IEnumerable<object[]> Cases() =>
        Oracle.Callbacks.GetProperty("early_stopping").EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    static EarlyStopping FromKwargs(JsonElement kw)
    {
        string Str(string k, string d) => kw.TryGetProperty(k, out var v) ? v.GetString()! : d;
        double Num(string k, double d) => kw.TryGetProperty(k, out var v) ? v.GetDouble() : d;
        double? Opt(string k) => kw.TryGetProperty(k, out var v) ? v.GetDouble() : null;
        bool Flag(string k) => kw.TryGetProperty(k, out var v) && v.GetBoolean();
        return new EarlyStopping(monitor: Str("monitor", "val_loss"), min_delta: Num("min_delta", 0), patience: (int)Num("patience", 0),
            verbose: (int)Num("verbose", 0), mode: Str("mode", "auto"), baseline: Opt("baseline"), restore_best_weights: Flag("restore_best_weights"),
            start_from_epoch: (int)Num("start_from_epoch", 0));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScriptedMonitorSequence_StopsAndRestoresAsKeras(string name)
    {
        var expected = Oracle.Callbacks.GetProperty("early_stopping").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var kw = expected.GetProperty("kwargs");
        var cb = FromKwargs(kw);
        string key = kw.TryGetProperty("monitor", out var m) ? m.GetString()! : "val_loss";
        var logs = expected.GetProperty("sequence").EnumerateArray()
            .Select(v => new Dictionary<string, double> { ["loss"] = 1.0, [key] = Oracle.Number(v) }).ToList();
        var run = new CallbackDriver().Drive(cb, logs);

        Assert.Equal(expected.GetProperty("epochs_run").GetInt32(), run.epochs_run);
        Assert.Equal(expected.GetProperty("stopped_epoch").GetInt32(), cb.stopped_epoch);
        Assert.Equal(expected.GetProperty("best_epoch").GetInt32(), cb.best_epoch);
        Assert.Equal(expected.GetProperty("wait").GetInt32(), cb.wait);
        Assert.Equal(expected.GetProperty("best").GetDouble(), cb.best);
        Assert.Equal(expected.GetProperty("final_weight").GetDouble(), run.final_weight);   // which epoch's weights remain
        Assert.Equal(expected.GetProperty("stdout").GetString(), run.stdout);
        Assert.Equal("", run.stderr);
    }

    [Fact]
    public void MissingMonitor_WarnsNamingTheAvailableKeys_EveryEpoch()
    {
        var expected = Oracle.Callbacks.GetProperty("early_stopping_missing");
        var run = new CallbackDriver().Drive(new EarlyStopping(monitor: "val_los", mode: "min"),
            [new() { ["loss"] = 1.0, ["val_loss"] = 0.5 }, new() { ["loss"] = 0.9, ["val_loss"] = 0.4 }]);
        var warnings = expected.GetProperty("warnings").EnumerateArray().Select(w => "UserWarning: " + w.GetString() + "\n");
        Assert.Equal(string.Concat(warnings), run.stderr);
        Assert.Equal(2, run.epochs_run);
    }

    [Fact]
    public void AutoModeOnAnUnknownMetric_IsRefusedWithKerasMessage()
    {
        var driver = new CallbackDriver();
        var e = Assert.Throws<ArgumentException>(() => driver.Drive(new EarlyStopping(monitor: "val_los"), [new() { ["val_loss"] = 0.5 }]));
        Assert.StartsWith(Oracle.Callbacks.GetProperty("early_stopping_auto_unknown").GetString(), e.Message);
    }

    [Fact]
    public void Reuse_KeepsBestFromThePreviousFit_AsKeras()
    {
        var cb = new EarlyStopping(patience: 1);
        var driver = new CallbackDriver();
        driver.Drive(cb, [new() { ["val_loss"] = 0.1 }]);
        var run = driver.Drive(cb, [new() { ["val_loss"] = 0.5 }, new() { ["val_loss"] = 0.4 }, new() { ["val_loss"] = 0.3 }]);
        var expected = Oracle.Callbacks.GetProperty("early_stopping_reused");
        Assert.Equal(expected.GetProperty("epochs_run").GetInt32(), run.epochs_run);
        Assert.Equal(expected.GetProperty("stopped_epoch").GetInt32(), cb.stopped_epoch);
    }
}
