using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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
/// Keras's object configs (Keras: <c>serialize_keras_object</c> / <c>deserialize_keras_object</c>, keras/src/saving/
/// serialization_lib.py). An object is written as <c>{"module", "class_name", "config", "registered_name"}</c>, a
/// layer adds <c>"build_config": {"input_shape": [...]}</c> once built, the model adds <c>"compile_config"</c> once
/// compiled. Keys are in Keras's order so config.json matches Keras's text. Inside a model the one float32
/// DTypePolicy every layer shares carries a <c>"shared_object_id"</c>, as Keras's <c>ObjectSharingScope</c> writes it
/// (the number is arbitrary: Keras uses the policy's Python <c>id()</c>).
/// </summary>
internal static class Serialization
{
    /// <summary>The <c>shared_object_id</c> of the float32 DTypePolicy in configs written here.</summary>
    internal const long SharedDTypePolicyId = 140234567890112;

    /// <summary><c>{"module", "class_name", "config", "registered_name"}</c>.</summary>
    internal static Dictionary<string, object?> KerasObject(string module, string className, object? config, string? registeredName = null) => new()
    {
        ["module"] = module,
        ["class_name"] = className,
        ["config"] = config,
        ["registered_name"] = registeredName,
    };

    /// <summary>Keras's <c>dtype_policies.serialize(DTypePolicy(name))</c>.</summary>
    internal static Dictionary<string, object?> DTypePolicy(string name = "float32") =>
        KerasObject("keras", "DTypePolicy", new Dictionary<string, object?> { ["name"] = name });

    /// <summary>Keras's <c>initializers.serialize</c>.</summary>
    internal static Dictionary<string, object?> Initializer(Initializer initializer) =>
        KerasObject("keras.initializers", initializer.class_name, initializer.get_config());

    /// <summary>Keras's <c>regularizers.serialize</c> (null stays null).</summary>
    internal static Dictionary<string, object?>? Regularizer(Regularizer? regularizer) =>
        regularizer is null ? null : KerasObject("keras.regularizers", regularizer.GetType().Name, regularizer.get_config());

    /// <summary>Keras's <c>constraints.serialize</c> (null stays null).</summary>
    internal static Dictionary<string, object?>? Constraint(Constraints.Constraint? constraint) =>
        constraint is null ? null : KerasObject("keras.constraints", constraint.class_name, constraint.get_config());

    /// <summary>A shape as a JSON list (null for unknown dimensions).</summary>
    internal static List<object?> Shape(IEnumerable<long?> shape) => shape.Select(d => (object?)d).ToList();

    // ---- Writing --------------------------------------------------------------------------------------------------

    /// <summary>
    /// <c>serialize_keras_object(layer)</c>. A KerasSharp layer is written as Keras writes its own (module
    /// "keras.layers"), a registered user class with its registered name "package&gt;Name"; an unregistered user class
    /// with its class name as registered name, as Keras writes one, so loading it asks for a registration.
    /// </summary>
    internal static Dictionary<string, object?> Layer(Layer layer)
    {
        var type = layer.GetType();
        var (module, className, registeredName) = ClassRegistry.KerasClassOf(layer) ?? (type.Namespace ?? "", type.Name, type.Name);
        var d = KerasObject(module, className, layer.get_config(), registeredName);
        if (layer is Functional)
        {
            // Keras writes a functional model's build input shape as None (it is built from its graph).
            d["build_config"] = new Dictionary<string, object?> { ["input_shape"] = null };
            d["compile_config"] = new Dictionary<string, object?>();
        }
        else if (layer is Merge { build_input_shapes: { } shapes })
            d["build_config"] = new Dictionary<string, object?> { ["input_shape"] = shapes.Select(s => (object?)Shape(s)).ToList() };
        else if (layer is not InputLayer && layer.built && layer.build_config_shape is { } shape)
            d["build_config"] = new Dictionary<string, object?> { ["input_shape"] = Shape(shape) };
        return d;
    }

    /// <summary>What config.json holds: the model's config with its compile config and shared dtype policy.</summary>
    internal static Dictionary<string, object?> Model(Model model)
    {
        var d = Layer(model);
        if (model.compiled) d["compile_config"] = CompileConfig(model);
        ShareDTypePolicies(d);
        return d;
    }

    static void ShareDTypePolicies(object root)
    {
        var policies = new List<Dictionary<string, object?>>();
        void Visit(object? node)
        {
            if (node is Dictionary<string, object?> d)
            {
                if (d.GetValueOrDefault("class_name") as string == "DTypePolicy" && d.GetValueOrDefault("module") as string == "keras") policies.Add(d);
                foreach (var v in d.Values) Visit(v);
            }
            else if (node is List<object?> list) foreach (var v in list) Visit(v);
        }
        Visit(root);
        // One id per policy name (Keras shares the global policy object; layers given their own dtype get their own).
        foreach (var group in policies.GroupBy(p => Layers.Layer.DTypeName(p)).Where(g => g.Count() >= 2))
        {
            long id = group.Key == "float32" ? SharedDTypePolicyId : SharedDTypePolicyId + 16 * (1 + Array.IndexOf(DTypePolicies.DTypePolicy.names.ToArray(), group.Key));
            foreach (var p in group) p["shared_object_id"] = id;
        }
    }

    /// <summary>Keras's compile config: the optimizer's config, the loss and metrics by name (objects when they differ from the named default).</summary>
    internal static Dictionary<string, object?> CompileConfig(Model model)
    {
        var weight = model.compiled_loss_weight ?? 1.0;
        return new Dictionary<string, object?>
        {
            // Keras keeps the optimizer given to compile: the one inside the LossScaleOptimizer compile made.
            ["optimizer"] = Optimizer(model.optimizer is LossScaleOptimizer { wrapped_by_compile: true } wrapped ? wrapped.inner_optimizer : model.optimizer!),
            ["loss"] = Loss(model.loss!),
            ["loss_weights"] = weight == 1.0 ? null : new List<object?> { weight },
            ["metrics"] = model.metrics.Count == 0 ? null : model.metrics.Select(Metric).ToList(),
            ["weighted_metrics"] = null,
            ["run_eagerly"] = false,
            ["steps_per_execution"] = 1,
            ["jit_compile"] = false,
        };
    }

    /// <summary>
    /// An optimizer as Keras's torch backend writes it: module <c>keras.src.backend.torch.optimizers.torch_adam</c>,
    /// registered name <c>Adam</c>, and the base options Keras always lists (use_ema, ema_momentum, ...).
    /// </summary>
    internal static Dictionary<string, object?> Optimizer(Optimizer optimizer)
    {
        var own = optimizer.get_config();
        var config = new Dictionary<string, object?>();
        bool lossScale = optimizer is LossScaleOptimizer; // Keras's LossScaleOptimizer config has no learning_rate
        foreach (var key in new[] { "name", "learning_rate", "weight_decay", "clipnorm", "global_clipnorm", "clipvalue" })
            if (!(lossScale && key == "learning_rate")) config[key] = own.GetValueOrDefault(key);
        config["use_ema"] = own.GetValueOrDefault("use_ema", false);
        config["ema_momentum"] = own.GetValueOrDefault("ema_momentum", 0.99);
        config["ema_overwrite_frequency"] = own.GetValueOrDefault("ema_overwrite_frequency");
        config["loss_scale_factor"] = null;
        config["gradient_accumulation_steps"] = null;
        foreach (var (key, value) in own)
            if (!config.ContainsKey(key)) config[key] = value;
        var type = optimizer.GetType();
        if (lossScale) return KerasObject("keras.optimizers", type.Name, config, null);
        return ClassRegistry.IsKerasOptimizer(optimizer)
            ? KerasObject($"keras.src.backend.torch.optimizers.torch_{type.Name.ToLowerInvariant()}", type.Name, config, type.Name)
            : KerasObject(type.Namespace ?? "", type.Name, config, "KerasSharp>" + type.Name);
    }

    /// <summary>A loss by its Keras name when it is that name's default object, else as a config.</summary>
    internal static object Loss(Loss loss)
    {
        if (loss is LossFunctionWrapper) return loss.name; // a function: by name, as Keras writes functions
        if (SameAsNamed(loss, loss.name, n => Losses.Loss.get(n))) return loss.name;
        return KerasObject("keras.losses", loss.GetType().Name, KerasOrder(ClassRegistry.ReflectedConfig(loss), "name", "reduction"));
    }

    /// <summary>Keras's key order: the base class's keys first (Loss: name, reduction; Metric: name, dtype), then the rest.</summary>
    static Dictionary<string, object?> KerasOrder(Dictionary<string, object?> config, params string[] first)
    {
        var ordered = new Dictionary<string, object?>();
        foreach (var key in first)
            if (config.TryGetValue(key, out var v)) ordered[key] = v;
        foreach (var (key, v) in config)
            if (!ordered.ContainsKey(key)) ordered[key] = v;
        return ordered;
    }

    /// <summary>A metric by its Keras name (compile renames duplicates "acc_1": the name given is written) or as a config.</summary>
    internal static object Metric(Metric metric)
    {
        if (SameAsNamed(metric, metric.name, n => Metrics.Metric.get(n))) return metric.name;
        var cut = metric.name.LastIndexOf('_');
        if (cut > 0 && int.TryParse(metric.name[(cut + 1)..], out _) && SameAsNamed(metric, metric.name[..cut], n => Metrics.Metric.get(n), ignoreName: true))
            return metric.name[..cut];
        var config = ClassRegistry.ReflectedConfig(metric);
        config["dtype"] = "float32";
        return KerasObject("keras.metrics", metric.GetType().Name, KerasOrder(config, "name", "dtype"));
    }

    static bool SameAsNamed<T>(T obj, string name, Func<string, T> get, bool ignoreName = false) where T : class
    {
        T named;
        try { named = get(name); }
        catch (ArgumentException) { return false; }
        if (named.GetType() != obj.GetType()) return false;
        var a = ClassRegistry.ReflectedConfig(obj);
        var b = ClassRegistry.ReflectedConfig(named);
        if (ignoreName) { a.Remove("name"); b.Remove("name"); }
        return PythonJson.Dumps(a) == PythonJson.Dumps(b);
    }

    /// <summary>
    /// Refuses what <c>load_model</c> could not rebuild, before anything is written: models other than Sequential, a
    /// TorchModule (arbitrary TorchSharp code), and any layer whose <c>get_config()</c> does not rebuild an equal layer
    /// (custom activations, initializers, regularizers or constraints): each layer's config is read back as
    /// <c>load_model</c> would read it. Unregistered user layers are written (they load with <c>custom_objects</c>).
    /// </summary>
    internal static void CheckRebuildable(Model model)
    {
        if (model is not (Sequential or Functional) || ClassRegistry.KerasClassOf(model) is null)
            throw new NotSupportedException(
                $"Model '{model.name}' is a {model.GetType().Name}: model.save() writes Sequential and functional models only, whose config KerasSharp can rebuild. "
                + "Use save_weights(\"...weights.h5\") and rebuild the model in code.");
        var pending = new Stack<(Layer layer, string owner)>(model.layers.Reverse().Select(l => (l, model.name)));
        while (pending.Count > 0)
        {
            var (layer, owner) = pending.Pop();
            if (layer is Model inner && (inner.GetType() == typeof(Functional) || ClassRegistry.KerasClassOf(inner) is { registeredName: null }))
            {
                foreach (var l in inner.layers.Reverse()) pending.Push((l, inner.name));
                continue;
            }
            CheckLayer(layer, owner);
        }
    }

    static void CheckLayer(Layer layer, string modelName)
    {
        if (layer is TorchModule)
            throw new NotSupportedException(
                $"Layer '{layer.name}' ({layer.class_name}) of model '{modelName}' wraps an arbitrary TorchSharp module, which cannot be rebuilt from a config, "
                + "so model.save() cannot write it to a .keras archive. Save the weights with model.save_weights(\"....weights.h5\") (they are written in the module's own layout) "
                + "and rebuild the model in code before load_weights.");
        foreach (var property in layer.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
            if (property.PropertyType == typeof(ActivationFunction) && property.GetIndexParameters().Length == 0
                && property.GetValue(layer) is ActivationFunction activation
                && (!ActivationFunction.names.Contains(activation.name) || !ReferenceEquals(ActivationFunction.get(activation.name), activation)))
                throw new NotSupportedException(
                    $"Layer '{layer.name}' uses the custom activation '{activation.name}', which cannot be rebuilt from a config; model.save() writes activations by Keras name only. "
                    + "Use model.save_weights(\"....weights.h5\") instead.");
        if (ClassRegistry.KerasClassOf(layer) is null) return; // an unregistered user class: load_model needs custom_objects
        var config = PythonJson.Loads(PythonJson.Dumps(Layer(layer)));
        Layer? rebuilt = null;
        try
        {
            var (className, registeredName, inner) = ClassRegistry.Split(config, "layer");
            if (inner is Dictionary<string, object?> d) d.Remove("build_config");
            rebuilt = ClassRegistry.Layer(className, registeredName, inner);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidDataException or ArgumentException)
        {
            throw new NotSupportedException(
                $"Layer '{layer.name}' ({layer.class_name}) of model '{modelName}' cannot be rebuilt from its config, so model.save() would write a file load_model cannot read: {e.Message} "
                + "Use model.save_weights(\"....weights.h5\") instead.", e);
        }
        finally
        {
            rebuilt?.Dispose();
        }
    }

    // ---- Reading --------------------------------------------------------------------------------------------------

    /// <summary><c>deserialize_keras_object</c> for a layer entry: rebuilt from its config, then built from its build_config.</summary>
    internal static Layer DeserializeLayer(object? entry)
    {
        var (className, registeredName, config) = ClassRegistry.Split(entry, "layer");
        var layer = ClassRegistry.Layer(className, registeredName, config);
        var d = (Dictionary<string, object?>)entry!;
        // A layer called on a list (a merge layer) is built by the call that a functional config replays.
        if (!layer.built && layer is not Ops.IMultiTensorLayer && d.GetValueOrDefault("build_config") is Dictionary<string, object?> build)
        {
            var shape = new ConfigReader(build, $"build_config of layer '{layer.name}'").Shape("input_shape");
            if (shape is not null)
            {
                if (layer is Model m) m.build_model(shape);
                else layer.ensure_built(shape);
            }
        }
        return layer;
    }

    /// <summary>The model of a config.json, compiled again from its compile_config when <paramref name="compile"/>.</summary>
    internal static Model DeserializeModel(object? root, bool compile, string source)
    {
        var layer = DeserializeLayer(root);
        if (layer is not Model model)
            throw new InvalidDataException($"config.json of '{source}' describes a {layer.GetType().Name}, not a model.");
        var compileConfig = ((Dictionary<string, object?>)root!).GetValueOrDefault("compile_config");
        if (compileConfig is not null and not Dictionary<string, object?>)
            throw new InvalidDataException($"config.json of '{source}' has a compile_config that is not a JSON object: {ConfigReader.Describe(compileConfig)}.");
        if (compile && compileConfig is Dictionary<string, object?> { Count: > 0 } cc)
            CompileFromConfig(model, cc, source);
        return model;
    }

    /// <summary>Keras's <c>compile_from_config</c>: the optimizer from its config, the loss and metrics from their names or configs.</summary>
    static void CompileFromConfig(Model model, Dictionary<string, object?> config, string source)
    {
        var c = new ConfigReader(config, "compile_config");
        c.RequireDefault("weighted_metrics", null, "weighted metrics are not implemented");
        var lossConfig = c.Raw("loss");
        if (lossConfig is null)
        {
            WeightsFile.Warn($"'{source}' was compiled without a loss; the model is loaded uncompiled.");
            return;
        }
        if (lossConfig is List<object?> || (lossConfig is Dictionary<string, object?> ld && !ld.ContainsKey("class_name")))
            throw new NotSupportedException($"'{source}' was compiled with one loss per output ({PythonJson.Dumps(lossConfig)}); KerasSharp models have a single output.");
        try
        {
            var optimizer = c.Raw("optimizer") is { } o ? ClassRegistry.Optimizer(o) : new RMSprop();
            var loss = ClassRegistry.Loss(lossConfig);
            List<Metric>? metrics = c.Raw("metrics") switch
            {
                null => null,
                List<object?> list when list.All(m => m is not List<object?>) => list.Select(ClassRegistry.Metric).ToList(),
                var other => throw new NotSupportedException($"'{source}' was compiled with metrics {PythonJson.Dumps(other)}; KerasSharp expects a flat list of metrics for its single output."),
            };
            List<double>? lossWeights = c.Raw("loss_weights") switch
            {
                null => null,
                List<object?> list => list.Select(w => w switch
                {
                    long l => (double)l,
                    double d => d,
                    _ => throw new InvalidDataException($"compile_config: loss_weights must be numbers; found {PythonJson.Dumps(list)}."),
                }).ToList(),
                double d => new List<double> { d },
                long l => new List<double> { l },
                var other => throw new NotSupportedException($"compile_config: loss_weights {PythonJson.Dumps(other)} is not supported for a single-output model."),
            };
            model.compile(optimizer, loss, metrics, lossWeights);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new NotSupportedException(
                $"'{source}' cannot be compiled again from its compile_config: {e.Message} Load it with load_model(path, compile: false) and call compile() yourself.", e);
        }
    }
}
