using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Backend;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasSharp.Optimizers;

/// <summary>
/// Dynamic loss scaling around another optimizer, for float16 training (Keras:
/// <c>keras.optimizers.LossScaleOptimizer</c>, keras/src/optimizers/loss_scale_optimizer.py). <see cref="scale_loss"/>
/// multiplies the loss by <see cref="dynamic_scale"/> before the backward pass, so small float16 gradients do not
/// underflow; each step then follows Keras's rules:
/// <list type="bullet">
/// <item>if any gradient holds an infinity or NaN, the step is skipped (variables, slots and the inner optimizer's
/// <c>iterations</c> stay as they were), the scale is halved and the step counter reset;</item>
/// <item>otherwise the gradients are divided by the scale and the inner optimizer steps; when this was the
/// <see cref="dynamic_growth_steps"/>-th finite step in a row the scale doubles and the counter restarts.</item>
/// </list>
/// <c>compile</c> wraps the optimizer in one (named "loss_scale_optimizer") when the model's dtype policy is
/// "mixed_float16", as Keras does. The verdict is reached on the device, without waiting for it: the step runs, and
/// a <c>torch.where</c> on the finite flag keeps the new values or the saved ones (Keras's torch backend branches on the
/// host with <c>ops.cond</c>). The host learns a skipped step's outcome lazily, at the next step or when
/// <see cref="iterations"/> is read, and then takes the step back from the inner optimizer's count. With the flat
/// parameter buffer of <c>fit</c>, the gradients are checked and unscaled over the flat gradient buffer in one
/// operation each, and the inner optimizer keeps its flat step.
/// </summary>
public sealed class LossScaleOptimizer : Optimizer
{
    readonly Optimizer _inner;
    Tensor? _scale;          // float32 scalar on the variables' device (Keras: dynamic_scale)
    Tensor? _counter;        // int32 scalar (Keras: step_counter)
    Tensor? _lastFinite;     // the last step's verdict, not read yet
    float[]? _lastExtras;    // the inner optimizer's extra scalars before that step

    /// <summary>
    /// Wraps <paramref name="inner_optimizer"/> (Keras's defaults: initial scale 2¹⁵ = 32768, doubled after 2000
    /// finite steps in a row).
    /// </summary>
    public LossScaleOptimizer(Optimizer inner_optimizer, double initial_scale = 32768.0, int dynamic_growth_steps = 2000, string? name = null)
        : base(0.0, name, null, null, null, null)
    {
        _inner = inner_optimizer ?? throw new ArgumentNullException(nameof(inner_optimizer), "LossScaleOptimizer needs the optimizer to wrap (`inner_optimizer`).");
        if (!(initial_scale > 0 && double.IsFinite(initial_scale) && float.IsFinite((float)initial_scale) && (float)initial_scale > 0))
            throw new ArgumentException($"Argument `initial_scale` must be a positive finite float32 number. Received: initial_scale={initial_scale}", nameof(initial_scale));
        if (dynamic_growth_steps < 1)
            throw new ArgumentException($"Argument `dynamic_growth_steps` must be an integer >= 1. Received: dynamic_growth_steps={dynamic_growth_steps}", nameof(dynamic_growth_steps));
        this.initial_scale = initial_scale;
        this.dynamic_growth_steps = dynamic_growth_steps;
    }

    /// <summary>
    /// What <c>compile</c> trains with (keras/src/trainers/trainer.py): <paramref name="optimizer"/> wrapped (named
    /// "loss_scale_optimizer") when <paramref name="auto_scale_loss"/> is set, the model's policy is "mixed_float16"
    /// and it is not a LossScaleOptimizer already; else <paramref name="optimizer"/> itself.
    /// </summary>
    internal static Optimizer wrap_for(Layers.Layer model, Optimizer optimizer, bool auto_scale_loss) =>
        auto_scale_loss && model.dtype_policy.name == "mixed_float16" && optimizer is not LossScaleOptimizer
            ? new LossScaleOptimizer(optimizer, name: "loss_scale_optimizer") { wrapped_by_compile = true }
            : optimizer;

    /// <summary>The wrapped optimizer (Keras: <c>inner_optimizer</c>).</summary>
    public Optimizer inner_optimizer => _inner;

    /// <summary>The loss scale before the first step (Keras: <c>initial_scale</c>).</summary>
    public double initial_scale { get; }

    /// <summary>After this many finite steps in a row the scale doubles (Keras: <c>dynamic_growth_steps</c>).</summary>
    public int dynamic_growth_steps { get; }

    /// <summary>Whether <c>compile</c> made this wrapper (its compile config then names the optimizer it was given, as Keras's does).</summary>
    internal bool wrapped_by_compile { get; init; }

    /// <summary>The current loss scale, a float32 scalar tensor on the variables' device (Keras: <c>dynamic_scale</c>); needs a built optimizer.</summary>
    public Tensor dynamic_scale => _scale ?? throw NotBuilt(nameof(dynamic_scale));

    /// <summary>Finite steps since the scale last changed, an int32 scalar tensor (Keras: <c>step_counter</c>); needs a built optimizer.</summary>
    public Tensor step_counter => _counter ?? throw NotBuilt(nameof(step_counter));

    InvalidOperationException NotBuilt(string what) =>
        new($"LossScaleOptimizer '{name}' has no `{what}` before it is built: call `build(variables)` or take a step first.");

    /// <summary>The inner optimizer's step count (Keras: <c>iterations</c>); skipped steps are not counted.</summary>
    public override long iterations
    {
        get
        {
            Settle();
            return _inner.iterations;
        }
        internal set => _inner.iterations = value;
    }

    /// <summary>The inner optimizer's learning rate (Keras forwards it both ways).</summary>
    public override double learning_rate
    {
        // The base constructor sets a rate before the inner optimizer is known: that one is not kept.
        get => _inner?.learning_rate ?? 0.0;
        set { if (_inner is not null) _inner.learning_rate = value; }
    }

    /// <inheritdoc />
    public override bool built => _scale is not null;

    /// <inheritdoc />
    protected override int slots_per_variable => 0;

    /// <inheritdoc />
    protected internal override void update_step(Tensor variable, Tensor gradient, Tensor[] slots, long t, double learning_rate) =>
        throw new InvalidOperationException("LossScaleOptimizer steps through its inner optimizer.");

    /// <summary>Keras's <c>optimizer.variables</c> count: its own iteration, learning_rate, step_counter and dynamic_scale, then the inner optimizer's.</summary>
    internal override long variable_count => built ? 4 + _inner.variable_count : 0;

    /// <inheritdoc />
    internal override long variable_bytes => 4 * variable_count;

    /// <summary>
    /// Multiplies <paramref name="loss"/> by the current scale (Keras: <c>scale_loss</c>; before the first step, by
    /// <see cref="initial_scale"/>).
    /// </summary>
    public override Tensor scale_loss(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (_scale is null) return loss.mul(initial_scale);
        Follow(loss.device);
        return loss.mul(_scale);
    }

    /// <summary>
    /// Creates the scale and counter and builds the inner optimizer for <paramref name="variables"/> (Keras: <c>build</c>).
    /// </summary>
    public override void build(IReadOnlyList<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        BuildScale(variables.Cast<object>().ToArray());
    }

    void BuildScale(object[] keys)
    {
        if (keys.Length == 0) throw new ArgumentException("`variables` is empty: LossScaleOptimizer needs the variables it will train.", "variables");
        if (!_inner.has_state) _inner.Build(keys);
        var device = Value(keys[0]).device;
        _scale = tensor((float)initial_scale, ScalarType.Float32, device).DetachFromDisposeScope();
        _counter = tensor(0, ScalarType.Int32, device).DetachFromDisposeScope();
    }

    static Tensor Value(object key) => key is Variable v ? v.value : (Tensor)key;

    void Follow(Device device)
    {
        if (_scale is null || _counter is null || DeviceConfig.Same(_scale.device, device)) return;
        var scale = _scale.to(device).DetachFromDisposeScope();
        var counter = _counter.to(device).DetachFromDisposeScope();
        _scale.Dispose();
        _counter.Dispose();
        (_scale, _counter) = (scale, counter);
        if (_lastFinite is not null) Settle();
    }

    /// <summary>Takes a skipped step back from the inner optimizer once its verdict is known on the host.</summary>
    void Settle()
    {
        if (_lastFinite is not { } finite) return;
        _lastFinite = null;
        bool ok = finite.item<bool>();
        finite.Dispose();
        if (ok) return;
        _inner.iterations--;
        if (_lastExtras is { Length: > 0 } extras) _inner.set_extra_scalars(extras);
    }

    internal override void check_variables_are_known(IReadOnlyList<Variable> variables) => _inner.check_variables_are_known(variables);

    /// <summary>Keras's <c>_common_apply</c>: check the gradients, then the finite or the non-finite branch, decided on the device.</summary>
    internal override void Apply(IReadOnlyList<Tensor?> grads, object[] keys)
    {
        ArgumentNullException.ThrowIfNull(grads);
        Settle();
        if (keys.Length == 0 || grads.Count != keys.Length || grads.All(g => g is null) || keys.Any(k => k is null))
        {
            _inner.Apply(grads, keys); // refuses the call with its own message, or does nothing for no variables
            return;
        }
        if (_scale is null) BuildScale(keys);
        else if (!_inner.has_state) _inner.Build(keys); // loaded from a file: bind the inner optimizer's slots
        var values = keys.Select(Value).ToArray();
        Follow(values[0].device);
        var scale = _scale!;
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var arena = FlatGradients(values, grads);
        Tensor finite;
        IReadOnlyList<Tensor?> unscaled;
        List<Tensor> written;
        if (arena is not null)
        {
            // fit's flat buffers: one check and one in-place division; the inner optimizer keeps its flat step.
            finite = isfinite(arena.flat_grad).all();
            arena.flat_grad.div_(scale);
            unscaled = grads;
            written = new List<Tensor> { arena.flat };
        }
        else
        {
            var present = grads.Where(g => g is not null).Select(g => isfinite(g!).all()).ToArray();
            finite = present.Length == 1 ? present[0] : stack(present).all();
            unscaled = grads.Select(g => g is null ? null : g.div(scale)).ToList();
            written = values.ToList();
        }
        written.AddRange(_inner.state_tensors());
        var saved = written.Select(t => t.clone()).ToArray();
        var extras = _inner.get_extra_scalars();
        _inner.Apply(unscaled, keys);
        // Keras's non-finite branch leaves the variables and the inner optimizer untouched: keep the saved values.
        for (int i = 0; i < written.Count; i++) written[i].copy_(where(finite, written[i], saved[i]));
        // step_counter: +1 after a finite step, 0 after a non-finite one or when it reaches dynamic_growth_steps;
        // dynamic_scale: ×2 when it does, ×0.5 after a non-finite step.
        var counter = _counter!;
        counter.add_(1).mul_(finite);
        var grow = counter.eq(dynamic_growth_steps);
        counter.masked_fill_(grow, 0);
        scale.mul_(finite.to(ScalarType.Float32).mul_(0.5).add_(0.5).add_(grow));
        _lastFinite = finite.DetachFromDisposeScope();
        _lastExtras = extras;
    }

    /// <summary>The parameter arena when every gradient is its gradient view for these variables (what fit passes), else null.</summary>
    static ParameterArena? FlatGradients(Tensor[] values, IReadOnlyList<Tensor?> grads)
    {
        var arena = ParameterArena.Owning(values[0]);
        if (arena is null || !arena.Matches(values)) return null;
        for (int i = 0; i < values.Length; i++)
            if (grads[i] is not { } g || !arena.IsGradientView(g, i)) return null;
        return arena;
    }

    /// <inheritdoc />
    public override void finalize_variable_values(IReadOnlyList<Variable> var_list) => _inner.finalize_variable_values(var_list);

    // ---- Saving (Keras: optimizer.variables = own [iteration, learning_rate, step_counter, dynamic_scale] + inner's) ----

    /// <summary>The step counter and scale as saved, on the CPU (int32, float32); before the first step, 0 and the initial scale.</summary>
    internal (Tensor counter, Tensor scale) export_scale()
    {
        Settle();
        if (_counter is null || _scale is null) return (tensor(0, ScalarType.Int32), tensor((float)initial_scale, ScalarType.Float32));
        return (_counter.to(ScalarType.Int32, CPU, copy: true), _scale.to(ScalarType.Float32, CPU, copy: true));
    }

    /// <summary>Restores the step counter and scale read from a file (on the CPU until the first step moves them to the variables' device).</summary>
    internal void import_scale(int counter, float scale)
    {
        Settle();
        if (_counter is null || _scale is null)
        {
            _scale = tensor(scale, ScalarType.Float32).DetachFromDisposeScope();
            _counter = tensor(counter, ScalarType.Int32).DetachFromDisposeScope();
            return;
        }
        using var _ = no_grad();
        _counter.fill_(counter);
        _scale.fill_(scale);
    }

    /// <summary>Keras's config: the base options, <c>inner_optimizer</c> serialized, <c>initial_scale</c>, <c>dynamic_growth_steps</c>; no learning rate.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config.Remove("learning_rate");
        config["inner_optimizer"] = Saving.Serialization.Optimizer(_inner);
        config["initial_scale"] = initial_scale;
        config["dynamic_growth_steps"] = (long)dynamic_growth_steps;
        return config;
    }

    /// <summary>Frees the scale, the counter and the inner optimizer.</summary>
    public override void Dispose()
    {
        _scale?.Dispose();
        _counter?.Dispose();
        _lastFinite?.Dispose();
        (_scale, _counter, _lastFinite) = (null, null, null);
        _inner.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"<LossScaleOptimizer name={name}, inner_optimizer={_inner}>";
}
