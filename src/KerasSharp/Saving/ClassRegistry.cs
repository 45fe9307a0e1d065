using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using KerasSharp.Activations;
using KerasSharp.Constraints;
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
/// keras/src/saving/serialization_lib.py). Layers by class name, found by reflection, rebuilt from their constructor's
/// arguments, and registered user classes by their registered name. Optimizers by class name
/// with their config keys as constructor arguments; initializers, regularizers, activations, losses and metrics by
/// Keras name or config. An unknown class is refused with a <see cref="NotSupportedException"/> naming it and listing
/// the known ones; so is any Keras option KerasSharp does not implement when it is not at its default.
/// </summary>
internal static class ClassRegistry
{
    // ---- Layers ---------------------------------------------------------------------------------------------------

    // Every public concrete layer of KerasSharp.Layers (module "keras.layers") and model of KerasSharp.Models (module
    // "keras"), by class name; TorchModule wraps arbitrary code and cannot be rebuilt.
    static readonly Dictionary<string, Type> LayerTypes =
        PublicSubclasses(typeof(Layer), "KerasSharp.Layers", StringComparer.Ordinal)
            .Concat(PublicSubclasses(typeof(Layer), "KerasSharp.Models", StringComparer.Ordinal))
            .Where(kv => kv.Value != typeof(TorchModule))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    // Layers whose config is not their constructor's arguments.
    static readonly Dictionary<Type, Func<ConfigReader, Layer>> SpecialFactories = new()
    {
        [typeof(Sequential)] = SequentialFromConfig,
        [typeof(InputLayer)] = InputLayerFromConfig,
    };

    // Keras options that KerasSharp's layers do not implement, accepted at these Keras defaults (a null value is
    // accepted for any key a constructor lacks: it is Keras's default for every optional object argument).
    static readonly Dictionary<string, object?> UnimplementedLayerDefaults = new(StringComparer.Ordinal)
    {
        ["sparse"] = false,
        ["ragged"] = false,
        ["optional"] = false,
        ["autocast"] = true,
    };

    /// <summary>The layer classes KerasSharp can rebuild from a config.</summary>
    internal static IEnumerable<string> LayerNames => LayerTypes.Keys.Order(StringComparer.Ordinal);

    /// <summary>
    /// Keras's module, class name and registered name for a layer: a KerasSharp layer as Keras writes its own
    /// ("keras.layers", "Dense", null), a registered user class as ("its namespace", "MyLayer", "package&gt;MyLayer"),
    /// and null for an unregistered user class or a TorchModule.
    /// </summary>
    internal static (string module, string className, string? registeredName)? KerasClassOf(Layer layer)
    {
        var type = layer.GetType();
        if (type == typeof(Functional)) return ("keras.src.models.functional", "Functional", "Functional"); // as Keras writes it
        if (LayerTypes.TryGetValue(type.Name, out var t) && t == type)
            return (type.Namespace == "KerasSharp.Models" ? "keras" : "keras.layers", type.Name, null);
        return ObjectRegistration.RegisteredName(type) is { } registered ? (type.Namespace ?? "", type.Name, registered) : null;
    }

    /// <summary>Rebuilds a layer (not yet built) from its class name and config.</summary>
    internal static Layer Layer(string className, string? registeredName, object? config)
    {
        var type = ObjectRegistration.Find(className, registeredName);
        if (type is null && (!LayerTypes.TryGetValue(className, out type) || IsCustom(className, registeredName)))
            throw UnknownLayer(registeredName ?? className);
        if (!typeof(Layer).IsAssignableFrom(type))
            throw new NotSupportedException($"The custom object registered for layer class '{registeredName ?? className}' is {type.FullName}, which is not a Layer.");
        var c = new ConfigReader(config, $"layer {className}");
        return SpecialFactories.TryGetValue(type, out var make) ? make(c) : LayerFromConfig(type, c);
    }

    static NotSupportedException UnknownLayer(string name) =>
        new($"Could not locate layer class '{name}': KerasSharp cannot rebuild it from a Keras config. {Utils.ClosestName.DidYouMean(name, LayerNames)}If it is your own class, register it with "
            + $"[RegisterKerasSerializable(package, name)] on the class or keras.saving.register_keras_serializable<T>(package, name), "
            + $"or pass it to load_model(path, custom_objects: new() {{ [\"{name}\"] = typeof(...) }}). Known layer classes: {string.Join(", ", LayerNames)}.");

    /// <summary>
    /// Keras's default <c>Layer.from_config</c>, <c>cls(**config)</c>: the public constructor called with the config's keys
    /// (a public static <c>from_config(Dictionary&lt;string, object?&gt;)</c> on the class wins, as a Keras override).
    /// <c>name</c>, <c>trainable</c> and <c>dtype</c> are applied by the base layer when the constructor lacks them.
    /// </summary>
    static Layer LayerFromConfig(Type type, ConfigReader c)
    {
        var name = c.String("name");
        var what = $"{type.Name} layer '{name}'";
        Layers.Layer.CheckDType(c.Raw("dtype"), name ?? type.Name);
        var custom = type.GetMethod("from_config", BindingFlags.Public | BindingFlags.Static, new[] { typeof(Dictionary<string, object?>) });
        if (custom is not null && typeof(Layer).IsAssignableFrom(custom.ReturnType))
        {
            try { return (Layer)custom.Invoke(null, new object?[] { new Dictionary<string, object?>(c.values) })!; }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw new InvalidDataException($"The config of {what} is invalid: {e.InnerException.Message}", e.InnerException);
            }
        }
        var layer = (Layer)Construct(type, c, what, ignored: new[] { "name", "trainable", "dtype" },
            atDefault: key => c.Raw(key) is null || (UnimplementedLayerDefaults.TryGetValue(key, out var d) && Equals(c.Raw(key), d)));
        var parameters = PublicConstructor(type).GetParameters().Select(p => p.Name).ToHashSet();
        if (name is not null && !parameters.Contains("name")) layer.rename(name);
        if (!parameters.Contains("trainable") && !c.Bool("trainable", true)) layer.trainable = false;
        return layer;
    }

    static Layer SequentialFromConfig(ConfigReader c)
    {
        var name = c.String("name") ?? throw new InvalidDataException("A Sequential model configuration must be a dictionary containing the 'name' and 'layers' keys.");
        Layers.Layer.CheckDType(c.Raw("dtype"), $"Sequential '{name}'");
        if (c.Raw("layers") is not List<object?> entries)
            throw new InvalidDataException($"A Sequential model configuration must be a dictionary containing the 'name' and 'layers' keys. Received a config without 'layers' for '{name}'.");
        var layers = entries.Select(Serialization.DeserializeLayer).ToList();
        var model = new Sequential(layers, name, dtype: Layers.Layer.DTypeName(c.Raw("dtype") ?? "float32"));
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
        // Integer inputs feed an Embedding (token ids), which casts them as Keras does; layers compute in float32.
        if (dtype is not null && Layers.Layer.DTypeName(dtype) is not ("float32" or "int32" or "int64"))
            throw new NotSupportedException($"{what} has dtype {PythonJson.Dumps(dtype)}; KerasSharp models are float32 only.");
        c.RequireDefault("sparse", false);
        c.RequireDefault("ragged", false);
        c.RequireDefault("optional", false);
        var batchShape = shape.Select(d => d is null ? (int?)null : checked((int)d.Value)).ToArray();
        return new InputLayer(batch_shape: batchShape, name: c.String("name"));
    }

    // ---- Constraints ----------------------------------------------------------------------------------------------

    static readonly Dictionary<string, Type> ConstraintTypes = PublicSubclasses(typeof(Constraint), "KerasSharp.Constraints", StringComparer.Ordinal);

    /// <summary>A constraint from its config (<c>{"class_name": "MaxNorm", "config": {...}}</c>), or null.</summary>
    internal static Constraint? Constraint(object? serialized, string owner)
    {
        if (serialized is null) return null;
        if (serialized is string s) return Constraints.Constraint.get(s);
        var (className, registeredName, config) = Split(serialized, $"constraint of {owner}");
        if (!ConstraintTypes.TryGetValue(className, out var type) || IsCustom(className, registeredName))
            throw new NotSupportedException(
                $"Could not locate constraint class '{registeredName ?? className}' ({owner}): KerasSharp cannot rebuild it from a Keras config. "
                + $"{Utils.ClosestName.DidYouMean(registeredName ?? className, ConstraintTypes.Keys)}Known constraint classes: {(ConstraintTypes.Count == 0 ? "none yet" : string.Join(", ", ConstraintTypes.Keys.Order(StringComparer.Ordinal)))}.");
        return (Constraint)Construct(type, new ConfigReader(config, $"constraint {className} of {owner}"), $"constraint {className} of {owner}", ignored: Array.Empty<string>());
    }

    // ---- Optimizers -----------------------------------------------------------------------------------------------

    static readonly Dictionary<string, Type> OptimizerTypes = PublicSubclasses(typeof(Optimizer), "KerasSharp.Optimizers", StringComparer.OrdinalIgnoreCase);

    /// <summary>The optimizer classes KerasSharp can rebuild.</summary>
    internal static IEnumerable<string> OptimizerNames => OptimizerTypes.Keys.Order(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="optimizer"/> is one of Keras's optimizers (not a user subclass).</summary>
    internal static bool IsKerasOptimizer(Optimizer optimizer) => OptimizerTypes.ContainsValue(optimizer.GetType());

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
        if (className == nameof(LossScaleOptimizer) && registeredName is null or nameof(LossScaleOptimizer)) return LossScale(config);
        // Keras's torch backend writes module "keras.src.backend.torch.optimizers.torch_adam" and registered_name "Adam".
        if (!OptimizerTypes.TryGetValue(className, out var type) || (registeredName is not null && registeredName != className))
            throw Unknown("optimizer", registeredName ?? className, OptimizerNames);
        var c = new ConfigReader(config, $"optimizer {className}");
        Optimizers.Schedules.LearningRateSchedule? schedule = null;
        if (c.Raw("learning_rate") is Dictionary<string, object?> serializedSchedule)
        {
            // Keras writes a schedule as the learning_rate's config: rebuild it, and the optimizer around a placeholder rate.
            schedule = Optimizers.Schedules.ScheduleRegistry.Deserialize(serializedSchedule, $"optimizer {className}");
            var rest = new Dictionary<string, object?>(c.values) { ["learning_rate"] = 0.001 };
            c = new ConfigReader(rest, $"optimizer {className}");
        }
        foreach (var (key, fallback) in UnsupportedOptimizerOptions) c.RequireDefault(key, fallback);
        var optimizer = (Optimizer)Construct(type, c, $"optimizer {className}",
            ignored: new[] { "use_ema", "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps" });
        if (schedule is not null) optimizer.use_schedule(schedule);
        else optimizer.learning_rate = OptimizerState.Float32Decimal(optimizer.learning_rate);
        return optimizer;
    }

    /// <summary>Keras's <c>LossScaleOptimizer.from_config</c>: the inner optimizer from its config, then the wrapper's options.</summary>
    static LossScaleOptimizer LossScale(object? config)
    {
        const string what = "optimizer LossScaleOptimizer";
        var c = new ConfigReader(config, what);
        if (!c.Bool("dynamic", true))
            throw new NotSupportedException("LossScaleOptimizer no longer supports `dynamic=False`. Instead, simply set `loss_scale_factor` directly on the `inner_optimizer`.");
        foreach (var (key, fallback) in UnsupportedOptimizerOptions) c.RequireDefault(key, fallback);
        foreach (var key in new[] { "weight_decay", "clipnorm", "global_clipnorm", "clipvalue" }) c.RequireDefault(key, null, "the wrapper does not use them");
        var inner = Optimizer(c.Raw("inner_optimizer") ?? throw new InvalidDataException($"{what}: the config has no `inner_optimizer`."));
        return new LossScaleOptimizer(inner, c.Double("initial_scale", 32768.0)!.Value, c.Int("dynamic_growth_steps", 2000)!.Value, c.String("name"));
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
        ["Orthogonal"] = c => new Orthogonal(c.Double("gain", 1.0)!.Value, c.Int("seed")),
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
                $"Could not interpret activation function identifier: '{name}' (the activation of {owner}). {Utils.ClosestName.DidYouMean(name, ActivationFunction.names)}Known activations: {string.Join(", ", ActivationFunction.names.Order(StringComparer.Ordinal))}.");
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
    static object Construct(Type type, ConfigReader config, string what, IEnumerable<string> ignored, Func<string, bool>? atDefault = null)
    {
        var ctor = PublicConstructor(type);
        var parameters = ctor.GetParameters();
        var names = parameters.Select(p => p.Name!).ToHashSet(StringComparer.Ordinal);
        var skip = ignored.ToHashSet(StringComparer.Ordinal);
        foreach (var key in config.values.Keys)
            if (!names.Contains(key) && !skip.Contains(key) && atDefault?.Invoke(key) != true)
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
        var raw = c.Raw(key);
        var owner = $"`{key}` of {what}";
        if (t == typeof(ActivationFunction)) return Activation(raw, owner); // null is "linear"
        if (raw is null)
            return nullable ? null : throw new InvalidDataException($"The config of {what} has `{key}`=null; a value is required.");
        if (t == typeof(double)) return c.Double(key);
        if (t == typeof(Optimizers.LearningRate)) return (Optimizers.LearningRate)(c.Double(key) ?? 0.001);
        if (t == typeof(float)) return (float?)c.Double(key);
        if (t == typeof(int)) return c.Int(key);
        if (t == typeof(long)) return c.Long(key);
        if (t == typeof(bool)) return c.Bool(key, false);
        if (t == typeof(string)) return key == "dtype" && raw is Dictionary<string, object?> policy ? Layers.Layer.DTypeName(policy) : c.String(key);
        if (t.IsEnum)
        {
            var text = c.String(key)!;
            var value = Enum.GetNames(t).FirstOrDefault(n => string.Equals(n.Replace("_", ""), text.Replace("_", ""), StringComparison.OrdinalIgnoreCase));
            return value is not null ? Enum.Parse(t, value)
                : throw new InvalidDataException($"The config of {what} has `{key}`={PythonJson.Dumps(raw)}; expected one of {string.Join(", ", Enum.GetNames(t))}.");
        }
        if (t.IsArray && (t.GetElementType() is var e) && (e == typeof(int) || e == typeof(long) || e == typeof(int?) || e == typeof(long?)))
        {
            var shape = raw is long single ? new long?[] { single } : c.Shape(key)!; // Keras accepts an int for a 1-tuple
            var array = Array.CreateInstance(e!, shape.Length);
            for (int i = 0; i < shape.Length; i++)
            {
                if (shape[i] is null && Nullable.GetUnderlyingType(e!) is null)
                    throw new InvalidDataException($"The config of {what} has `{key}`={PythonJson.Dumps(raw)}; every entry must be an integer.");
                object? v = shape[i] is not { } l ? null : e == typeof(int) || e == typeof(int?) ? (object)checked((int)l) : l;
                array.SetValue(v, i);
            }
            return array;
        }
        if (t == typeof(IntTuple)) // Keras's int-or-tuple arguments (kernel_size, strides, pool_size, ...)
            return raw is long one ? new IntTuple(checked((int)one))
                : new IntTuple(c.Shape(key)!.Select(d => d is { } v ? checked((int)v) : throw new InvalidDataException($"The config of {what} has `{key}`={PythonJson.Dumps(raw)}; every entry must be an integer.")).ToArray());
        if (t == typeof(FloatRange)) return FloatRange.FromJson(raw, owner); // Keras's number-or-pair factors
        if (t == typeof(double[])) return Doubles(raw, owner); // Normalization's mean / variance: a number or nested lists
        if (t == typeof(IntPairs)) return IntPairs.FromConfig(raw, owner); // padding / cropping: an int or per-axis ints and pairs
        if (t == typeof(Initializer)) return Initializer(raw, owner);
        if (t == typeof(Regularizer)) return Regularizer(raw, owner);
        if (t == typeof(Constraint)) return Constraint(raw, owner);
        if (typeof(Layer).IsAssignableFrom(t))
        {
            var layer = Serialization.DeserializeLayer(raw);
            return t.IsInstanceOfType(layer) ? layer
                : throw new InvalidDataException($"The config of {what} has `{key}` describing a {layer.GetType().Name}; expected a {t.Name}.");
        }
        throw new NotSupportedException($"The config of {what} sets `{key}`, whose type {t.Name} cannot be read from JSON.");
    }

    /// <summary>A number or (nested) lists of numbers, flattened in row-major order.</summary>
    static double[] Doubles(object? raw, string owner)
    {
        var values = new List<double>();
        void Walk(object? v)
        {
            if (v is List<object?> list) foreach (var e in list) Walk(e);
            else if (v is double d) values.Add(d);
            else if (v is long l) values.Add(l);
            else throw new InvalidDataException($"{owner} must be a number or lists of numbers; found {PythonJson.Dumps(v)}.");
        }
        Walk(raw);
        return values.ToArray();
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
        new($"Could not locate {kind} class '{className}': KerasSharp cannot rebuild it from a Keras config. {Utils.ClosestName.DidYouMean(className, known)}Known {kind} classes: {string.Join(", ", known)}.");
}
