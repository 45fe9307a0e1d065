using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Backend;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// The base of Keras's optimizers (Keras: <c>keras.optimizers.Optimizer</c>, keras/src/optimizers/base_optimizer.py),
/// with Keras's update rules and defaults rather than torch.optim's. Each step, in Keras's order: clip the gradients
/// (<c>clipnorm</c> per tensor, <c>global_clipnorm</c>, or <c>clipvalue</c>; at most one), apply decoupled weight decay
/// <c>w -= lr · wd · w</c> when <c>weight_decay</c> is set, run the optimizer's update rule, then count the iteration.
/// Updates run in place on the device without gradient tracking; scalars such as bias corrections are computed on the
/// host, so a step never waits for the device. Names convert implicitly: <c>optimizer: "adam"</c> (case-insensitive).
/// </summary>
public abstract class Optimizer
{
    double _learningRate;

    /// <summary>Keras's common arguments.</summary>
    protected Optimizer(double learning_rate, string? name, double? weight_decay, double? clipnorm, double? clipvalue, double? global_clipnorm)
    {
        this.learning_rate = learning_rate;
        if (new[] { clipnorm, clipvalue, global_clipnorm }.Count(c => c is not null) > 1)
            throw new ArgumentException(
                $"Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm={clipnorm}, clipvalue={clipvalue}, global_clipnorm={global_clipnorm}",
                nameof(clipnorm));
        CheckPositive(clipnorm, nameof(clipnorm));
        CheckPositive(clipvalue, nameof(clipvalue));
        CheckPositive(global_clipnorm, nameof(global_clipnorm));
        if (weight_decay is { } wd && !(double.IsFinite(wd) && wd >= 0))
            throw new ArgumentException($"Argument `weight_decay` must be a non-negative finite number. Received: weight_decay={wd}", nameof(weight_decay));
        this.weight_decay = weight_decay;
        this.clipnorm = clipnorm;
        this.clipvalue = clipvalue;
        this.global_clipnorm = global_clipnorm;
        this.name = name ?? Naming.AutoName(GetType().Name);
    }

    static void CheckPositive(double? value, string argument)
    {
        if (value is { } v && !(v > 0 && double.IsFinite(v)))
            throw new ArgumentException($"Argument `{argument}` must be a positive finite number. Received: {argument}={v}", argument);
    }

    /// <summary>The optimizer's name (adam, adam_1, ...).</summary>
    public string name { get; }

    /// <summary>The step size; may be changed between steps (callbacks such as ReduceLROnPlateau do).</summary>
    public double learning_rate
    {
        get => _learningRate;
        set
        {
            if (!(double.IsFinite(value) && value >= 0))
                throw new ArgumentException($"Argument `learning_rate` must be a non-negative finite number. Received: learning_rate={value}", nameof(learning_rate));
            _learningRate = value;
        }
    }

    /// <summary>Decoupled weight decay factor, or null.</summary>
    public double? weight_decay { get; }
    /// <summary>Per-tensor gradient norm clip, or null.</summary>
    public double? clipnorm { get; }
    /// <summary>Element-wise gradient clip, or null.</summary>
    public double? clipvalue { get; }
    /// <summary>Global gradient norm clip, or null.</summary>
    public double? global_clipnorm { get; }

    /// <summary>Steps taken so far (Keras: <c>optimizer.iterations</c>).</summary>
    public long iterations { get; private set; }

    /// <summary>Whether the optimizer has created its state (after the first step, or once loaded from a file).</summary>
    public bool built => _slots is not null || _pending is not null;

    /// <summary>How many state tensors the rule keeps per trained variable (Adam: 2, momentum SGD: 1, plain SGD: 0).</summary>
    protected abstract int slots_per_variable { get; }

    /// <summary>Scalar state variables besides <c>iterations</c> and <c>learning_rate</c> (Nadam's u_product: 1).</summary>
    protected virtual int extra_scalar_variables => 0;

    /// <summary>
    /// The update rule, in place on <paramref name="variable"/> (without gradient tracking). <paramref name="slots"/> are
    /// this rule's state tensors shaped like the variable, zero at first; <paramref name="t"/> is iterations + 1.
    /// </summary>
    protected internal abstract void update_step(Tensor variable, Tensor gradient, Tensor[] slots, long t, double learning_rate);

    /// <summary>Called once per step before the update rule runs on each variable (Nadam updates its product here).</summary>
    protected virtual void before_step(long t) { }

    /// <summary>The initial value of slot <paramref name="index"/> (0 except e.g. Adagrad's accumulator at 0.1).</summary>
    protected virtual double initial_slot_value(int index) => 0.0;

    readonly Dictionary<double, Scalar> _constants = new();

    /// <summary>
    /// A TorchSharp Scalar for a constant of the update rule (β, 1 - β, ε), made once: otherwise every double passed to
    /// a tensor operation allocates a native Scalar, freed only by the finalizer, several times per step.
    /// </summary>
    internal Scalar constant(double value)
    {
        if (!_constants.TryGetValue(value, out var scalar)) _constants[value] = scalar = value.ToScalar();
        return scalar;
    }

    // State: one set of slots per group (the whole arena, or one variable in per-parameter mode).
    List<Tensor[]>? _slots;
    long _stateSize;
    ParameterArena? _arena;

    /// <summary>Number of optimizer variables Keras would report: iterations, learning_rate, the slots (Keras's summary "Optimizer params").</summary>
    internal long variable_count => built ? 2 + extra_scalar_variables + slots_per_variable * _stateSize : 0;

    /// <summary>Bytes of the optimizer variables (int32 iterations, float32 everything else).</summary>
    internal long variable_bytes => built ? 4 * variable_count : 0;

    /// <summary>Creates or re-binds state for the parameters of <paramref name="arena"/>; state survives a move between devices.</summary>
    internal void bind(ParameterArena arena)
    {
        if (ReferenceEquals(_arena, arena)) return;
        if (_pending is not null && AdoptPending(arena)) return;
        _arena = arena;
        if (_slots is { Count: 1 } && _stateSize == arena.size)
        {
            var slots = _slots[0];
            for (int i = 0; i < slots.Length; i++)
                if (!DeviceConfig.Same(slots[i].device, arena.device))
                {
                    var moved = slots[i].to(arena.device).DetachFromDisposeScope();
                    slots[i].Dispose();
                    slots[i] = moved;
                }
            return;
        }
        ResetState(new[] { arena.flat });
        _stateSize = arena.size;
    }

    void ResetState(IReadOnlyList<Tensor> like)
    {
        if (_slots is not null) foreach (var s in _slots) foreach (var t in s) t.Dispose();
        _slots = like.Select(v => Enumerable.Range(0, slots_per_variable)
            .Select(i => full_like(v, initial_slot_value(i)).detach().DetachFromDisposeScope()).ToArray()).ToList();
    }

    /// <summary>One step over the arena bound with <see cref="bind"/> (the <c>fit</c> path): one flat variable and gradient.</summary>
    internal void step(ParameterArena arena)
    {
        bind(arena);
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var g = arena.flat_grad;
        // clipnorm is per trained tensor: the segments of the flat gradient.
        Update(new[] { arena.flat }, new[] { g }, Enumerable.Range(0, arena.segments.Length).Select(i => arena.Segment(g, i)), _slots!);
    }

    /// <summary>
    /// Keras's order of a step (base_optimizer.py, <c>apply</c>): clip the gradients (clipnorm per tensor in
    /// <paramref name="perTensorGrads"/>, global_clipnorm over all, or clipvalue), decoupled weight decay, the update
    /// rule on each (variable, gradient, slots), then count the iteration.
    /// </summary>
    void Update(IReadOnlyList<Tensor> variables, IReadOnlyList<Tensor> grads, IEnumerable<Tensor> perTensorGrads, IReadOnlyList<Tensor[]> slots)
    {
        long t = iterations + 1;
        double lr = learning_rate;
        if (clipnorm is { } cn)
            foreach (var g in perTensorGrads) ClipByNorm(g, cn);
        else if (global_clipnorm is { } gcn)
        {
            var norm = grads.Count == 1 ? grads[0].square().sum().sqrt() : stack(grads.Select(g => g.square().sum()).ToArray()).sum().sqrt();
            var scale = norm.clamp_min(gcn).reciprocal().mul_(gcn);
            foreach (var g in grads) g.mul_(scale);
        }
        else if (clipvalue is { } cv)
            foreach (var g in grads) g.clamp_(-cv, cv);
        if (weight_decay is { } wd && wd > 0)
            foreach (var v in variables) v.mul_(1.0 - wd * lr);
        before_step(t);
        for (int i = 0; i < variables.Count; i++) update_step(variables[i], grads[i], slots[i], t, lr);
        iterations++;
    }

    /// <summary>
    /// Applies gradients to variables (Keras: <c>optimizer.apply(grads, trainable_variables)</c>), for training loops
    /// written by hand. The first call fixes the list of variables the optimizer keeps state for.
    /// </summary>
    public void apply(IReadOnlyList<Tensor> grads, IReadOnlyList<Tensor> trainable_variables)
    {
        ArgumentNullException.ThrowIfNull(grads);
        ArgumentNullException.ThrowIfNull(trainable_variables);
        if (grads.Count != trainable_variables.Count)
            throw new ArgumentException($"Got {grads.Count} gradients for {trainable_variables.Count} variables; expected one gradient per variable.", nameof(grads));
        if (_pending is not null) AdoptPending(trainable_variables);
        if (_arena is not null || (_slots is not null && _slots.Count != trainable_variables.Count))
            throw new InvalidOperationException($"Optimizer '{name}' already holds state for a different set of variables; create a new optimizer.");
        for (int i = 0; i < grads.Count; i++)
            if (!grads[i].shape.SequenceEqual(trainable_variables[i].shape))
                throw new ArgumentException($"Gradient {i} has shape {ShapeUtils.Format(grads[i])} but its variable has shape {ShapeUtils.Format(trainable_variables[i])}.", nameof(grads));
        if (_slots is null)
        {
            ResetState(trainable_variables);
            _stateSize = trainable_variables.Sum(v => v.numel());
        }
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var gs = grads.Select(g => g.detach().clone()).ToList();
        Update(trainable_variables, gs, gs, _slots!);
    }

    // ---- State for saving and loading (Keras: optimizer.variables, save_own_variables / load_own_variables) -----------

    // Slots read from a file, per trained variable, waiting for the first step to bind them to the parameters.
    List<Tensor[]>? _pending;

    /// <summary>How many state tensors the rule keeps per trained variable.</summary>
    internal int slot_count => slots_per_variable;

    /// <summary>How many scalar state variables the rule keeps besides iterations and learning_rate.</summary>
    internal int extra_scalar_count => extra_scalar_variables;

    /// <summary>The values of the extra scalar state variables, in Keras's order (Nadam's u_product).</summary>
    protected internal virtual float[] get_extra_scalars() => Array.Empty<float>();

    /// <summary>Restores the extra scalar state variables from <see cref="get_extra_scalars"/>'s layout.</summary>
    protected internal virtual void set_extra_scalars(float[] values) { }

    /// <summary>
    /// The state of each trained variable (in the order the optimizer received them): float32 CPU copies of its slots,
    /// in this rule's order, shaped like the variable; null before the first step.
    /// </summary>
    internal List<Tensor[]>? export_slots()
    {
        using var _ = no_grad();
        if (_pending is not null) return _pending.Select(s => s.Select(CpuCopy).ToArray()).ToList();
        if (_slots is null) return null;
        if (_arena is not null && _slots.Count == 1)
        {
            var arena = _arena;
            return Enumerable.Range(0, arena.segments.Length)
                .Select(i => _slots[0].Select(s => CpuCopy(arena.Segment(s, i).view(arena.parameters[i].shape))).ToArray()).ToList();
        }
        return _slots.Select(s => s.Select(CpuCopy).ToArray()).ToList();
    }

    static Tensor CpuCopy(Tensor t) => t.detach().to(ScalarType.Float32, CPU, copy: true).contiguous();

    /// <summary>
    /// Replaces the state with saved values (Keras: <c>load_own_variables</c>): the step count and, when
    /// <paramref name="slots"/> is given, each trained variable's slots (this rule's order, shaped as
    /// <paramref name="shapes"/>), bound to the parameters at the next step.
    /// </summary>
    internal void import_state(long iterations, IReadOnlyList<long[]> shapes, List<Tensor[]>? slots, float[]? extras)
    {
        this.iterations = iterations;
        if (slots is null) return;
        if (_slots is not null) foreach (var s in _slots) foreach (var t in s) t.Dispose();
        if (_pending is not null) foreach (var s in _pending) foreach (var t in s) t.Dispose();
        _slots = null;
        _arena = null;
        _pending = slots.Select(s => s.Select(t => t.DetachFromDisposeScope()).ToArray()).ToList();
        _stateSize = shapes.Sum(s => s.Aggregate(1L, (a, b) => a * b));
        if (extras is not null) set_extra_scalars(extras);
    }

    /// <summary>Moves loaded slots into one flat buffer per slot matching <paramref name="arena"/>; false if they do not fit.</summary>
    bool AdoptPending(ParameterArena arena)
    {
        var pending = _pending!;
        _pending = null;
        bool fits = pending.Count == arena.segments.Length
            && pending.Select((s, i) => s.All(t => t.numel() == arena.segments[i].size)).All(ok => ok);
        if (fits)
        {
            using var _ = no_grad();
            _slots = new List<Tensor[]>
            {
                Enumerable.Range(0, slots_per_variable)
                    .Select(k => cat(pending.Select(s => s[k].reshape(-1)).ToArray()).to(arena.flat.dtype, arena.device).DetachFromDisposeScope())
                    .ToArray(),
            };
            _stateSize = arena.size;
            _arena = arena;
        }
        foreach (var s in pending) foreach (var t in s) t.Dispose();
        return fits;
    }

    /// <summary>Uses loaded slots for <see cref="apply"/>'s per-variable state when they match the variables.</summary>
    void AdoptPending(IReadOnlyList<Tensor> variables)
    {
        var pending = _pending!;
        _pending = null;
        if (pending.Count == variables.Count && pending.Select((s, i) => s.All(t => t.shape.SequenceEqual(variables[i].shape))).All(ok => ok))
        {
            _slots = pending.Select((s, i) => s.Select(t => t.to(variables[i].dtype, variables[i].device, copy: true).DetachFromDisposeScope()).ToArray()).ToList();
            _stateSize = variables.Sum(v => v.numel());
        }
        foreach (var s in pending) foreach (var t in s) t.Dispose();
    }

    /// <summary>Keras's <c>clip_by_norm</c>: <c>g · c / max(‖g‖, c)</c>, in place.</summary>
    static void ClipByNorm(Tensor g, double c) => g.mul_(g.square().sum().sqrt().clamp_min(c).reciprocal().mul_(c));

    /// <summary>The optimizer's arguments, as Keras's <c>get_config()</c>.</summary>
    public virtual Dictionary<string, object?> get_config() => new()
    {
        ["name"] = name,
        ["learning_rate"] = (double)(float)learning_rate,
        ["weight_decay"] = weight_decay,
        ["clipnorm"] = clipnorm,
        ["global_clipnorm"] = global_clipnorm,
        ["clipvalue"] = clipvalue,
    };

    /// <summary>Looks up an optimizer by name, case-insensitively, with Keras's defaults.</summary>
    public static Optimizer get(string identifier) => OptimizerRegistry.Get(identifier);

    /// <summary>From a Keras name.</summary>
    public static implicit operator Optimizer(string identifier) => get(identifier);

    /// <summary>β^t in float32, as Keras computes it (<c>ops.power(cast(β, float32), t)</c>).</summary>
    internal static double Power(double beta, long t) => MathF.Pow((float)beta, t);

    /// <summary>Checks a β-like argument is in [0, 1).</summary>
    internal static double CheckUnitInterval(double value, string argument, bool allowOne = false) =>
        value >= 0 && (allowOne ? value <= 1 : value < 1) ? value
            : throw new ArgumentException($"Argument `{argument}` must be in [0, {(allowOne ? "1]" : "1)")}. Received: {argument}={value}", argument);

    /// <summary>Checks epsilon-like arguments.</summary>
    internal static double CheckNonNegative(double value, string argument) =>
        double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentException($"Argument `{argument}` must be a non-negative finite number. Received: {argument}={value}", argument);

    /// <inheritdoc />
    public override string ToString() => $"<{GetType().Name} name={name}, learning_rate={learning_rate}>";
}
