using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Saving;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers;

/// <summary>A user's layer: one trainable scale per feature, y = x * scale (registered by attribute).</summary>
[RegisterKerasSerializable("my_package", "MyScale")]
public sealed class MyScale : Layer
{
    public MyScale(double init = 1.0, string? name = null, string? dtype = null, bool trainable = true,
        int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size) => this.init = init;

    public double init { get; }

    public Variable? scale { get; private set; }

    public override void build(long?[] input_shape) =>
        scale = add_weight("scale", new[] { input_shape[^1]!.Value }, new KerasSharp.Initializers.Constant(init));

    public override Tensor call(Tensor inputs, bool training) => inputs.mul(scale!.value);

    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["init"] = init;
        return c;
    }
}

/// <summary>The same layer, not registered: it saves, and loads only through <c>custom_objects</c>.</summary>
public sealed class UnregisteredShift : Layer
{
    public UnregisteredShift(double shift, string? name = null) : base(name) => this.shift = shift;

    public double shift { get; }

    public override Tensor call(Tensor inputs, bool training) => inputs.add(shift);

    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["shift"] = shift;
        return c;
    }
}

/// <summary>Registered by a call rather than an attribute (Keras: <c>register_keras_serializable(package, name)(cls)</c>).</summary>
public sealed class CalledRegistration : Layer
{
    public CalledRegistration(string? name = null) : base(name) { }

    public override Tensor call(Tensor inputs, bool training) => inputs.neg();
}

/// <summary>
/// User-defined layers (Keras: keras/src/saving/object_registration.py): a Layer subclass of this test assembly trains,
/// shows in summary(), saves with its registered name "package&gt;Name" and loads by it; unregistered ones load through
/// custom_objects, else fail naming the class and both ways to register it.
/// </summary>
public sealed class CustomLayerTests : TorchTest
{
    [Fact]
    public void RegisteredLayer_Trains_Summarizes_SavesAndLoads()
    {
        var model = Sequential([MyScaleFirst(), Dense(1, use_bias: false, kernel_initializer: "ones")]);
        model.compile(optimizer: new KerasSharp.Optimizers.SGD(learning_rate: 0.005), loss: "mse");
        var x = tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        var y = tensor(new float[] { 6, 14 }).reshape(2, 1); // 2*x1 + 2*x2 with kernel ones: scale -> 2
        var h = model.fit(x, y, epochs: 50, batch_size: 2, verbose: 0);
        Assert.True(h.history["loss"][^1] < h.history["loss"][0] / 10, $"loss {h.history["loss"][0]} -> {h.history["loss"][^1]}");
        var text = model.summary_text(line_length: 88);
        Assert.Contains("my_scale (MyScale)", text);
        Assert.Contains("│ (None, 2)", text);

        using var dir = new TempFolder();
        model.save(dir.File("m.keras"));
        var json = ReadConfig(dir.File("m.keras"));
        Assert.Contains("\"class_name\": \"MyScale\", \"config\": {\"name\": \"my_scale\", \"trainable\": true, \"dtype\": ", json);
        Assert.Contains("\"init\": 0.5}, \"registered_name\": \"my_package>MyScale\"", json);
        Assert.Equal("my_package>MyScale", keras.saving.get_registered_name<MyScale>());
        var loaded = load_model(dir.File("m.keras"));
        var scale = Assert.IsType<MyScale>(loaded.layers[0]);
        Assert.Equal(0.5, scale.init);
        Assert.Equal(model.predict(x).data<float>().ToArray(), loaded.predict(x).data<float>().ToArray());
    }

    static MyScale MyScaleFirst() => new(init: 0.5, input_shape: [2]);

    static string ReadConfig(string path)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry("config.json")!.Open());
        return reader.ReadToEnd();
    }

    [Fact]
    public void UnregisteredLayer_Saves_FailsToLoadNamingBothWays_AndLoadsWithCustomObjects()
    {
        using var dir = new TempFolder();
        var model = Sequential([InputLayer(shape: [3]), new UnregisteredShift(2.5)]);
        model.save(dir.File("u.keras"));
        var e = Assert.Throws<NotSupportedException>(() => load_model(dir.File("u.keras")));
        Assert.Contains("'UnregisteredShift'", e.Message);
        Assert.Contains("[RegisterKerasSerializable(package, name)]", e.Message);
        Assert.Contains("register_keras_serializable", e.Message);
        Assert.Contains("custom_objects", e.Message);

        var loaded = load_model(dir.File("u.keras"), custom_objects: new Dictionary<string, Type> { ["UnregisteredShift"] = typeof(UnregisteredShift) });
        var shift = Assert.IsType<UnregisteredShift>(loaded.layers[0]);
        Assert.Equal((2.5, "unregistered_shift"), (shift.shift, shift.name));
        Assert.Equal(new float[] { 3.5f, 2.5f, 1.5f }, loaded.predict(tensor(new float[] { 1, 0, -1 }).reshape(1, 3)).data<float>().ToArray());
        // The scope ends with the load.
        Assert.Throws<NotSupportedException>(() => load_model(dir.File("u.keras")));
    }

    [Fact]
    public void RegistrationByCall_WritesAndFindsThePackageName()
    {
        Assert.Equal("tests>Negate", keras.saving.register_keras_serializable<CalledRegistration>("tests", "Negate"));
        using var dir = new TempFolder();
        Sequential([InputLayer(shape: [2]), new CalledRegistration()]).save(dir.File("n.keras"));
        Assert.Contains("\"registered_name\": \"tests>Negate\"", ReadConfig(dir.File("n.keras")));
        Assert.IsType<CalledRegistration>(load_model(dir.File("n.keras")).layers[0]);
        var clash = Assert.Throws<ArgumentException>(() => keras.saving.register_keras_serializable<UnregisteredShift>("tests", "Negate"));
        Assert.Contains("tests>Negate has already been registered", clash.Message);
        Assert.Throws<ArgumentException>(() => keras.saving.register_keras_serializable<UnregisteredShift>("a>b"));
    }
}
