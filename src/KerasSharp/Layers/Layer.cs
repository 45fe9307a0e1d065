using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Backend;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The base of every layer (Keras: <c>keras.layers.Layer</c>), and a TorchSharp module underneath: its weights are
/// registered parameters (trainable) or buffers (non-trainable state), so <c>parameters()</c>, <c>state_dict()</c> and
/// <c>to(device)</c> work as on any <see cref="nn.Module"/>.
/// </summary>
/// <remarks>
/// <para>How to write a layer (one file in <c>Layers/</c>, plus one factory line in <c>keras/keras.layers.cs</c>; nothing
/// else to register):</para>
/// <list type="number">
/// <item>A public class deriving from <see cref="Layer"/>, named as Keras names it (<c>Flatten</c>): its class name is
/// the Keras <c>class_name</c> in configs, <c>.keras</c> files and <c>summary()</c>, found by reflection.</item>
/// <item>One public constructor whose parameters are Keras's arguments with Keras's names and defaults, ending with
/// the base arguments <c>string? name = null, string? dtype = null, bool trainable = true, int[]? input_shape = null,
/// int? input_dim = null, int? batch_size = null</c> passed to the base constructor (which handles them for every
/// layer; a Sequential turns a first layer's <c>input_shape</c> into an InputLayer). The generic <c>from_config</c>
/// calls this constructor with the config's keys (numbers, booleans, strings, shapes, enums, initializers,
/// regularizers, constraints, activations and nested layers are converted).</item>
/// <item><see cref="get_config"/>: <c>base.get_config()</c> plus the constructor's arguments under the same names, in
/// Keras's key order, with Keras objects serialized (<c>Saving.Serialization.Initializer(...)</c>, activation names).</item>
/// <item><see cref="call(Tensor, bool)"/> for the computation (<c>training</c> is true inside <c>fit</c>: Dropout-like
/// layers read it), <see cref="compute_output_shape"/> for the shape in Keras's layout (batch first, channels last), and
/// <see cref="build"/> when the layer has weights: create them with <see cref="add_weight"/> (<c>trainable: false</c>
/// for state such as moving statistics, saved and counted as non-trainable).</item>
/// </list>
/// <para>A layer written outside KerasSharp follows the same recipe and is registered for loading with
/// <see cref="Saving.RegisterKerasSerializableAttribute"/> or <c>keras.saving.register_keras_serializable</c>, or passed
/// to <c>load_model(path, custom_objects: ...)</c>.</para>
/// </remarks>
public abstract partial class Layer : nn.Module<Tensor, Tensor>
{
    readonly List<Variable> _variables = new();
    readonly List<Layer> _sublayers = new();
    string _name;
    [ThreadStatic] static int _callDepth;
    bool _trainable = true;

    /// <summary>
    /// Keras's base arguments (Keras: <c>Layer.__init__</c>): <paramref name="name"/> (else automatic from the class:
    /// dense, dense_1, ...), <paramref name="trainable"/>, <paramref name="dtype"/> ("float32" or null; KerasSharp computes
    /// in float32), the <paramref name="activity_regularizer"/>, and the input shape a Sequential gives its first layer
    /// (<paramref name="input_shape"/> or <paramref name="input_dim"/>, with <paramref name="batch_size"/>).
    /// </summary>
    protected Layer(string? name = null, bool trainable = true, Regularizer? activity_regularizer = null, string? dtype = null,
        int[]? input_shape = null, int? input_dim = null, int? batch_size = null)
        : base(TorchRuntime.ModuleName("layer"))
    {
        if (name is not null && (name.Length == 0 || name.Contains('/') || name.Contains('.')))
            throw new ArgumentException($"Invalid layer name '{name}': names must be non-empty and cannot contain '/' or '.'.", nameof(name));
        _dtypePolicy = PolicyOf(dtype, name ?? GetType().Name);
        if (input_shape is not null && input_dim is not null)
            throw new ArgumentException("Pass either `input_shape` or `input_dim`, not both.", nameof(input_dim));
        if (input_dim is <= 0)
            throw new ArgumentException($"Received an invalid value for `input_dim`, expected a positive integer. Received: input_dim={input_dim}", nameof(input_dim));
        if (batch_size is <= 0)
            throw new ArgumentException($"Received an invalid value for `batch_size`: expected a positive integer. Received: batch_size={batch_size}", nameof(batch_size));
        if (input_shape is not null && input_shape.Any(d => d <= 0))
            throw new ArgumentException($"Received an invalid `input_shape` ({string.Join(", ", input_shape)}): every dimension must be a positive integer.", nameof(input_shape));
        _name = name ?? Naming.AutoName(GetType().Name);
        base.name = _name;
        _trainable = trainable;
        this.activity_regularizer = activity_regularizer;
        input_shape_arg = input_shape is not null ? (int[])input_shape.Clone() : input_dim is { } d ? new[] { d } : null;
        batch_size_arg = batch_size;
    }

    /// <summary>The <c>input_shape</c>/<c>input_dim</c> given to the constructor (Keras: <c>_input_shape_arg</c>), or null.</summary>
    internal int[]? input_shape_arg { get; }

    /// <summary>The <c>batch_size</c> given to the constructor with <see cref="input_shape_arg"/>, or null.</summary>
    internal int? batch_size_arg { get; }

    /// <summary>
    /// The one place dtypes are checked: a dtype is null, a policy name KerasSharp implements ("float32",
    /// "mixed_bfloat16", "mixed_float16", "bfloat16", "float16"), or a DTypePolicy config with such a name (Keras:
    /// <c>dtype_policies.get(dtype)</c>).
    /// </summary>
    internal static void CheckDType(object? dtype, string what) => PolicyOf(dtype, what);
    /// <summary>The dtype name of "float32" or of <c>{"class_name": "DTypePolicy", "config": {"name": "float32"}}</c>, else null.</summary>
    internal static string? DTypeName(object dtype) => dtype switch
    {
        string s => s,
        Dictionary<string, object?> d when d.GetValueOrDefault("config") is Dictionary<string, object?> cfg => cfg.GetValueOrDefault("name") as string,
        _ => null,
    };

    /// <summary>Renames a layer rebuilt from a config whose constructor takes no <c>name</c>.</summary>
    internal void rename(string name)
    {
        if (name.Length == 0 || name.Contains('/') || name.Contains('.'))
            throw new ArgumentException($"Invalid layer name '{name}': names must be non-empty and cannot contain '/' or '.'.", nameof(name));
        _name = name;
        base.name = name;
    }

    /// <summary>The layer's name, unique among the layers of a model.</summary>
    public new string name => _name;

    /// <summary>Whether <see cref="build"/> has run.</summary>
    public bool built { get; private set; }

    /// <summary>The input shape the layer was built for, batch dimension first (null = any), or null before building.</summary>
    public long?[]? input_shape { get; private set; }

    /// <summary>The input shape Keras's <c>get_build_config()</c> writes ("build_config"): <see cref="input_shape"/> unless a layer keeps its own.</summary>
    internal virtual long?[]? build_config_shape => input_shape;

    /// <summary>The output shape for <see cref="input_shape"/>, or null before building.</summary>
    public long?[]? output_shape => input_shape is null ? null : compute_output_shape(input_shape);

    /// <summary>A penalty on the layer's output, added to the loss during training.</summary>
    public Regularizer? activity_regularizer { get; }

    /// <summary>
    /// Whether the layer's weights are trained. Setting it to false freezes them (and those of sub-layers): they stop
    /// receiving gradients and count as non-trainable. Recompile (or fit again) after changing it.
    /// </summary>
    public virtual bool trainable
    {
        get => _trainable;
        set
        {
            _trainable = value;
            foreach (var v in _variables.Where(v => v.trainable))
                v.value.requires_grad = value;
            foreach (var l in _sublayers) l.trainable = value;
        }
    }

    /// <summary>Creates the layer's weights for <paramref name="input_shape"/> (batch dimension first). Called once.</summary>
    public virtual void build(long?[] input_shape) { }

    /// <summary>The computation. <paramref name="training"/> is true inside <c>fit</c> and false in <c>evaluate</c>/<c>predict</c>.</summary>
    public abstract Tensor call(Tensor inputs, bool training);

    /// <summary>The output shape for an input shape (batch dimension first; null entries are unknown).</summary>
    public virtual long?[] compute_output_shape(long?[] input_shape) => input_shape;

    /// <summary>
    /// The shapes of all outputs, shown in <c>summary()</c>. A layer with several outputs (recurrent layers returning
    /// sequences and states) overrides it; single-output layers need not.
    /// </summary>
    public virtual IReadOnlyList<long?[]> compute_output_shapes(long?[] input_shape) => new[] { compute_output_shape(input_shape) };

    /// <summary>
    /// The layer's arguments (Keras: <c>get_config()</c>), enough to build an equal, untrained layer: name, trainable,
    /// the dtype policy as Keras serializes it (<c>{"module": "keras", "class_name": "DTypePolicy", ...}</c>), the
    /// activity regularizer when there is one, then the subclass's arguments, in Keras's key order.
    /// </summary>
    public virtual Dictionary<string, object?> get_config()
    {
        var config = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["trainable"] = trainable,
            ["dtype"] = Saving.Serialization.DTypePolicy(dtype_policy.name),
        };
        if (activity_regularizer is not null) config["activity_regularizer"] = Saving.Serialization.Regularizer(activity_regularizer);
        return config;
    }

    /// <summary>TorchSharp's entry point: runs <see cref="call(Tensor, bool)"/> in the module's training mode, building first if needed.</summary>
    public override Tensor forward(Tensor input) => invoke(input, training);

    /// <summary>
    /// Builds if needed, runs <c>call</c>, and records the activity penalty divided by the batch size, in training and
    /// inference alike (Keras 3.14+, <c>Layer.__call__</c>; evaluate's loss includes it).
    /// </summary>
    internal Tensor invoke(Tensor input, bool isTraining) => invoke(input, null, isTraining);

    /// <summary>As <see cref="invoke(Tensor, bool)"/>, with the input's mask when there is one.</summary>
    internal Tensor invoke(Tensor input, Tensor? mask, bool isTraining)
    {
        if (!built) ensure_built(ShapeOf(input, batchUnknown: true));
        if (_callDepth == 0) clear_activity_losses();
        Tensor output;
        _callDepth++;
        using var autocast = DTypePolicies.AutocastScope.Enter(dtype_policy);
        input = cast_input(input);
        try { output = mask is null ? call(input, isTraining) : call(input, mask, isTraining); }
        finally { _callDepth--; }
        if (activity_regularizer is not null)
        {
            var penalty = activity_regularizer.call(output);
            if (output.dim() > 0) penalty = output.shape[0] == 0 ? zeros_like(penalty) : penalty.div(output.shape[0]);
            _activityLosses.Add(penalty);
        }
        return output;
    }

    /// <summary>
    /// As <see cref="invoke(Tensor, Tensor, bool)"/> for a layer with several outputs (a recurrent layer with
    /// <c>return_state</c>): all of them, the activity penalty taken on the first, as Keras's <c>Layer.__call__</c> does.
    /// </summary>
    internal Tensor[] invoke_outputs(Tensor input, Tensor? mask, bool isTraining)
    {
        if (!built) ensure_built(ShapeOf(input, batchUnknown: true));
        if (_callDepth == 0) clear_activity_losses();
        Tensor[] outputs;
        _callDepth++;
        using (DTypePolicies.AutocastScope.Enter(dtype_policy))
        {
            input = cast_input(input);
            try { outputs = call_outputs(input, mask, isTraining); }
            finally { _callDepth--; }
        }
        if (activity_regularizer is not null && outputs.Length > 0)
        {
            var penalty = activity_regularizer.call(outputs[0]);
            if (outputs[0].dim() > 0) penalty = outputs[0].shape[0] == 0 ? zeros_like(penalty) : penalty.div(outputs[0].shape[0]);
            _activityLosses.Add(penalty);
        }
        return outputs;
    }

    readonly List<Tensor> _activityLosses = new();

    /// <summary>
    /// The losses of the last call (Keras: <c>layer.losses</c>): the activity penalties recorded by this layer and its
    /// sub-layers during their last top-level call (each top-level call clears them first), then the penalties of the
    /// regularized trainable weights, computed now. A hand-written training loop adds their sum to its loss;
    /// <c>fit</c> and <c>evaluate</c> add them themselves.
    /// </summary>
    public IReadOnlyList<Tensor> losses =>
        activity_losses.Concat(trainable_weights.Where(v => v.regularizer is not null).Select(v => v.regularizer!.call(v.value))).ToList();

    /// <summary>Activity penalties recorded by the last call of this layer and its sub-layers.</summary>
    internal IEnumerable<Tensor> activity_losses => _activityLosses.Concat(_sublayers.SelectMany(l => l.activity_losses));

    internal void clear_activity_losses()
    {
        _activityLosses.Clear();
        foreach (var l in _sublayers) l.clear_activity_losses();
    }

    /// <summary>Builds the layer for <paramref name="shape"/> unless already built.</summary>
    internal void ensure_built(long?[] shape)
    {
        if (built) return;
        build(shape);
        input_shape = (long?[])shape.Clone();
        built = true;
        // Weights are created on the CPU; a layer already moved to another device follows it now.
        if (_deviceType != DeviceType.CPU) _toEpilog(null, new Device(_deviceType, _deviceIndex), false);
    }

    /// <summary>Marks the layer built without calling <see cref="build"/> (layers that build their children themselves).</summary>
    protected void mark_built(long?[] shape)
    {
        input_shape = (long?[])shape.Clone();
        built = true;
    }

    /// <summary>
    /// Creates a weight (Keras: <c>add_weight</c>): a trainable parameter, or with <paramref name="trainable"/> false a
    /// buffer that is saved and counted but not trained. Call it from <see cref="build"/>.
    /// </summary>
    /// <remarks><paramref name="dtype"/> overrides the policy's variable dtype (Keras: <c>add_weight(dtype=...)</c>, e.g. an int32 counter).</remarks>
    protected Variable add_weight(string name, long[] shape, Initializer? initializer = null, Regularizer? regularizer = null, bool trainable = true, Constraints.Constraint? constraint = null, ScalarType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (_variables.Any(v => v.name == name))
            throw new InvalidOperationException($"Layer '{this.name}' already has a weight named '{name}'.");
        initializer ??= trainable ? VarianceScaling.GlorotUniform() : new Zeros();
        Tensor value;
        using (no_grad())
        {
            // The initializer's temporaries are freed here; only the weight itself outlives this scope.
            using var scope = NewDisposeScope();
            var init = initializer.call_for(this.name, name, shape);
            if (!init.shape.SequenceEqual(shape))
                throw new InvalidOperationException($"Initializer {initializer.class_name} returned shape ({string.Join(", ", init.shape)}) for weight '{name}' of shape ({string.Join(", ", shape)}).");
            init = init.to_type(dtype ?? dtype_policy.variable_type);
            if (trainable)
            {
                var p = new Parameter(init, requires_grad: _trainable);
                p.DetachFromDisposeScope();
                init.Dispose(); // TorchSharp's Parameter takes its own handle and leaves `init` out of the scope
                register_parameter(name, p);
                value = p;
            }
            else
            {
                init = init.alias().DetachFromDisposeScope();
                register_buffer(name, init);
                value = init;
            }
        }
        var variable = new Variable(this, name, shape, trainable, regularizer, value, constraint: constraint);
        _variables.Add(variable);
        return variable;
    }

    /// <summary>
    /// Tracks a tensor owned by a wrapped TorchSharp module as a weight of this layer; <paramref name="resolve"/> finds
    /// the current tensor (TorchSharp replaces parameters when a module moves between devices).
    /// </summary>
    internal Variable track_weight(string name, Func<Tensor> resolve, bool trainable)
    {
        var current = resolve();
        var variable = new Variable(this, name, current.shape, trainable, null, null, resolve);
        _variables.Add(variable);
        return variable;
    }

    /// <summary>Registers a layer owned by this one (its weights become part of this layer's weights).</summary>
    protected T add_layer<T>(T layer) where T : Layer
    {
        ArgumentNullException.ThrowIfNull(layer);
        register_module(layer.name, layer);
        _sublayers.Add(layer);
        return layer;
    }

    /// <summary>Removes a sub-layer registered with <see cref="add_layer{T}"/>.</summary>
    protected void remove_layer(Layer layer)
    {
        _sublayers.Remove(layer);
        register_module(layer.name, null!);
    }

    /// <summary>Sub-layers, in the order they were added.</summary>
    internal IReadOnlyList<Layer> sublayers => _sublayers;

    /// <summary>This layer's own weights, in creation order.</summary>
    internal IReadOnlyList<Variable> own_variables => _variables;

    /// <summary>Trainable weights (Keras: <c>trainable_weights</c>), this layer's then its sub-layers'; empty when frozen.</summary>
    public IReadOnlyList<Variable> trainable_weights =>
        !trainable ? Array.Empty<Variable>()
            : _variables.Where(v => v.trainable).Concat(_sublayers.SelectMany(l => l.trainable_weights)).ToList();

    /// <summary>Non-trainable weights (Keras: <c>non_trainable_weights</c>), including frozen ones.</summary>
    public IReadOnlyList<Variable> non_trainable_weights =>
        !trainable ? weights_in_order().ToList()
            : _variables.Where(v => !v.trainable).Concat(_sublayers.SelectMany(l => l.non_trainable_weights)).ToList();

    /// <summary>
    /// All weights, layer by layer: each layer's trainable then non-trainable weights, then its sub-layers' (Keras:
    /// <c>weights</c> / <c>variables</c>, keras/src/layers/layer.py, so a Dense, BatchNormalization, Dense model lists
    /// the normalization's moving statistics before the last kernel; C# reserves the name <c>get_weights</c> of a
    /// <c>weights</c> property for Keras's <see cref="get_weights"/> method).
    /// </summary>
    public IReadOnlyList<Variable> variables => weights_in_order().ToList();

    IEnumerable<Variable> weights_in_order() =>
        _variables.Where(v => v.trainable).Concat(_variables.Where(v => !v.trainable)).Concat(_sublayers.SelectMany(l => l.weights_in_order()));

    /// <summary>Number of scalars in the layer's weights (Keras: <c>count_params()</c>).</summary>
    public virtual long count_params()
    {
        if (!built)
            throw new InvalidOperationException($"You tried to call `count_params` on layer '{name}', but the layer isn't built. You can build it manually via: `layer.build(input_shape)`.");
        return variables.Sum(v => v.size);
    }

    /// <summary>The weights as float32 CPU tensors, in <see cref="variables"/> order (Keras: <c>get_weights()</c>).</summary>
    public List<Tensor> get_weights() => variables.Select(v => v.numpy()).ToList();

    /// <summary>Copies <paramref name="weights"/> into the layer's weights, in <see cref="variables"/> order (Keras: <c>set_weights</c>).</summary>
    public void set_weights(IReadOnlyList<Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var mine = variables;
        if (weights.Count != mine.Count)
            throw new ArgumentException(
                $"You called `set_weights(weights)` on layer '{name}' with a weight list of length {weights.Count}, but the layer was expecting {mine.Count} weights.",
                nameof(weights));
        for (int i = 0; i < mine.Count; i++)
        {
            if (weights[i] is null) throw new ArgumentNullException(nameof(weights), $"weights[{i}] is null.");
            if (!weights[i].shape.SequenceEqual(mine[i].shape))
                throw new ArgumentException(
                    $"Layer {name} weight shape ({string.Join(", ", mine[i].shape)}) is not compatible with provided weight shape ({string.Join(", ", weights[i].shape)}).",
                    nameof(weights));
            if (!weights[i].is_floating_point() && weights[i].dtype != ScalarType.Int32 && weights[i].dtype != ScalarType.Int64)
                throw new ArgumentException($"weights[{i}] has dtype {weights[i].dtype}; expected a floating-point tensor.", nameof(weights));
        }
        using var _ = no_grad();
        for (int i = 0; i < mine.Count; i++)
            mine[i].value.copy_(weights[i]);
    }

    /// <summary>
    /// Moves weights and buffers without TorchSharp's reflection over properties (Dense's public <c>kernel</c> property is
    /// a <see cref="Variable"/>, not a tensor) and keeps each <see cref="Variable"/> pointing at the moved tensor.
    /// </summary>
    protected override void _toEpilog(ScalarType? dtype, Device? device, bool non_blocking)
    {
        foreach (var (_, child) in named_children())
        {
            if (device is null) child.to(dtype!.Value, non_blocking);
            else if (dtype is null) child.to(device, non_blocking);
            else child.to(device, dtype.Value, non_blocking);
        }
        foreach (var (pname, param) in named_parameters(false).ToList())
        {
            if (!ReplaceParameter(dtype, device, param, out var moved) || moved is null) continue;
            param.Dispose();
            ConditionallyRegisterParameter(pname, moved);
            foreach (var v in _variables.Where(v => v.name == pname)) v.value = moved;
        }
        foreach (var (bname, buffer) in named_buffers(false).ToList())
        {
            if (!ReplaceBuffer(dtype, device, buffer, out var moved) || moved is null) continue;
            ConditionallyRegisterBuffer(bname, moved);
            foreach (var v in _variables.Where(v => v.name == bname)) v.value = moved;
        }
        if (device is not null)
        {
            _deviceType = device.type;
            _deviceIndex = device.index;
        }
    }

    /// <summary>The Keras shape of a tensor, the first dimension unknown (None) when <paramref name="batchUnknown"/>.</summary>
    internal static long?[] ShapeOf(Tensor t, bool batchUnknown)
    {
        var s = t.shape.Select(d => (long?)d).ToArray();
        if (batchUnknown && s.Length > 0) s[0] = null;
        return s;
    }

    // ---- Symbolic calls (the functional API) -------------------------------------------------------------------

    /// <summary>
    /// Calls the layer on a symbolic tensor (Keras: <c>layer(x)</c> on a KerasTensor): builds the layer for its shape
    /// on the first call, records the call in the graph and returns the output's KerasTensor. Calling the same layer
    /// again reuses its weights.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor's shape does not fit the layer (the message names both).</exception>
    public Backend.KerasTensor call(Backend.KerasTensor inputs) => Ops.SymbolicCall.CallSingle(this, new[] { inputs }, false);

    /// <summary>Calls the layer on a list of symbolic tensors (Keras: <c>Add()([x, y])</c>).</summary>
    public Backend.KerasTensor call(IReadOnlyList<Backend.KerasTensor> inputs) => Ops.SymbolicCall.CallSingle(this, inputs, true);

    /// <summary>As <see cref="call(Backend.KerasTensor)"/>, returning every output (a model with several outputs).</summary>
    public Backend.KerasTensor[] call_outputs(Backend.KerasTensor inputs) => Ops.SymbolicCall.Call(this, new[] { inputs }, false);

    /// <summary>As <see cref="call(IReadOnlyList{Backend.KerasTensor})"/>, returning every output.</summary>
    public Backend.KerasTensor[] call_outputs(IReadOnlyList<Backend.KerasTensor> inputs) => Ops.SymbolicCall.Call(this, inputs, true);

    /// <summary>Keras's class name shown in summaries, e.g. "Dense".</summary>
    public virtual string class_name => GetType().Name;

    /// <inheritdoc />
    public override string ToString() => $"<{class_name} name={name}, built={built}>";
}
