using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using KerasSharp.Activations;
using KerasSharp.Initializers;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Models;
using KerasSharp.Optimizers;
using KerasSharp.Regularizers;

namespace KerasSharp.Saving;

/// <summary>
/// Keras class names to factories that rebuild an object from its config (Keras: the lookup of
/// <c>deserialize_keras_object</c> / <c>_retrieve_class_or_fn</c> followed by <c>cls.from_config(config)</c>, in
/// keras/src/saving/serialization_lib.py). Layers: Sequential, InputLayer, Dense, Activation. Optimizers by class name
/// with their config keys as constructor arguments; initializers, regularizers, activations, losses and metrics by
/// Keras name or config. An unknown class is refused with a <see cref="NotSupportedException"/> naming it and listing
/// the known ones; so is any Keras option KerasSharp does not implement when it is not at its default.
/// </summary>
internal static class ClassRegistry
{
    // ---- Layers ---------------------------------------------------------------------------------------------------

    static readonly Dictionary<string, Func<ConfigReader, Layer>> LayerFactories = new(StringComparer.Ordinal)
    {
        ["Sequential"] = SequentialFromConfig,
        ["InputLayer"] = InputLayerFromConfig,
        ["Dense"] = DenseFromConfig,
        ["Activation"] = ActivationLayerFromConfig,
    };

    static readonly Dictionary<Type, (string module, string className)> LayerClasses = new()
    {
        [typeof(Sequential)] = ("keras", "Sequential"),
        [typeof(InputLayer)] = ("keras.layers", "InputLayer"),
        [typeof(Dense)] = ("keras.layers", "Dense"),
        [typeof(Activation)] = ("keras.layers", "Activation"),
    };

    /// <summary>The layer classes KerasSharp can rebuild from a config.</summary>
    internal static IEnumerable<string> LayerNames => LayerFactories.Keys.Order(StringComparer.Ordinal);

    /// <summary>Keras's module and class name for a layer that can be rebuilt, or null (custom layers, TorchModule).</summary>
    internal static (string module, string className)? KerasClassOf(Layer layer) =>
        LayerClasses.TryGetValue(layer.GetType(), out var k) ? k : null;

    /// <summary>Rebuilds a layer (not yet built) from its class name and config.</summary>
    internal static Layer Layer(string className, string? registeredName, object? config)
    {
        if (!LayerFactories.TryGetValue(className, out var make) || IsCustom(className, registeredName))
            throw Unknown("layer", registeredName ?? className, LayerNames);
        return make(new ConfigReader(config, $"layer {className}"));
    }

    static Layer SequentialFromConfig(ConfigReader c)
    {
        var name = c.String("name") ?? throw new InvalidDataException("A Sequential model configuration must be a dictionary containing the 'name' and 'layers' keys.");
        CheckDType(c, $"Sequential '{name}'");
        if (c.Raw("layers") is not List<object?> entries)
            throw new InvalidDataException($"A Sequential model configuration must be a dictionary containing the 'name' and 'layers' keys. Received a config without 'layers' for '{name}'.");
        var layers = entries.Select(Serialization.DeserializeLayer).ToList();
        var model = new Sequential(layers, name);
        if (!model.built && c.Shape("build_input_shape") is { } shape) model.build(shape);
        if (!c.Bool("trainable", true)) model.trainable = false;
        return model;
    }

    static Layer InputLayerFromConfig(ConfigReader c)
    {
        var what = $"InputLayer '{c.String("name")}'";
        var shape = c.Shape("batch_shape") ?? c.Shape("batch_input_shape")
            ?? throw new InvalidDataException($"{what} has no `batch_shape`.");
        var dtype = c.Raw("dtype");
        if (dtype is not null && DTypeName(dtype) != "float32")
            throw new NotSupportedException($"{what} has dtype {PythonJson.Dumps(dtype)}; KerasSharp models are float32 only.");
        c.RequireDefault("sparse", false);
        c.RequireDefault("ragged", false);
        c.RequireDefault("optional", false);
        var batchShape = shape.Select(d => d is null ? (int?)null : checked((int)d.Value)).ToArray();
        return new InputLayer(batch_shape: batchShape, name: c.String("name"));
    }

    static Layer DenseFromConfig(ConfigReader c)
    {
        var name = c.String("name");
        var what = $"Dense layer '{name}'";
        CheckDType(c, what);
        foreach (var key in new[] { "kernel_constraint", "bias_constraint", "quantization_config", "lora_rank" })
            c.RequireDefault(key);
        var units = c.Int("units") ?? throw new InvalidDataException($"{what} has no `units`.");
        var layer = new Dense(units,
            activation: Activation(c.Raw("activation"), what),
            use_bias: c.Bool("use_bias", true),
            kernel_initializer: c.Has("kernel_initializer") ? Initializer(c.Raw("kernel_initializer"), what) : null,
            bias_initializer: c.Has("bias_initializer") ? Initializer(c.Raw("bias_initializer"), what) : null,
            kernel_regularizer: Regularizer(c.Raw("kernel_regularizer"), what),
            bias_regularizer: Regularizer(c.Raw("bias_regularizer"), what),
            activity_regularizer: Regularizer(c.Raw("activity_regularizer"), what),
            name: name);
        if (!c.Bool("trainable", true)) layer.trainable = false;
        return layer;
    }

    static Layer ActivationLayerFromConfig(ConfigReader c)
    {
        var name = c.String("name");
        CheckDType(c, $"Activation layer '{name}'");
        var layer = new Activation(Activation(c.Raw("activation"), $"Activation layer '{name}'"), name);
        if (!c.Bool("trainable", true)) layer.trainable = false;
        return layer;
    }

    /// <summary>Only float32 is supported: a plain "float32" or a DTypePolicy config named float32.</summary>
    static void CheckDType(ConfigReader c, string what)
    {
        var dtype = c.Raw("dtype");
        if (dtype is null) return;
        var name = DTypeName(dtype);
        if (name != "float32")
            throw new NotSupportedException($"{what} has dtype policy '{name ?? PythonJson.Dumps(dtype)}'; KerasSharp layers compute in float32 only.");
    }

    static string? DTypeName(object dtype) => dtype switch
    {
        string s => s,
        Dictionary<string, object?> d when d.GetValueOrDefault("config") is Dictionary<string, object?> cfg => cfg.GetValueOrDefault("name") as string,
        _ => null,
    };

    // ---- Optimizers -----------------------------------------------------------------------------------------------

    static readonly Dictionary<string, Type> OptimizerTypes = PublicSubclasses(typeof(Optimizer), "KerasSharp.Optimizers", StringComparer.OrdinalIgnoreCase);

    /// <summary>The optimizer classes KerasSharp can rebuild.</summary>
    internal static IEnumerable<string> OptimizerNames => OptimizerTypes.Keys.Order(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="optimizer"/> is one of Keras's optimizers (not a user subclass).</summary>
    internal static bool IsKerasOptimizer(Optimizer optimizer) => OptimizerTypes.Values.Contains(optimizer.GetType());

    // Keras's common optimizer arguments that KerasSharp does not implement: accepted at their defaults only.
    static readonly (string key, object? fallback)[] UnsupportedOptimizerOptions =
    {
        ("use_ema", false), ("ema_overwrite_frequency", null), ("loss_scale_factor", null), ("gradient_accumulation_steps", null),
    };

    /// <summary>An optimizer from its serialized form (a config dict, or a name as <c>compile</c> accepts).</summary>
    internal static Optimizer Optimizer(object? serialized)
    {
        if (serialized is string s) return Optimizers.Optimizer.get(s);
        var (className, registeredName, config) = Split(serialized, "optimizer");
        // Keras's torch backend writes module "keras.src.backend.torch.optimizers.torch_adam" and registered_name "Adam".
        if (!OptimizerTypes.TryGetValue(className, out var type) || (registeredName is not null && registeredName != className))
            throw Unknown("optimizer", registeredName ?? className, OptimizerNames);
        var c = new ConfigReader(config, $"optimizer {className}");
        if (c.Raw("learning_rate") is Dictionary<string, object?>)
            throw new NotSupportedException($"Optimizer {className} uses a learning-rate schedule ({PythonJson.Dumps(c.Raw("learning_rate"))}); KerasSharp supports a constant learning rate only.");
        foreach (var (key, fallback) in UnsupportedOptimizerOptions) c.RequireDefault(key, fallback);
        var optimizer = (Optimizer)Construct(type, c, $"optimizer {className}",
            ignored: new[] { "use_ema", "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps" });
        optimizer.learning_rate = OptimizerState.Float32Decimal(optimizer.learning_rate);
        return optimizer;
    }

    // ---- Initializers, regularizers, activations ------------------------------------------------------------------

    static readonly Dictionary<string, Func<ConfigReader, Initializer>> InitializerFactories = new(StringComparer.Ordinal)
    {
        ["Zeros"] = _ => new Zeros(),
        ["Ones"] = _ => new Ones(),
        ["Constant"] = c => new Constant(c.Double("value", 0.0)!.Value),
        ["RandomNormal"] = c => new RandomNormal(c.Double("mean", 0.0)!.Value, c.Double("stddev", 0.05)!.Value, c.Int("seed")),
        ["RandomUniform"] = c => new RandomUniform(c.Double("minval", -0.05)!.Value, c.Double("maxval", 0.05)!.Value, c.Int("seed")),
        ["TruncatedNormal"] = c => new TruncatedNormal(c.Double("mean", 0.0)!.Value, c.Double("stddev", 0.05)!.Value, c.Int("seed")),
        ["VarianceScaling"] = c => Axes(c, new VarianceScaling(c.Double("scale", 1.0)!.Value, c.String("mode", "fan_in")!,
            c.String("distribution", "truncated_normal")!, c.Int("seed"))),
        ["GlorotUniform"] = c => Axes(c, VarianceScaling.GlorotUniform(c.Int("seed"))),
        ["GlorotNormal"] = c => Axes(c, VarianceScaling.GlorotNormal(c.Int("seed"))),
        ["HeUniform"] = c => Axes(c, VarianceScaling.HeUniform(c.Int("seed"))),
        ["HeNormal"] = c => Axes(c, VarianceScaling.HeNormal(c.Int("seed"))),
        ["LecunUniform"] = c => Axes(c, VarianceScaling.LecunUniform(c.Int("seed"))),
        ["LecunNormal"] = c => Axes(c, VarianceScaling.LecunNormal(c.Int("seed"))),
    };

    static Initializer Axes(ConfigReader c, Initializer i)
    {
        c.RequireDefault("input_axes");
        c.RequireDefault("output_axes");
        return i;
    }

    /// <summary>An initializer from <c>{"class_name": "GlorotUniform", "config": {...}}</c> or a name ("glorot_uniform").</summary>
    internal static Initializer Initializer(object? serialized, string owner)
    {
        if (serialized is string s) return Initializers.Initializer.get(s);
        var (className, registeredName, config) = Split(serialized, $"initializer of {owner}");
        if (!InitializerFactories.TryGetValue(className, out var make) || IsCustom(className, registeredName))
            throw Unknown("initializer", registeredName ?? className, InitializerFactories.Keys.Order(StringComparer.Ordinal));
        var c = new ConfigReader(config, $"initializer {className} of {owner}");
        if (c.Raw("seed") is Dictionary<string, object?>)
            throw new NotSupportedException($"Initializer {className} of {owner} is seeded with a SeedGenerator; KerasSharp accepts an integer seed or null.");
        return make(c);
    }

    static readonly Dictionary<string, Func<ConfigReader, Regularizer>> RegularizerFactories = new(StringComparer.Ordinal)
    {
        ["L1"] = c => new L1(c.Double("l1", 0.01)!.Value),
        ["L2"] = c => new L2(c.Double("l2", 0.01)!.Value),
        ["L1L2"] = c => new L1L2(c.Double("l1", 0.0)!.Value, c.Double("l2", 0.0)!.Value),
        ["OrthogonalRegularizer"] = c => new OrthogonalRegularizer(c.Double("factor", 0.01)!.Value, c.String("mode", "rows")!),
    };

    /// <summary>A regularizer from its config or name, or null.</summary>
    internal static Regularizer? Regularizer(object? serialized, string owner)
    {
        if (serialized is null) return null;
        if (serialized is string s) return Regularizers.Regularizer.get(s);
        var (className, registeredName, config) = Split(serialized, $"regularizer of {owner}");
        if (!RegularizerFactories.TryGetValue(className, out var make) || IsCustom(className, registeredName))
            throw Unknown("regularizer", registeredName ?? className, RegularizerFactories.Keys.Order(StringComparer.Ordinal));
        return make(new ConfigReader(config, $"regularizer {className} of {owner}"));
    }

    /// <summary>
    /// An activation: Keras writes built-in activations by name ("relu"); a function config
    /// <c>{"class_name": "function", "config": "relu"}</c> is accepted too. null is "linear".
    /// </summary>
    internal static ActivationFunction Activation(object? serialized, string owner)
    {
        string? name = serialized switch
        {
            null => null,
            string s => s,
            Dictionary<string, object?> d when d.GetValueOrDefault("class_name") as string == "function" => d.GetValueOrDefault("config") as string,
            _ => throw new NotSupportedException($"The activation of {owner} is {PythonJson.Dumps(serialized)}; KerasSharp rebuilds activations from their Keras names only."),
        };
        if (name is not null && !ActivationFunction.names.Contains(name))
            throw new NotSupportedException(
                $"Could not interpret activation function identifier: '{name}' (the activation of {owner}). Known activations: {string.Join(", ", ActivationFunction.names.Order(StringComparer.Ordinal))}.");
        return ActivationFunction.get(name);
    }

    // ---- Losses and metrics ---------------------------------------------------------------------------------------

    static readonly Dictionary<string, Type> LossTypes = PublicSubclasses(typeof(Loss), "KerasSharp.Losses", StringComparer.Ordinal);
    static readonly Dictionary<string, Type> MetricTypes = PublicSubclasses(typeof(Metric), "KerasSharp.Metrics", StringComparer.Ordinal);

    /// <summary>The library's public concrete classes deriving from <paramref name="baseType"/>, by class name.</summary>
    static Dictionary<string, Type> PublicSubclasses(Type baseType, string ns, StringComparer comparer) =>
        typeof(ClassRegistry).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && baseType.IsAssignableFrom(t) && t.Namespace == ns)
            .ToDictionary(t => t.Name, comparer);

    /// <summary>A loss from a Keras name or a loss config (<c>{"class_name": "CategoricalCrossentropy", "config": {...}}</c>).</summary>
    internal static Loss Loss(object? serialized)
    {
        if (serialized is string s) return Losses.Loss.get(s);
        var (className, registeredName, config) = Split(serialized, "loss");
        if (!LossTypes.TryGetValue(className, out var type) || IsCustom(className, registeredName))
            throw Unknown("loss", registeredName ?? className, LossTypes.Keys.Order(StringComparer.Ordinal));
        return (Loss)Construct(type, new ConfigReader(config, $"loss {className}"), $"loss {className}", ignored: new[] { "dtype" });
    }

    /// <summary>A metric from a Keras name ("accuracy", "mae") or a metric config.</summary>
    internal static Metric Metric(object? serialized)
    {
        if (serialized is string s) return Metrics.Metric.get(s);
        var (className, registeredName, config) = Split(serialized, "metric");
        if (!MetricTypes.TryGetValue(className, out var type) || IsCustom(className, registeredName))
            throw Unknown("metric", registeredName ?? className, MetricTypes.Keys.Order(StringComparer.Ordinal));
        return (Metric)Construct(type, new ConfigReader(config, $"metric {className}"), $"metric {className}", ignored: new[] { "dtype" });
    }

    /// <summary>
    /// The arguments of <paramref name="obj"/>'s public constructor that it exposes as properties of the same name, in
    /// constructor order (what a Keras <c>get_config()</c> would hold for losses and metrics).
    /// </summary>
    internal static Dictionary<string, object?> ReflectedConfig(object obj)
    {
        var ctor = PublicConstructor(obj.GetType());
        var config = new Dictionary<string, object?>();
        foreach (var p in ctor.GetParameters())
        {
            var prop = obj.GetType().GetProperty(p.Name!, BindingFlags.Public | BindingFlags.Instance);
            if (prop is null || !prop.CanRead) continue;
            var v = prop.GetValue(obj);
            if (v is null or string or bool or int or long or double or float) config[p.Name!] = v;
            else if (v is Array a && a.Cast<object?>().All(x => x is int or long or double or float)) config[p.Name!] = a.Cast<object?>().ToList();
        }
        return config;
    }

    // ---- Helpers --------------------------------------------------------------------------------------------------

    static ConstructorInfo PublicConstructor(Type type) =>
        type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
        ?? throw new NotSupportedException($"{type.Name} has no public constructor to rebuild it from a config.");

    /// <summary>
    /// Calls <paramref name="type"/>'s public constructor with the config's keys as arguments by name (missing ones take
    /// their defaults). A key that is neither an argument nor in <paramref name="ignored"/> is refused.
    /// </summary>
    static object Construct(Type type, ConfigReader config, string what, IEnumerable<string> ignored)
    {
        var ctor = PublicConstructor(type);
        var parameters = ctor.GetParameters();
        var names = parameters.Select(p => p.Name!).ToHashSet(StringComparer.Ordinal);
        var skip = ignored.ToHashSet(StringComparer.Ordinal);
        foreach (var key in config.values.Keys)
            if (!names.Contains(key) && !skip.Contains(key))
                throw new NotSupportedException(
                    $"The config of {what} has the argument `{key}`={PythonJson.Dumps(config.Raw(key))}, which KerasSharp's {type.Name} does not implement. Its arguments are: {string.Join(", ", names)}.");
        var args = new object?[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (!config.values.ContainsKey(p.Name!))
            {
                args[i] = p.HasDefaultValue ? p.DefaultValue : throw new InvalidDataException($"The config of {what} has no `{p.Name}`.");
                continue;
            }
            args[i] = ConvertArgument(config, p.Name!, p.ParameterType, what);
        }
        try
        {
            return ctor.Invoke(args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidDataException($"The config of {what} is invalid: {e.InnerException.Message}", e.InnerException);
        }
    }

    static object? ConvertArgument(ConfigReader c, string key, Type type, string what)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        bool nullable = underlying is not null || !type.IsValueType;
        var t = underlying ?? type;
        if (c.Raw(key) is null)
            return nullable ? null : throw new InvalidDataException($"The config of {what} has `{key}`=null; a value is required.");
        if (t == typeof(double)) return c.Double(key);
        if (t == typeof(float)) return (float?)c.Double(key);
        if (t == typeof(int)) return c.Int(key);
        if (t == typeof(long)) return c.Long(key);
        if (t == typeof(bool)) return c.Bool(key, false);
        if (t == typeof(string)) return c.String(key);
        throw new NotSupportedException($"The config of {what} sets `{key}`, whose type {t.Name} cannot be read from JSON.");
    }

    /// <summary>The class name, registered name and inner config of <c>{"module", "class_name", "config", "registered_name"}</c>.</summary>
    internal static (string className, string? registeredName, object? config) Split(object? serialized, string what)
    {
        if (serialized is not Dictionary<string, object?> d || d.GetValueOrDefault("class_name") is not string className)
            throw new InvalidDataException($"Expected the {what} as a Keras object config with a \"class_name\"; found {ConfigReader.Describe(serialized)}.");
        return (className, d.GetValueOrDefault("registered_name") as string, d.GetValueOrDefault("config"));
    }

    /// <summary>Keras's <c>register_keras_serializable</c> names ("package>Class") mark custom classes.</summary>
    static bool IsCustom(string className, string? registeredName) => registeredName is not null && registeredName != className;

    static NotSupportedException Unknown(string kind, string className, IEnumerable<string> known) =>
        new($"Could not locate {kind} class '{className}': KerasSharp cannot rebuild it from a Keras config. Known {kind} classes: {string.Join(", ", known)}.");
}
