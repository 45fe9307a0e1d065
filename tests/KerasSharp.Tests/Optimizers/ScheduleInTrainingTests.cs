using KerasSharp.Optimizers.Schedules;
using KerasSharp.Saving;
using KerasSharp.Tests.Callbacks;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Optimizers;

/// <summary>Schedules as an optimizer's learning_rate: evaluated at the iteration count, saved as Keras writes them, loaded back.</summary>
public sealed class ScheduleInTrainingTests : TorchTest
{
    static KerasSharp.Models.Sequential Small() => Sequential([Input(shape: [2]), Dense(1)]);

    [Fact]
    public void SavedSchedule_IsWrittenAsKeras_AndLoadModelRestoresIt()
    {
        var model = Small();
        model.compile(loss: "mse", optimizer: keras.optimizers.Adam(learning_rate: keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps: 10, decay_rate: 0.96)));
        model.fit(randn(20, 2), randn(20, 1), epochs: 1, batch_size: 5, verbose: 0);
        // Keras's own serialization of this optimizer's learning_rate (schedules_oracle.py).
        var expected = Oracle.Schedules.GetProperty("adam_with_schedule_config").GetProperty("config").GetProperty("learning_rate");
        var written = (Dictionary<string, object?>)model.optimizer!.get_config()["learning_rate"]!;
        Assert.Equal(expected.GetProperty("module").GetString(), written["module"]);
        Assert.Equal(expected.GetProperty("class_name").GetString(), written["class_name"]);
        var cfg = (Dictionary<string, object?>)written["config"]!;
        foreach (var p in expected.GetProperty("config").EnumerateObject()) Assert.Equal(p.Value.ToString().ToLowerInvariant(), PythonJson.Dumps(cfg[p.Name]).Trim('"').ToLowerInvariant());

        using var dir = new TempFolder();
        model.save(dir.File("m.keras"));
        var loaded = keras.models.load_model(dir.File("m.keras"));
        var schedule = Assert.IsType<ExponentialDecay>(loaded.optimizer!.learning_rate_schedule);
        Assert.Equal(10, schedule.decay_steps);
        Assert.Equal(4, loaded.optimizer.iterations);
        Assert.Equal(schedule.call(4), loaded.optimizer.learning_rate);
    }

    [Fact]
    public void Fit_UsesTheScheduleAtTheIterationCount_AndRateCallbacksCannotSetIt()
    {
        var model = Small();
        var schedule = keras.optimizers.schedules.PiecewiseConstantDecay([1], [0.5, 0.0]);
        model.compile(loss: "mse", optimizer: keras.optimizers.SGD(learning_rate: schedule));
        var x = randn(10, 2);
        var y = randn(10, 1);
        model.fit(x, y, epochs: 1, batch_size: 5, verbose: 0);   // steps 0 and 1 (<= boundary 1) at rate 0.5
        var after = model.get_weights();
        model.fit(x, y, epochs: 2, batch_size: 5, verbose: 0);   // steps 2.. at rate 0: nothing moves
        Assert.True(after[0].allclose(model.get_weights()[0], rtol: 0, atol: 0));
        var e = Assert.Throws<InvalidOperationException>(() => model.fit(x, y, epochs: 1, verbose: 0,
            callbacks: [new KerasSharp.Callbacks.LearningRateScheduler((_, lr) => lr)]));
        Assert.Contains("not settable", e.Message);
    }

    sealed class Bad : LearningRateSchedule
    {
        public override double call(long step) => step >= 1 ? double.NaN : 0.1;
    }

    [Fact]
    public void ScheduleReturningNaN_IsRefusedBeforeTheStep_WeightsUnchanged()
    {
        var model = Small();
        model.compile(loss: "mse", optimizer: keras.optimizers.SGD(learning_rate: new Bad()));
        var x = randn(10, 2);
        var y = randn(10, 1);
        model.fit(x, y, epochs: 1, batch_size: 10, verbose: 0);   // step 0 at 0.1
        var before = model.get_weights();
        var e = Assert.Throws<InvalidOperationException>(() => model.fit(x, y, epochs: 1, batch_size: 10, verbose: 0));
        Assert.Contains("Bad gave NaN at step 1", e.Message);
        Assert.True(before[0].allclose(model.get_weights()[0], rtol: 0, atol: 0));
        Assert.Equal(1, model.optimizer!.iterations);
    }

    [Fact]
    public void UnknownScheduleInAFile_IsRefusedNamingTheKnownOnes()
    {
        var config = PythonJson.Loads("""{"class_name": "Adam", "config": {"learning_rate": {"module": "keras.optimizers.schedules", "class_name": "ExponentialDecayy", "config": {}, "registered_name": null}}}""");
        var e = Assert.Throws<NotSupportedException>(() => ClassRegistry.Optimizer(config));
        Assert.Contains("'ExponentialDecayy'", e.Message);
        Assert.Contains("ExponentialDecay", e.Message.Replace("'ExponentialDecayy'", ""));
        Assert.Contains("CosineDecayRestarts", e.Message);
    }
}
