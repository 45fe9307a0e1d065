using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.optimizers;
using static KerasSharp.keras.utils;
using static TorchSharp.torch;
using KerasOptimizer = KerasSharp.Optimizers.Optimizer;

namespace KerasSharp.Tests.Optimizers;

/// <summary>
/// <c>model.summary()</c>'s "Optimizer params" line once the optimizer is built: Keras counts
/// <c>optimizer.variables</c> (keras/src/utils/summary_utils.py): iterations, learning_rate, and the variables each
/// optimizer's <c>build()</c> creates per trained variable (keras/src/optimizers/*.py).
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class OptimizerSummaryTests
{
    /// <summary>Keras's 10-20-3 model, compiled and fitted once on 32 random samples.</summary>
    static string SummaryAfterOneFit(KerasOptimizer optimizer, bool fit = true)
    {
        set_random_seed(42);
        var model = Sequential(new global::KerasSharp.Layers.Layer[] { InputLayer(shape: new[] { 10 }), Dense(20, activation: "relu"), Dense(3, activation: "softmax") });
        model.compile(optimizer: optimizer, loss: "categorical_crossentropy");
        if (fit)
        {
            var x = rand(32, 10);
            var y = to_categorical(randint(0, 3, 32), 3);
            model.fit(x, y, epochs: 1, verbose: 0);
        }
        string text = "";
        model.summary(print_fn: s => text = s);
        return text;
    }

    [Fact]
    public void Adam_AfterFit_MatchesKeras()
    {
        // Keras 3, checked by running (docs/keras-behaviour.md section 2.1): 283 weights + iterations, learning_rate and
        // Adam's two moments per weight, 2 + 2·283 = 568.
        string text = SummaryAfterOneFit("adam");
        Assert.EndsWith("\n"
            + " Total params: 851 (3.32 KB)\n"
            + " Trainable params: 283 (1.11 KB)\n"
            + " Non-trainable params: 0 (0.00 B)\n"
            + " Optimizer params: 568 (2.22 KB)\n", text);
    }

    [Fact]
    public void BeforeFit_NoOptimizerLine()
    {
        // Keras prints the line only once the optimizer is built (by the first training step).
        string text = SummaryAfterOneFit("adam", fit: false);
        Assert.EndsWith("\n Total params: 283 (1.11 KB)\n Trainable params: 283 (1.11 KB)\n Non-trainable params: 0 (0.00 B)\n", text);
        Assert.DoesNotContain("Optimizer", text);
    }

    public static TheoryData<string, Func<KerasOptimizer>, long> Counts => new()
    {
        // sgd.py build: momentums only if momentum != 0.
        { "sgd", () => "sgd", 2 },
        { "SGD momentum", () => SGD(momentum: 0.9), 2 + 283 },
        // adam.py build: momentums, velocities (+ velocity_hats with amsgrad); adamw.py subclasses Adam.
        { "Adam amsgrad", () => Adam(amsgrad: true), 2 + 3 * 283 },
        { "adamw", () => "adamw", 2 + 2 * 283 },
        // rmsprop.py build: velocities, momentums if momentum > 0, average_gradients if centered.
        { "rmsprop", () => "rmsprop", 2 + 283 },
        { "RMSprop momentum centered", () => RMSprop(momentum: 0.9, centered: true), 2 + 3 * 283 },
        // adagrad.py: accumulators; adadelta.py: accumulated_grad, accumulated_delta_var; adamax.py: momentum, norm.
        { "adagrad", () => "adagrad", 2 + 283 },
        { "adadelta", () => "adadelta", 2 + 2 * 283 },
        { "adamax", () => "adamax", 2 + 2 * 283 },
        // nadam.py build: momentums, velocities and the scalar _u_product variable.
        { "nadam", () => "nadam", 3 + 2 * 283 },
        // lion.py build: momentums.
        { "lion", () => "lion", 2 + 283 },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void OptimizerParams_CountKerasVariables(string what, Func<KerasOptimizer> optimizer, long expected)
    {
        string text = SummaryAfterOneFit(optimizer());
        string bytes = SummaryTextSize(4 * expected);
        Assert.True(text.EndsWith($" Optimizer params: {Count(expected)} ({bytes})\n", StringComparison.Ordinal), $"{what}: {text[text.LastIndexOf(" Total", StringComparison.Ordinal)..]}");
        Assert.Contains($" Total params: {Count(283 + expected)} ({SummaryTextSize(4 * (283 + expected))})\n", text);
    }

    [Fact]
    public void PlainSgd_HasTwoOptimizerParams()
    {
        Assert.EndsWith("\n Optimizer params: 2 (8.00 B)\n", SummaryAfterOneFit("sgd"));
    }

    static string Count(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Keras's readable_memory_size: 1024-based units with two decimals (B, KB, MB, ...).</summary>
    static string SummaryTextSize(long bytes)
    {
        string[] units = { "B", "KB", "MB", "GB" };
        double size = bytes;
        int unit = 0;
        while (size >= 1024 && unit < units.Length - 1) { size /= 1024; unit++; }
        return size.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
