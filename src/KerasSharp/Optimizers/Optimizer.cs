using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Backend;
using KerasSharp.Optimizers.Schedules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// The base of Keras's optimizers (Keras: <c>keras.optimizers.Optimizer</c>, keras/src/optimizers/base_optimizer.py),
/// with Keras's update rules and defaults rather than torch.optim's. <see cref="build"/> creates the named slots
/// (Adam's momentum and velocity, ...) for a list of variables and binds them to those variables;
/// <see cref="apply(IReadOnlyList{Tensor}, IReadOnlyList{Variable})"/> builds on first use, refuses variables it was
/// not built with (Keras's "Unknown variable"), skips variables without a gradient, and runs a step in Keras's order:
/// clip the gradients (<c>clipnorm</c> per tensor, <c>global_clipnorm</c>, or <c>clipvalue</c>; at most one; 0 means
/// none), apply decoupled weight decay <c>w -= lr · wd · w</c>, run the update rule, update the moving averages when
/// <c>use_ema</c>, project the variables through their constraints, then count the iteration.
/// Updates run in place on the device without gradient tracking; scalars such as bias corrections and a
/// <see cref="LearningRateSchedule"/>'s value are computed on the host, so a step never waits for the device. When the
/// variables are views of one flat parameter buffer and the gradients views of its flat gradient buffer (what
/// <c>fit</c> trains), the step is one set of tensor operations over the flat buffers, whatever the number of
/// variables. Names convert implicitly: <c>optimizer: "adam"</c> (case-insensitive).
/// </summary>
public abstract class Optimizer : IDisposable
{
    double _learningRate;
    LearningRateSchedule? _schedule;

    /// <summary>Keras's common arguments.</summary>
    protected Optimizer(LearningRate learning_rate, string? name, double? weight_decay, double? clipnorm, double? clipvalue, double? global_clipnorm,
        bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null)
    {
        if (learning_rate.schedule is { } schedule) _schedule = schedule;
        else this.learning_rate = learning_rate.value ?? 0.001;
        if (new[] { clipnorm, clipvalue, global_clipnorm }.Count(c => c is not null) > 1)
            throw new ArgumentException(
                $"Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm={clipnorm}, clipvalue={clipvalue}, global_clipnorm={global_clipnorm}",
                nameof(clipnorm));
        CheckNonNegativeOption(clipnorm, nameof(clipnorm));
        CheckPositive(clipvalue, nameof(clipvalue));
        CheckNonNegativeOption(global_clipnorm, nameof(global_clipnorm));
        if (weight_decay is { } wd && !(double.IsFinite(wd) && wd >= 0))
            throw new ArgumentException($"Argument `weight_decay` must be a non-negative finite number. Received: weight_decay={wd}", nameof(weight_decay));
        if (use_ema)
        {
            if (!(ema_momentum >= 0 && ema_momentum <= 1))
                throw new ArgumentException($"`ema_momentum` must be in the range [0, 1]. Received: ema_momentum={ema_momentum}", nameof(ema_momentum));
            if (ema_overwrite_frequency is < 1)
                throw new ArgumentException($"`ema_overwrite_frequency` must be an integer >= 1 or None. Received: ema_overwrite_frequency={ema_overwrite_frequency}", nameof(ema_overwrite_frequency));
        }
        this.weight_decay = weight_decay;
        this.clipnorm = clipnorm;
        this.clipvalue = clipvalue;
        this.global_clipnorm = global_clipnorm;
        this.use_ema = use_ema;
        this.ema_momentum = ema_momentum;
        this.ema_overwrite_frequency = ema_overwrite_frequency;
        this.name = name ?? Naming.AutoName(GetType().Name);
    }

    static void CheckPositive(double? value, string argument)
    {
        if (value is { } v && !(v > 0 && double.IsFinite(v)))
            throw new ArgumentException($"Argument `{argument}` must be a positive finite number. Received: {argument}={v}", argument);
    }

    // Keras clips only when the option is set and positive (base_optimizer.py, _clip_gradients): 0 means no clipping.
    static void CheckNonNegativeOption(double? value, string argument)
    {
        if (value is { } v && !(v >= 0 && double.IsFinite(v)))
            throw new ArgumentException($"Argument `{argument}` must be a non-negative finite number (0 = no clipping). Received: {argument}={v}", argument);
    }

    /// <summary>The optimizer's name (adam, adam_1, ...).</summary>
    public string name { get; }

    /// <summary>
    /// The step size of the next step: the constant rate, or the schedule's value at <see cref="iterations"/>. A constant
    /// rate may be changed between steps (callbacks such as ReduceLROnPlateau do); an optimizer created with a schedule
    /// refuses a number, as Keras does.
    /// </summary>
    public virtual double learning_rate
    {
        get => _schedule is { } s ? s.call(iterations) : _learningRate;
        set
        {
            if (_schedule is not null)
                throw new InvalidOperationException(
                    "This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` constructor argument, hence its learning rate is not settable. If you need the learning rate to be settable, you should instantiate the optimizer with a float `learning_rate` argument.");
            if (!(double.IsFinite(value) && value >= 0))
                throw new ArgumentException($"Argument `learning_rate` must be a non-negative finite number. Received: learning_rate={value}", nameof(learning_rate));
            _learningRate = value;
        }
    }

    /// <summary>Replaces the constant rate by <paramref name="schedule"/> (load_model rebuilding a saved optimizer).</summary>
    internal void use_schedule(LearningRateSchedule schedule) => _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));

    /// <summary>The step size of the next step, refused before anything changes when a schedule gives NaN, infinity or a negative rate.</summary>
    double checked_rate()
    {
        double lr = learning_rate;
        if (_schedule is { } s && !(double.IsFinite(lr) && lr >= 0))
            throw new InvalidOperationException(
                $"The learning-rate schedule {s.class_name} gave {lr} at step {iterations}; expected a non-negative finite number. No variable was updated.");
        return lr;
    }

    /// <summary>The schedule given as <c>learning_rate</c>, or null for a constant rate.</summary>
    public LearningRateSchedule? learning_rate_schedule => _schedule;

    /// <summary>Decoupled weight decay factor, or null.</summary>
    public double? weight_decay { get; }
    /// <summary>Per-tensor gradient norm clip, or null (0: no clipping).</summary>
    public double? clipnorm { get; }
    /// <summary>Element-wise gradient clip, or null.</summary>
    public double? clipvalue { get; }
    /// <summary>Global gradient norm clip, or null (0: no clipping).</summary>
    public double? global_clipnorm { get; }
    /// <summary>Whether the optimizer keeps an exponential moving average of the variables (Keras: <c>use_ema</c>).</summary>
    public bool use_ema { get; }
    /// <summary>The EMA's momentum: <c>average = m · average + (1 - m) · variable</c> (Keras: <c>ema_momentum</c>, 0.99).</summary>
    public double ema_momentum { get; }
    /// <summary>Every this many steps the variables are overwritten with their averages, or null (Keras: <c>ema_overwrite_frequency</c>).</summary>
    public int? ema_overwrite_frequency { get; }

    /// <summary>Steps taken so far (Keras: <c>optimizer.iterations</c>).</summary>
    public virtual long iterations { get; internal set; }

    /// <summary>Whether the optimizer has created its state (by <see cref="build"/> or the first step, or once loaded from a file).</summary>
    public virtual bool built => _state is not null || _pending is not null;

    /// <summary>How many state tensors the rule keeps per trained variable (Adam: 2, momentum SGD: 1, plain SGD: 0).</summary>
    protected abstract int slots_per_variable { get; }

    /// <summary>Keras's name of slot <paramref name="index"/> (Adam: "momentum", "velocity").</summary>
    protected virtual string slot_name(int index) => $"slot_{index}";

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

    readonly ConcurrentDictionary<double, Scalar> _constants = new();

    /// <summary>
    /// A TorchSharp Scalar for a constant of the update rule (β, 1 - β, ε), made once: otherwise every double passed to
    /// a tensor operation allocates a native Scalar, freed only by the finalizer, several times per step. Thread-safe.
    /// </summary>
    internal Scalar constant(double value) => _constants.GetOrAdd(value, v => v.ToScalar());

    // ---- State ------------------------------------------------------------------------------------------------------

    /// <summary>
    /// The slots of the variables the optimizer was built for. When the variables share a device and dtype, each slot
    /// kind is one flat buffer and each variable's slot a view of it (the flat step updates the buffers at once);
    /// otherwise each variable has tensors of its own.
    /// </summary>
    sealed class State
    {
        internal required object[] keys;                // Variable or Tensor, as given to build
        internal required Dictionary<object, int> index; // by reference
        internal required long[][] shapes;
        internal required (long offset, long size)[] segments;
        internal Tensor[]? flat;                          // one per slot kind (+ the EMA average last), or null
        internal required Tensor[][] slots;               // [variable][slot kind]
        internal Tensor[]? averages;                      // [variable], with use_ema
        internal Tensor? flat_average;
        internal long total;
        internal DeviceType device_type;
        internal int device_index;
        internal Bound? bound;                            // fit's variable list, once a flat step has checked it
    }

    State? _state;
    ParameterArena? _arena;

    /// <summary>Number of optimizer variables Keras would report: iterations, learning_rate, the slots (Keras's summary "Optimizer params").</summary>
    internal virtual long variable_count => built ? 2 + extra_scalar_variables + (slots_per_variable + (use_ema ? 1 : 0)) * (_state?.total ?? _pendingTotal) : 0;

    /// <summary>Bytes of the optimizer variables (int32 iterations, float32 everything else).</summary>
    internal virtual long variable_bytes => built ? 4 * variable_count : 0;

    static Tensor ValueOf(object key) => key is Variable v ? v.value : (Tensor)key;

    static string Describe(object key) => key is Variable v ? v.ToString() : $"<Tensor shape={ShapeUtils.Format((Tensor)key)}>";

    /// <summary>
    /// Creates the optimizer's state for <paramref name="variables"/> (Keras: <c>optimizer.build(variables)</c>): the rule's
    /// named slots, shaped like each variable, bound to these variables; later steps accept only them. Called by the
    /// first <c>apply</c> when not called before; state loaded from a file is adopted here when it fits.
    /// </summary>
    public virtual void build(IReadOnlyList<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        Build(variables.Cast<object>().ToArray());
    }

    internal void Build(object[] keys)
    {
        if (_state is not null) throw new InvalidOperationException($"Optimizer '{name}' is already built; create a new optimizer for a new set of variables.");
        if (keys.Any(k => k is null)) throw new ArgumentException("`variables` contains a null entry.", "variables");
        if (keys.Distinct(ReferenceEqualityComparer.Instance).Count() != keys.Length)
            throw new ArgumentException("`variables` lists a variable more than once.", "variables");
        var values = keys.Select(ValueOf).ToArray();
        int k = slots_per_variable;
        var shapes = values.Select(v => v.shape).ToArray();
        var segments = new (long, long)[keys.Length];
        long offset = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            long n = values[i].numel();
            segments[i] = (offset, n);
            offset += n;
        }
        var state = new State
        {
            keys = keys,
            index = keys.Select((key, i) => (key, i)).ToDictionary(p => p.key, p => p.i, ReferenceEqualityComparer.Instance),
            shapes = shapes,
            segments = segments,
            slots = new Tensor[keys.Length][],
            total = offset,
        };
        int kinds = k + (use_ema ? 1 : 0);
        using (no_grad())
        {
            bool uniform = values.Length > 0 && values.All(v => v.dtype == values[0].dtype && v.device_type == values[0].device_type && v.device_index == values[0].device_index);
            if (uniform)
            {
                state.flat = new Tensor[kinds];
                for (int s = 0; s < kinds; s++)
                    state.flat[s] = full(offset, s < k ? initial_slot_value(s) : 0.0, values[0].dtype, values[0].device).DetachFromDisposeScope();
                state.device_type = values[0].device_type;
                state.device_index = values[0].device_index;
                MakeViews(state);
            }
            else
            {
                for (int i = 0; i < keys.Length; i++)
                    state.slots[i] = Enumerable.Range(0, k).Select(s => full_like(values[i], initial_slot_value(s)).detach().DetachFromDisposeScope()).ToArray();
                if (use_ema) state.averages = values.Select(v => v.detach().clone().DetachFromDisposeScope()).ToArray();
            }
            if (use_ema) for (int i = 0; i < keys.Length; i++) state.averages![i].copy_(values[i]);
        }
        _state = state;
        AdoptPending(state);
    }

    void MakeViews(State state)
    {
        int k = slots_per_variable;
        var flat = state.flat!;
        for (int i = 0; i < state.keys.Length; i++)
        {
            var (o, n) = state.segments[i];
            state.slots[i] = Enumerable.Range(0, k).Select(s => flat[s].narrow(0, o, n).view(state.shapes[i]).DetachFromDisposeScope()).ToArray();
        }
        if (use_ema)
        {
            state.flat_average = flat[k];
            state.averages = state.segments.Select((seg, i) => flat[k].narrow(0, seg.offset, seg.size).view(state.shapes[i]).DetachFromDisposeScope()).ToArray();
        }
    }

    /// <summary>Moves the state to the variables' device when the model moved (state survives a move between devices).</summary>
    void FollowDevice(State state)
    {
        if (state.keys.Length == 0) return;
        var first = ValueOf(state.keys[0]);
        if (state.flat is not null)
        {
            if (first.device_type == state.device_type && first.device_index == state.device_index) return;
            DisposeViews(state);
            for (int s = 0; s < state.flat.Length; s++)
            {
                var moved = state.flat[s].to(first.device).DetachFromDisposeScope();
                state.flat[s].Dispose();
                state.flat[s] = moved;
            }
            state.device_type = first.device_type;
            state.device_index = first.device_index;
            MakeViews(state);
            return;
        }
        for (int i = 0; i < state.keys.Length; i++)
        {
            var v = ValueOf(state.keys[i]);
            var slots = state.slots[i].Concat(state.averages is { } a ? new[] { a[i] } : Array.Empty<Tensor>()).ToArray();
            for (int s = 0; s < slots.Length; s++)
            {
                if (slots[s].device_type == v.device_type && slots[s].device_index == v.device_index) continue;
                var moved = slots[s].to(v.device).DetachFromDisposeScope();
                slots[s].Dispose();
                if (s < state.slots[i].Length) state.slots[i][s] = moved; else state.averages![i] = moved;
            }
        }
    }

    static void DisposeViews(State state)
    {
        if (state.flat is null) return;
        foreach (var s in state.slots) foreach (var t in s) t.Dispose();
        if (state.averages is not null) foreach (var t in state.averages) t.Dispose();
    }

    /// <summary>
    /// Applies gradients to variables (Keras: <c>optimizer.apply(grads, trainable_variables)</c>): the first call builds
    /// the optimizer for <paramref name="trainable_variables"/>; later calls accept only variables it was built for
    /// (any subset, in any order). A null gradient skips its variable (Keras's <c>_filter_empty_gradients</c>).
    /// Constraints of the variables are applied after the update, as Keras does.
    /// </summary>
    public void apply(IReadOnlyList<Tensor?> grads, IReadOnlyList<Variable> trainable_variables)
    {
        ArgumentNullException.ThrowIfNull(trainable_variables);
        Apply(grads, trainable_variables.Cast<object>().ToArray());
    }

    /// <summary>
    /// <see cref="apply(IReadOnlyList{Tensor}, IReadOnlyList{Variable})"/> for raw tensors (a hand-written loop over
    /// TorchSharp parameters): the tensors themselves identify the variables.
    /// </summary>
    public void apply(IReadOnlyList<Tensor?> grads, IReadOnlyList<Tensor> trainable_variables)
    {
        ArgumentNullException.ThrowIfNull(trainable_variables);
        Apply(grads, trainable_variables.Cast<object>().ToArray());
    }

    /// <summary>Throws as Keras does (<c>_check_variables_are_known</c>) unless every variable is one the optimizer was built for.</summary>
    internal virtual void check_variables_are_known(IReadOnlyList<Variable> variables)
    {
        if (_state is null) return;
        foreach (var v in variables) CheckKnown(_state, v);
    }

    void CheckKnown(State state, object key)
    {
        if (!state.index.ContainsKey(key))
            throw new ArgumentException(
                $"Unknown variable: {Describe(key)}. This optimizer can only be called for the variables it was originally built with. When working with a new set of variables, you should recreate a new optimizer instance (optimizer '{name}').",
                "trainable_variables");
    }

    internal virtual void Apply(IReadOnlyList<Tensor?> grads, object[] keys)
    {
        ArgumentNullException.ThrowIfNull(grads);
        if (grads.Count != keys.Length)
            throw new ArgumentException($"Got {grads.Count} gradients for {keys.Length} variables; expected one gradient per variable.", nameof(grads));
        if (keys.Length == 0) return;
        if (keys.Any(k => k is null)) throw new ArgumentException("`trainable_variables` contains a null entry.", "trainable_variables");
        if (_state is not null)
            foreach (var key in keys) CheckKnown(_state, key);
        var values = keys.Select(ValueOf).ToArray();
        var used = new List<int>(keys.Length);
        for (int i = 0; i < keys.Length; i++)
        {
            if (grads[i] is not { } g) continue;
            if (!g.shape.SequenceEqual(values[i].shape))
                throw new ArgumentException($"Gradient {i} has shape {ShapeUtils.Format(g)} but its variable has shape {ShapeUtils.Format(values[i])}.", nameof(grads));
            used.Add(i);
        }
        if (used.Count == 0) throw new ArgumentException("No gradients provided for any variable.", nameof(grads));
        if (_state is null) Build(keys);
        var state = _state!;
        FollowDevice(state);

        using var _ = no_grad();
        using var scope = NewDisposeScope();
        long t = iterations + 1;
        double lr = checked_rate();
        var arena = FlatStepArena(state, keys, values, grads, used.Count);
        if (arena is not null)
        {
            flat_steps++;
            FlatStep(state, arena, null, t, lr);
        }
        else
        {
            var idx = used.Select(i => state.index[keys[i]]).ToArray();
            var gs = used.Select(i => grads[i]!.detach().clone()).ToList();
            Step(used.Select(i => values[i]).ToList(), gs, () => gs, idx.Select(j => state.slots[j]).ToList(), t, lr);
        }
        if (use_ema) UpdateAverages(state, arena);
        foreach (var i in used)
            if (keys[i] is Variable { constraint: { } c } v)
                v.value.copy_(c.call(v.value));
        iterations++;
    }

    /// <summary>
    /// <c>apply(variables' gradients, variables)</c> for fit's default step, when <paramref name="arena"/> holds exactly
    /// <paramref name="variables"/> (the caller has checked <see cref="ParameterArena.Matches(IReadOnlyList{Variable})"/>):
    /// the same step and the same checks, but the checks that cannot change between steps (every variable known, in the
    /// state's order, the state flat and bound to this arena, which constraints to apply) run once, when the first
    /// step through this entry takes the flat path for this list; later steps only check that each gradient is still
    /// the arena's view (else the general path runs, as apply would).
    /// </summary>
    internal void apply_arena(ParameterArena arena, IReadOnlyList<Variable> variables)
    {
        var grads = new Tensor?[variables.Count];
        for (int i = 0; i < grads.Length; i++) grads[i] = variables[i].value.grad;
        if (_state is { bound: { } b } state && ReferenceEquals(b.variables, variables) && ReferenceEquals(b.arena, arena) && ReferenceEquals(_arena, arena))
        {
            bool views = true;
            for (int i = 0; views && i < grads.Length; i++) views = grads[i] is { } g && arena.IsGradientView(g, i);
            if (views)
            {
                using var _ = no_grad();
                using var scope = NewDisposeScope();
                long t = iterations + 1;
                double lr = checked_rate();
                flat_steps++;
                FlatStep(state, arena, b, t, lr);
                if (use_ema) UpdateAverages(state, arena);
                foreach (var v in b.constrained) v.value.copy_(v.constraint!.call(v.value));
                iterations++;
                return;
            }
        }
        long before = flat_steps;
        Apply(grads, variables.Cast<object>().ToArray());
        // The general path took the flat step for exactly this list: later steps through this entry may skip its checks.
        if (flat_steps == before + 1 && _state is { flat: not null } s && ReferenceEquals(_arena, arena))
            s.bound = new Bound(variables, arena, s.flat.Take(slots_per_variable).ToArray(), variables.Where(v => v.constraint is not null).ToArray());
    }

    /// <summary>The flat fast path's arena and the per-fit facts of the variable list bound to it (see <see cref="apply_arena"/>).</summary>
    sealed class Bound(IReadOnlyList<Variable> variables, ParameterArena arena, Tensor[] slots, Variable[] constrained)
    {
        internal readonly IReadOnlyList<Variable> variables = variables;
        internal readonly ParameterArena arena = arena;
        internal readonly Tensor[] flat_variable = [arena.flat];
        internal readonly Tensor[] flat_gradient = [arena.flat_grad];
        internal readonly Tensor[][] slots = [slots];
        internal readonly Variable[] constrained = constrained;
    }

    /// <summary>The flat step: the rule once over the whole flat buffers (clipnorm per trained tensor: the segments of the flat gradient).</summary>
    void FlatStep(State state, ParameterArena arena, Bound? bound, long t, double lr)
    {
        var g = arena.flat_grad;
        Step(bound?.flat_variable ?? new[] { arena.flat }, bound?.flat_gradient ?? new[] { g },
            () => Enumerable.Range(0, arena.segments.Length).Select(i => arena.Segment(g, i)),
            bound?.slots ?? new[] { state.flat!.Take(slots_per_variable).ToArray() }, t, lr);
    }

    /// <summary>
    /// Scales the loss before the backward pass (Keras: <c>optimizer.scale_loss(loss)</c>; the base optimizer returns it
    /// unchanged, <see cref="LossScaleOptimizer"/> multiplies it by its dynamic scale).
    /// </summary>
    public virtual Tensor scale_loss(Tensor loss) => loss;

    /// <summary>Whether the state is created and bound to variables (not only loaded from a file).</summary>
    internal bool has_state => _state is not null;

    /// <summary>The slot tensors a step writes (the flat buffers when there are some), for a step that may be undone.</summary>
    internal IEnumerable<Tensor> state_tensors()
    {
        if (_state is not { } state) return Array.Empty<Tensor>();
        if (state.flat is not null) return state.flat;
        return state.slots.SelectMany(s => s).Concat(state.averages ?? Array.Empty<Tensor>());
    }

    /// <summary>Steps taken over the flat buffers at once (the fast path), for tests.</summary>
    internal long flat_steps { get; private set; }

    /// <summary>
    /// The parameter arena to step at once: when the optimizer's flat state covers exactly these variables, in order, as
    /// one arena's parameters, and every gradient is that arena's gradient view (what fit's default train_step passes).
    /// </summary>
    ParameterArena? FlatStepArena(State state, object[] keys, Tensor[] values, IReadOnlyList<Tensor?> grads, int usedCount)
    {
        if (state.flat is null || usedCount != keys.Length || keys.Length != state.keys.Length) return null;
        for (int i = 0; i < keys.Length; i++)
            if (!ReferenceEquals(keys[i], state.keys[i])) return null;
        if (_arena is null || !_arena.Matches(values))
        {
            _arena = ParameterArena.Owning(values[0]);
            if (_arena is null || !_arena.Matches(values)) return _arena = null;
        }
        for (int i = 0; i < keys.Length; i++)
            if (!_arena.IsGradientView(grads[i]!, i)) return null;
        return _arena;
    }

    /// <summary>
    /// Keras's order of a step (base_optimizer.py, <c>apply</c>): clip the gradients (clipnorm per tensor in
    /// <paramref name="perTensorGrads"/>, global_clipnorm over all, or clipvalue), decoupled weight decay, the update
    /// rule on each (variable, gradient, slots).
    /// </summary>
    void Step(IReadOnlyList<Tensor> variables, IReadOnlyList<Tensor> grads, Func<IEnumerable<Tensor>> perTensorGrads, IReadOnlyList<Tensor[]> slots, long t, double lr)
    {
        if (clipnorm is { } cn && cn > 0)
            foreach (var g in perTensorGrads()) ClipByNorm(g, cn);
        else if (global_clipnorm is { } gcn && gcn > 0)
        {
            var norm = grads.Count == 1 ? grads[0].square().sum().sqrt() : stack(grads.Select(g => g.square().sum()).ToArray()).sum().sqrt();
            var scale = norm.clamp_min(gcn).reciprocal().mul_(gcn);
            foreach (var g in grads) g.mul_(scale);
        }
        else if (clipvalue is { } cv && cv > 0)
            foreach (var g in grads) g.clamp_(-cv, cv);
        if (weight_decay is { } wd && wd > 0)
            foreach (var v in variables) v.mul_(1.0 - wd * lr);
        before_step(t);
        for (int i = 0; i < variables.Count; i++) update_step(variables[i], grads[i], slots[i], t, lr);
    }

    /// <summary>
    /// Keras's EMA (<c>_update_model_variables_moving_average</c>, over every variable the optimizer was built for):
    /// <c>average = m · average + (1 - m) · variable</c> with m = 0 at the first step, then every
    /// <c>ema_overwrite_frequency</c> steps the variables take their averages.
    /// </summary>
    void UpdateAverages(State state, ParameterArena? arena)
    {
        double m = iterations != 0 ? ema_momentum : 0.0;
        bool overwrite = ema_overwrite_frequency is { } f && (iterations + 1) % f == 0;
        if (arena is not null)
        {
            state.flat_average!.mul_(m).add_(arena.flat, 1.0 - m);
            if (overwrite) arena.flat.copy_(state.flat_average);
            return;
        }
        for (int i = 0; i < state.keys.Length; i++)
        {
            var v = ValueOf(state.keys[i]);
            state.averages![i].mul_(m).add_(v, 1.0 - m);
            if (overwrite) v.copy_(state.averages[i]);
        }
    }

    /// <summary>
    /// Swaps each variable's value with its moving average (what <c>SwapEMAWeights</c> does around evaluation; calling
    /// it twice restores the variables). Needs <c>use_ema</c> and a built optimizer.
    /// </summary>
    internal void swap_ema_weights(IReadOnlyList<Variable> variables)
    {
        if (!use_ema) throw new InvalidOperationException($"SwapEMAWeights must be used when `use_ema=True` is set on the optimizer. Received: use_ema={use_ema} (optimizer '{name}').");
        if (_state is not { } state) return;
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        foreach (var v in variables)
        {
            if (!state.index.TryGetValue(v, out var i)) continue;
            var value = v.value;
            var tmp = value.clone();
            value.copy_(state.averages![i]);
            state.averages[i].copy_(tmp);
        }
    }

    /// <summary>Sets each average to its variable's value (SwapEMAWeights at the last epoch, Keras's <c>_finalize_ema_values</c>).</summary>
    internal void set_averages_to_variables(IReadOnlyList<Variable> variables)
    {
        if (!use_ema || _state is not { } state) return;
        using var _ = no_grad();
        foreach (var v in variables)
            if (state.index.TryGetValue(v, out var i)) state.averages![i].copy_(v.value);
    }

    /// <summary>
    /// Overwrites the variables with their moving averages (Keras: <c>finalize_variable_values</c>, called at the end of
    /// <c>fit</c>); does nothing without <c>use_ema</c>.
    /// </summary>
    public virtual void finalize_variable_values(IReadOnlyList<Variable> var_list)
    {
        ArgumentNullException.ThrowIfNull(var_list);
        if (!use_ema || _state is not { } state) return;
        using var _ = no_grad();
        foreach (var v in var_list)
            if (state.index.TryGetValue(v, out var i)) v.value.copy_(state.averages![i]);
    }

    /// <summary>The slot <paramref name="slotName"/> of <paramref name="variable"/> (a view bound to it), for tests and tools.</summary>
    internal Tensor slot(object variable, string slotName)
    {
        var state = _state ?? throw new InvalidOperationException($"Optimizer '{name}' is not built.");
        int i = state.index.TryGetValue(variable, out var j) ? j : throw new ArgumentException($"Unknown variable: {Describe(variable)}.", nameof(variable));
        if (slotName == "average" && use_ema) return state.averages![i];
        for (int s = 0; s < slots_per_variable; s++)
            if (slot_name(s) == slotName) return state.slots[i][s];
        throw new ArgumentException($"Optimizer '{name}' has no slot '{slotName}'; its slots are: {string.Join(", ", Enumerable.Range(0, slots_per_variable).Select(slot_name))}.", nameof(slotName));
    }

    // ---- State for saving and loading (Keras: optimizer.variables, save_own_variables / load_own_variables) -----------

    // Slots read from a file, per trained variable, waiting for build to bind them to the variables.
    List<Tensor[]>? _pending;
    long _pendingTotal;

    /// <summary>How many state tensors the rule keeps per trained variable.</summary>
    internal int slot_count => slots_per_variable;

    /// <summary>How many scalar state variables the rule keeps besides iterations and learning_rate.</summary>
    internal int extra_scalar_count => extra_scalar_variables;

    /// <summary>The values of the extra scalar state variables, in Keras's order (Nadam's u_product).</summary>
    protected internal virtual float[] get_extra_scalars() => Array.Empty<float>();

    /// <summary>Restores the extra scalar state variables from <see cref="get_extra_scalars"/>'s layout.</summary>
    protected internal virtual void set_extra_scalars(float[] values) { }

    /// <summary>
    /// The state of each trained variable (in the order the optimizer was built with): its slot tensors in this rule's
    /// order, shaped like the variable, on the optimizer's device and in its own dtype; null before the optimizer is
    /// built. These are the optimizer's own tensors, not copies: the next step overwrites them, so a reader copies them
    /// at once (a save's capture).
    /// </summary>
    internal IReadOnlyList<Tensor[]>? slot_values() => _pending ?? (IReadOnlyList<Tensor[]>?)_state?.slots;

    /// <summary>
    /// Replaces the state with saved values (Keras: <c>load_own_variables</c>): the step count and, when
    /// <paramref name="slots"/> is given, each trained variable's slots (this rule's order, shaped as
    /// <paramref name="shapes"/>): copied into the slots at once when the optimizer is built for variables of those
    /// shapes, else kept until <see cref="build"/> binds them.
    /// </summary>
    internal void import_state(long iterations, IReadOnlyList<long[]> shapes, List<Tensor[]>? slots, float[]? extras)
    {
        this.iterations = iterations;
        if (slots is null) return;
        if (_pending is not null) foreach (var s in _pending) foreach (var t in s) t.Dispose();
        _pending = slots.Select(s => s.Select(t => t.DetachFromDisposeScope()).ToArray()).ToList();
        _pendingTotal = shapes.Sum(s => s.Aggregate(1L, (a, b) => a * b));
        if (extras is not null) set_extra_scalars(extras);
        // Built for variables the file does not describe: start over, binding the loaded slots at the next build.
        if (_state is { } state && !AdoptPending(state)) DisposeState();
    }

    /// <summary>Copies loaded slots into the built state when they match its variables; false (and nothing changed) if not.</summary>
    bool AdoptPending(State state)
    {
        if (_pending is not { } pending) return true;
        bool fits = pending.Count == state.keys.Length
            && pending.Select((s, i) => s.Length == slots_per_variable && s.All(t => t.numel() == state.segments[i].size)).All(ok => ok);
        if (!fits) return false;
        _pending = null;
        using (no_grad())
            for (int i = 0; i < pending.Count; i++)
                for (int s = 0; s < slots_per_variable; s++)
                    state.slots[i][s].copy_(pending[i][s].reshape(state.shapes[i]));
        foreach (var s in pending) foreach (var t in s) t.Dispose();
        return true;
    }

    void DisposeState()
    {
        if (_state is not { } state) return;
        DisposeViews(state);
        if (state.flat is not null) foreach (var t in state.flat) t.Dispose();
        else
        {
            foreach (var s in state.slots) foreach (var t in s) t.Dispose();
            if (state.averages is not null) foreach (var t in state.averages) t.Dispose();
        }
        _state = null;
        _arena = null;
    }

    /// <summary>Frees the optimizer's state tensors and cached scalars (TorchSharp's disposal); the optimizer is then unbuilt.</summary>
    public virtual void Dispose()
    {
        DisposeState();
        if (_pending is not null) foreach (var s in _pending) foreach (var t in s) t.Dispose();
        _pending = null;
        foreach (var s in _constants.Values) s.Dispose();
        _constants.Clear();
        GC.SuppressFinalize(this);
    }

    /// <summary>Keras's <c>clip_by_norm</c>: <c>g · c / max(‖g‖, c)</c>, in place.</summary>
    static void ClipByNorm(Tensor g, double c) => g.mul_(g.square().sum().sqrt().clamp_min(c).reciprocal().mul_(c));

    /// <summary>The optimizer's arguments, as Keras's <c>get_config()</c>.</summary>
    public virtual Dictionary<string, object?> get_config() => new()
    {
        ["name"] = name,
        ["learning_rate"] = _schedule is { } schedule
            ? Saving.Serialization.KerasObject("keras.optimizers.schedules", schedule.class_name, schedule.get_config())
            : (double)(float)learning_rate,
        ["weight_decay"] = weight_decay,
        ["clipnorm"] = clipnorm,
        ["global_clipnorm"] = global_clipnorm,
        ["clipvalue"] = clipvalue,
        ["use_ema"] = use_ema,
        ["ema_momentum"] = ema_momentum,
        ["ema_overwrite_frequency"] = ema_overwrite_frequency,
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
