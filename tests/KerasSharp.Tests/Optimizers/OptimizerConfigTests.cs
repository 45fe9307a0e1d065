using KerasSharp.Optimizers;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;

namespace KerasSharp.Tests.Optimizers;

/// <summary>
/// Keras's defaults (not torch.optim's), Keras's optimizer names, and argument validation
/// (docs/keras-behaviour.md section 4; keras/src/optimizers/*.py, __init__).
/// </summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public sealed class OptimizerConfigTests
{
    // ---- Defaults ------------------------------------------------------------------------------------------------------

    [Fact]
    public void Defaults_AreKeras()
    {
        // torch.optim differs in almost every one of these (SGD lr required, RMSprop lr 1e-2 / alpha 0.99 / eps 1e-8,
        // Adagrad lr 1e-2 / acc 0 / eps 1e-10, Adadelta lr 1.0 / rho 0.9, Adamax and Nadam lr 2e-3, AdamW wd 1e-2, ...).
        var sgd = new SGD();
        Assert.Equal((0.01, 0.0, false), (sgd.learning_rate, sgd.momentum, sgd.nesterov));

        var adam = new Adam();
        Assert.Equal((0.001, 0.9, 0.999, 1e-7, false), (adam.learning_rate, adam.beta_1, adam.beta_2, adam.epsilon, adam.amsgrad));

        var adamw = new AdamW();
        Assert.Equal((0.001, 0.004, 0.9, 0.999, 1e-7, false), (adamw.learning_rate, adamw.weight_decay, adamw.beta_1, adamw.beta_2, adamw.epsilon, adamw.amsgrad));

        var rmsprop = new RMSprop();
        Assert.Equal((0.001, 0.9, 0.0, 1e-7, false), (rmsprop.learning_rate, rmsprop.rho, rmsprop.momentum, rmsprop.epsilon, rmsprop.centered));

        var adagrad = new Adagrad();
        Assert.Equal((0.001, 0.1, 1e-7), (adagrad.learning_rate, adagrad.initial_accumulator_value, adagrad.epsilon));

        var adadelta = new Adadelta();
        Assert.Equal((0.001, 0.95, 1e-7), (adadelta.learning_rate, adadelta.rho, adadelta.epsilon));

        var adamax = new Adamax();
        Assert.Equal((0.001, 0.9, 0.999, 1e-7), (adamax.learning_rate, adamax.beta_1, adamax.beta_2, adamax.epsilon));

        var nadam = new Nadam();
        Assert.Equal((0.001, 0.9, 0.999, 1e-7), (nadam.learning_rate, nadam.beta_1, nadam.beta_2, nadam.epsilon));

        var lion = new Lion();
        Assert.Equal((0.001, 0.9, 0.99), (lion.learning_rate, lion.beta_1, lion.beta_2));

        foreach (Optimizer o in new Optimizer[] { sgd, adam, rmsprop, adagrad, adadelta, adamax, nadam, lion })
            Assert.Equal((null, null, null, null), (o.weight_decay, o.clipnorm, o.clipvalue, o.global_clipnorm));
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("rmsprop")]
    [InlineData("adagrad")]
    [InlineData("adadelta")]
    [InlineData("adamax")]
    [InlineData("nadam")]
    [InlineData("lion")]
    public void Names_GiveDefaultInstances(string name)
    {
        Optimizer expected = name switch
        {
            "sgd" => new SGD(),
            "adam" => new Adam(),
            "adamw" => new AdamW(),
            "rmsprop" => new RMSprop(),
            "adagrad" => new Adagrad(),
            "adadelta" => new Adadelta(),
            "adamax" => new Adamax(),
            "nadam" => new Nadam(),
            _ => new Lion(),
        };
        var o = Optimizer.get(name);
        Assert.IsType(expected.GetType(), o);
        Assert.Equal(expected.get_config().Where(kv => kv.Key != "name"), o.get_config().Where(kv => kv.Key != "name"));
        Assert.Equal(0, o.iterations);
        // A name makes a new instance each time (Keras: get() instantiates the class), so two models never share state.
        Assert.NotSame(o, Optimizer.get(name));
    }

    [Fact]
    public void Config_LearningRateIsReadBackAsFloat32()
    {
        // Keras stores learning_rate as a float32 variable: get_config() gives 0.0010000000474974513.
        Assert.Equal(0.0010000000474974513, (double)new Adam().get_config()["learning_rate"]!);
        Assert.Equal(0.004, new AdamW().get_config()["weight_decay"]);
    }

    [Fact]
    public void Compile_DefaultOptimizerIsRmsprop()
    {
        var model = Sequential(new global::KerasSharp.Layers.Layer[] { InputLayer(shape: new[] { 3 }), Dense(2) });
        model.compile(loss: "mse");
        Assert.IsType<RMSprop>(model.optimizer);
        Assert.Equal(0.001, model.optimizer!.learning_rate);
    }

    // ---- Names ---------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("adam", typeof(Adam))]
    [InlineData("Adam", typeof(Adam))]
    [InlineData("ADAM", typeof(Adam))]
    [InlineData("sgd", typeof(SGD))]
    [InlineData("SGD", typeof(SGD))]
    [InlineData("rmsprop", typeof(RMSprop))]
    [InlineData("RMSprop", typeof(RMSprop))]
    [InlineData("AdamW", typeof(AdamW))]
    [InlineData("adamw", typeof(AdamW))]
    [InlineData("Adagrad", typeof(Adagrad))]
    [InlineData("Adadelta", typeof(Adadelta))]
    [InlineData("Adamax", typeof(Adamax))]
    [InlineData("Nadam", typeof(Nadam))]
    [InlineData("Lion", typeof(Lion))]
    public void Names_AreCaseInsensitive(string name, Type type)
    {
        // keras/src/optimizers/__init__.py, get: class_name.lower() looked up among the lower-cased class names.
        Assert.IsType(type, Optimizer.get(name));
        Assert.IsType(type, keras.optimizers.get(name));
        Optimizer converted = name;
        Assert.IsType(type, converted);

        var model = Sequential(new global::KerasSharp.Layers.Layer[] { InputLayer(shape: new[] { 3 }), Dense(2) });
        model.compile(optimizer: name, loss: "mse");
        Assert.IsType(type, model.optimizer);
    }

    [Theory]
    [InlineData("lamb")] // keras.optimizers.Lamb exists, but Keras's get() refuses "lamb" (section 3.1)
    [InlineData("adamm")]
    [InlineData("momentum")]
    [InlineData("")]
    public void UnknownName_ThrowsListingTheValidNames(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => Optimizer.get(name));
        Assert.Contains($"'{name}'", e.Message);
        foreach (var valid in new[] { "adadelta", "adagrad", "adam", "adamax", "adamw", "lion", "nadam", "rmsprop", "sgd" })
            Assert.Contains(valid, e.Message);

        var model = Sequential(new global::KerasSharp.Layers.Layer[] { InputLayer(shape: new[] { 3 }), Dense(2) });
        Assert.Throws<ArgumentException>(() => model.compile(optimizer: name, loss: "mse"));
    }

    // ---- Validation ----------------------------------------------------------------------------------------------------

    public static TheoryData<string, Func<Optimizer>, string> InvalidArguments => new()
    {
        { "negative learning rate", () => new Adam(learning_rate: -0.1), "learning_rate=-0.1" },
        { "NaN learning rate", () => new SGD(learning_rate: double.NaN), "learning_rate=NaN" },
        { "infinite learning rate", () => new RMSprop(learning_rate: double.PositiveInfinity), "learning_rate=" },
        { "beta_1 = 1", () => new Adam(beta_1: 1.0), "beta_1=1" },
        { "beta_1 < 0", () => new Adamax(beta_1: -0.5), "beta_1=-0.5" },
        { "beta_2 > 1", () => new Nadam(beta_2: 1.5), "beta_2=1.5" },
        { "AdamW beta_2 = 1", () => new AdamW(beta_2: 1.0), "beta_2=1" },
        { "Lion beta_1 = 0", () => new Lion(beta_1: 0.0), "beta_1=0" },
        { "Lion beta_1 > 1", () => new Lion(beta_1: 1.5), "beta_1=1.5" },
        { "SGD momentum > 1", () => new SGD(momentum: 1.5), "momentum=1.5" },
        { "SGD momentum < 0", () => new SGD(momentum: -0.1), "momentum=-0.1" },
        { "RMSprop rho = 1", () => new RMSprop(rho: 1.0), "rho=1" },
        { "negative epsilon", () => new Adam(epsilon: -1.0), "epsilon=-1" },
        { "negative weight decay", () => new AdamW(weight_decay: -0.01), "weight_decay=-0.01" },
        { "negative clipnorm", () => new SGD(clipnorm: -1.0), "clipnorm=-1" },
        { "zero clipvalue", () => new SGD(clipvalue: 0.0), "clipvalue=0" },
        { "clipnorm and clipvalue", () => new SGD(clipnorm: 1.0, clipvalue: 0.5), "clipnorm=1, clipvalue=0.5" },
        { "clipnorm and global_clipnorm", () => new Adam(clipnorm: 2.0, global_clipnorm: 3.0), "global_clipnorm=3" },
        { "clipvalue and global_clipnorm", () => new RMSprop(clipvalue: 0.25, global_clipnorm: 3.0), "clipvalue=0.25, global_clipnorm=3" },
    };

    [Theory]
    [MemberData(nameof(InvalidArguments))]
    public void InvalidArguments_ThrowNamingTheValue(string what, Func<Optimizer> make, string expected)
    {
        var e = Assert.Throws<ArgumentException>(make);
        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), $"{what}: message \"{e.Message}\" does not contain \"{expected}\"");
    }

    [Fact]
    public void ValidEdgeValues_AreAccepted()
    {
        // Keras: SGD momentum in [0, 1]; Lion β₁ in (0, 1]; β = 0 is allowed for Adam; lr = 0 freezes the weights.
        Assert.Equal(1.0, new SGD(momentum: 1.0).momentum);
        Assert.Equal(1.0, new Lion(beta_1: 1.0).beta_1);
        Assert.Equal(0.0, new Adam(beta_1: 0.0, beta_2: 0.0).beta_1);
        Assert.Equal(0.0, new SGD(learning_rate: 0.0).learning_rate);
    }

    [Fact]
    public void LearningRateSetter_Validates()
    {
        var o = new Adam();
        o.learning_rate = 0.5;
        Assert.Equal(0.5, o.learning_rate);
        var e = Assert.Throws<ArgumentException>(() => o.learning_rate = -2.0);
        Assert.Contains("learning_rate=-2", e.Message);
        Assert.Equal(0.5, o.learning_rate);
    }
}
