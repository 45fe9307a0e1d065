using KerasSharp.Callbacks;
using KerasSharp.Models;
using TorchSharp;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Backend;

/// <summary>Where work runs: auto (CUDA when available), keras.config.set_device, keras.device scopes, KERAS_DEVICE.</summary>
public sealed class DeviceTests : TorchTest, IDisposable
{
    readonly string? _env = Environment.GetEnvironmentVariable("KERAS_DEVICE");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("KERAS_DEVICE", _env);
        keras.config.set_device("auto");
    }

    static Sequential Model()
    {
        var model = Sequential([InputLayer(shape: [3]), Dense(4, activation: "relu"), Dense(2, activation: "softmax")]);
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        return model;
    }

    [Fact]
    public void Auto_IsCudaWhenAvailable_ElseCpu()
    {
        Environment.SetEnvironmentVariable("KERAS_DEVICE", null);
        Assert.Equal(cuda.is_available() ? "cuda:0" : "cpu", keras.config.device());
    }

    [Fact]
    public void SetDevice_Cpu_TrainsOnTheCpu()
    {
        keras.config.set_device("cpu");
        Assert.Equal("cpu", keras.config.device());
        var model = Model();
        model.fit(randn(8, 3), tensor(new long[] { 0, 1, 0, 1, 0, 1, 0, 1 }), verbose: 0);
        Assert.All(model.parameters(), p => Assert.Equal(DeviceType.CPU, p.device.type));
    }

    [Fact]
    public void Scope_OverridesTheSetting_AndRestoresIt()
    {
        keras.config.set_device("auto");
        var outside = keras.config.device();
        using (keras.device("cpu"))
        {
            Assert.Equal("cpu", keras.config.device());
        }
        Assert.Equal(outside, keras.config.device());
    }

    [Fact]
    public void EnvironmentVariable_AppliesWhenNothingIsSet()
    {
        keras.config.set_device("auto");
        Environment.SetEnvironmentVariable("KERAS_DEVICE", "cpu");
        Assert.Equal("cpu", keras.config.device());
        Environment.SetEnvironmentVariable("KERAS_DEVICE", "tpu");
        var e = Assert.Throws<InvalidOperationException>(() => keras.config.device());
        Assert.Contains("KERAS_DEVICE", e.Message);
        Assert.Contains("tpu", e.Message);
    }

    [Theory]
    [InlineData("tpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    public void UnknownDevices_AreRefused_WithTheChoices(string spec)
    {
        var e = Assert.Throws<ArgumentException>(() => keras.config.set_device(spec));
        Assert.Contains(spec.Contains(':') ? spec[(spec.IndexOf(':') + 1)..] : spec, e.Message);
    }

    [NoCudaFact]
    public void Cuda_WhereThereIsNone_NamesThePackageToReference()
    {
        var e = Assert.Throws<InvalidOperationException>(() => keras.config.set_device("cuda"));
        Assert.Contains("TorchSharp-cuda-linux", e.Message);
        Assert.Contains("-p:TorchBackend=cuda", e.Message);
        Assert.Throws<InvalidOperationException>(() => keras.device("gpu:0"));
        Assert.Equal("cpu", keras.config.device());
    }

    [CudaFact]
    public void Cuda_FitEvaluatePredict_RunOnTheGpu_AndMatchTheCpu()
    {
        var X = randn(64, 3);
        var y = X[.., 0].gt(0).to_type(ScalarType.Int64);
        History Train(string device)
        {
            keras.backend.clear_session();
            keras.utils.set_random_seed(0);
            using var scope = keras.device(device);
            var model = Model();
            var h = model.fit(X, y, epochs: 3, batch_size: 64, shuffle: false, verbose: 0);
            Assert.All(model.parameters(), p => Assert.Equal(device == "cpu" ? DeviceType.CPU : DeviceType.CUDA, p.device.type));
            var p = model.predict(X, verbose: 0);
            Assert.Equal(DeviceType.CPU, p.device.type);
            Assert.True(model.evaluate(X, y, verbose: 0)["loss"] > 0);
            return h;
        }
        var cpu = Train("cpu");
        var gpu = Train("cuda");
        for (int i = 0; i < 3; i++) Assert.Equal(cpu.history["loss"][i], gpu.history["loss"][i], 4);
    }

    [CudaFact]
    public void Cuda_ExplicitModelTo_IsKept()
    {
        keras.config.set_device("cpu");
        var model = Model();
        model.to(new Device(DeviceType.CUDA, 0));
        model.fit(randn(8, 3), tensor(new long[] { 0, 1, 0, 1, 0, 1, 0, 1 }), verbose: 0);
        Assert.All(model.parameters(), p => Assert.Equal(DeviceType.CUDA, p.device.type));
    }
}

/// <summary>Runs only where TorchSharp reports a CUDA device (a CUDA build of the tests on a GPU machine).</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!cuda.is_available()) Skip = "CUDA is not available (build with -p:TorchBackend=cuda on a machine with an NVIDIA GPU).";
    }
}

/// <summary>Runs only where there is no CUDA device.</summary>
public sealed class NoCudaFactAttribute : FactAttribute
{
    public NoCudaFactAttribute()
    {
        if (cuda.is_available()) Skip = "CUDA is available here.";
    }
}
