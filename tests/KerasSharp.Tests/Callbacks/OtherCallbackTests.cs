using KerasSharp.Callbacks;
using KerasSharp.Tests.Saving;
using Xunit;

namespace KerasSharp.Tests.Callbacks;

/// <summary>ReduceLROnPlateau, LearningRateScheduler, CSVLogger and TerminateOnNaN against real Keras 3.11.3 (fixtures).</summary>
public sealed class OtherCallbackTests : TorchTest
{
    public static IEnumerable<object[]> ReduceCases() =>
        Oracle.Callbacks.GetProperty("reduce_lr").EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    [Theory]
    [MemberData(nameof(ReduceCases))]
    public void ReduceLROnPlateau_ReducesAtTheEpochsKerasDoes(string name)
    {
        var expected = Oracle.Callbacks.GetProperty("reduce_lr").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var kw = expected.GetProperty("kwargs");
        double Num(string k, double d) => kw.TryGetProperty(k, out var v) ? v.GetDouble() : d;
        var cb = new ReduceLROnPlateau(factor: Num("factor", 0.1), patience: (int)Num("patience", 10), verbose: (int)Num("verbose", 0),
            min_delta: Num("min_delta", 1e-4), cooldown: (int)Num("cooldown", 0), min_lr: Num("min_lr", 0));
        var driver = new CallbackDriver();
        driver.model.optimizer!.learning_rate = 0.1;
        var logs = expected.GetProperty("sequence").EnumerateArray().Select(v => new Dictionary<string, double> { ["loss"] = 1.0, ["val_loss"] = v.GetDouble() }).ToList();
        var run = driver.Drive(cb, logs);
        Assert.Equal(expected.GetProperty("lrs").EnumerateArray().Select(v => v.GetDouble()), run.lrs);
        Assert.Equal(expected.GetProperty("stdout").GetString(), run.stdout);
    }

    [Fact]
    public void ReduceLROnPlateau_MissingMonitor_WarnsWithTheKeys_AndLogsTheRate()
    {
        var expected = Oracle.Callbacks.GetProperty("reduce_lr_missing");
        var driver = new CallbackDriver();
        var run = driver.Drive(new ReduceLROnPlateau(monitor: "val_acc", mode: "max"), [new() { ["loss"] = 1.0, ["val_loss"] = 0.3 }]);
        Assert.Equal(string.Concat(expected.GetProperty("warnings").EnumerateArray().Select(w => "UserWarning: " + w.GetString() + "\n")), run.stderr);
        Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(factor: 1.0));
    }

    [Fact]
    public void LearningRateScheduler_SetsAndLogsTheRate_AsKeras()
    {
        var expected = Oracle.Callbacks.GetProperty("lr_scheduler");
        var driver = new CallbackDriver();
        driver.model.optimizer!.learning_rate = 0.1;
        var cb = new LearningRateScheduler((epoch, lr) => epoch > 0 ? lr * 0.5 : lr, verbose: 1);
        var logged = new List<double>();
        var recorder = new LambdaCallback(on_epoch_end: (_, logs) => logged.Add(logs!["learning_rate"]));
        var prev = Console.Out;
        var w = new StringWriter();
        Console.SetOut(w);
        try
        {
            cb.bind(driver.model, new());
            recorder.bind(driver.model, new());
            for (int e = 0; e < 3; e++)
            {
                var logs = new Dictionary<string, double> { ["loss"] = 1.0 };
                cb.on_epoch_begin(e);
                cb.on_epoch_end(e, logs);
                recorder.on_epoch_end(e, logs);
            }
        }
        finally { Console.SetOut(prev); }
        Assert.Equal(expected.GetProperty("stdout").GetString(), w.ToString().Replace("\r\n", "\n"));
        Assert.Equal(expected.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("learning_rate").GetDouble()), logged);
    }

    [Fact]
    public void LearningRateScheduler_ReturningNaN_IsRefused_RateUnchanged()
    {
        var driver = new CallbackDriver();
        driver.model.optimizer!.learning_rate = 0.25;
        var cb = LearningRateScheduler.from_epoch(epoch => epoch == 0 ? double.NaN : 0.1);
        cb.bind(driver.model, new());
        var e = Assert.Throws<ArgumentException>(() => cb.on_epoch_begin(0));
        Assert.Contains("nan", e.Message);
        Assert.Contains("epoch 0", e.Message);
        Assert.Contains("non-negative finite", e.Message);
        Assert.Equal(0.25, driver.model.optimizer.learning_rate);
    }

    [Fact]
    public void CSVLogger_WritesKerasBytes_IncludingAppendAndMissingValKeys()
    {
        var expected = Oracle.Callbacks.GetProperty("csv_logger");
        using var dir = new TempFolder();
        var path = dir.File("log.csv");
        var driver = new CallbackDriver();
        driver.Drive(new CSVLogger(path), [new() { ["loss"] = 0.5, ["accuracy"] = 0.25 }, new() { ["loss"] = 0.123456789, ["accuracy"] = 1.0 / 3 }]);
        Assert.Equal(expected.GetProperty("no_val").GetString(), File.ReadAllText(path));
        driver.Drive(new CSVLogger(path, separator: ";", append: true), [new() { ["loss"] = 0.1, ["accuracy"] = 0.9, ["val_loss"] = 0.2, ["val_accuracy"] = 0.8 }]);
        Assert.Equal(expected.GetProperty("appended").GetString(), File.ReadAllText(path));
        var p2 = dir.File("val.csv");
        driver.Drive(new CSVLogger(p2), [new() { ["loss"] = 0.5, ["val_loss"] = 0.75 }, new() { ["loss"] = 2.0, ["val_loss"] = double.NaN }]);
        Assert.Equal(expected.GetProperty("with_val").GetString(), File.ReadAllText(p2));
    }

    [Fact]
    public void CSVLogger_QuotesFields_AsPythonsCsvModule()
    {
        // csv.DictWriter's QUOTE_MINIMAL (the strings below are what Python 3's csv module writes for these rows): a field holding the delimiter, the quote char or a line break is
        // quoted and its quotes doubled; the same text under another separator is written bare.
        using var dir = new TempFolder();
        var path = dir.File("q.csv");
        var driver = new CallbackDriver();
        driver.Drive(new CSVLogger(path), [new() { ["a,b"] = 1.0, ["loss"] = 0.5, ["q\"x"] = 2.0 }, new() { ["a,b"] = 0.25, ["loss"] = 0.125, ["q\"x"] = 3.0 }]);
        Assert.Equal("epoch,\"a,b\",loss,\"q\"\"x\",\"val_a,b\",val_loss,\"val_q\"\"x\"\r\n0,1.0,0.5,2.0,NA,NA,NA\r\n1,0.25,0.125,3.0,NA,NA,NA\r\n", File.ReadAllText(path));
        var p2 = dir.File("semicolon.csv");
        driver.Drive(new CSVLogger(p2, separator: ";"), [new() { ["a,b"] = 1.0, ["c;d"] = 0.5, ["val_a,b"] = 2.0 }]);
        Assert.Equal("epoch;a,b;\"c;d\";val_a,b\r\n0;1.0;0.5;2.0\r\n", File.ReadAllText(p2));
    }

    [Fact]
    public void TerminateOnNaN_StopsAtAnInfiniteLoss_WithKerasMessage()
    {
        var expected = Oracle.Callbacks.GetProperty("terminate_on_nan");
        var driver = new CallbackDriver();
        var cb = new TerminateOnNaN();
        cb.bind(driver.model, new());
        driver.model.stop_training = false;
        var prev = Console.Out;
        var w = new StringWriter();
        Console.SetOut(w);
        try
        {
            cb.on_train_batch_end(0, new() { ["loss"] = 1.0 });
            Assert.False(driver.model.stop_training);
            cb.on_train_batch_end(1, new() { ["loss"] = double.PositiveInfinity });
        }
        finally { Console.SetOut(prev); }
        Assert.True(driver.model.stop_training);
        Assert.Equal(expected.GetProperty("stdout").GetString(), w.ToString().Replace("\r\n", "\n"));
    }
}
