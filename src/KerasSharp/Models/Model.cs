using System;
using System.Collections.Generic;
using System.Linq;
using KerasSharp.Backend;
using KerasSharp.Callbacks;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;
using KerasSharp.Utils;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Models;

/// <summary>
/// A layer with training and inference (Keras: <c>keras.Model</c>): <see cref="compile(Optimizer, Loss, IEnumerable{Metric}, IEnumerable{double}, bool)"/>, <c>fit</c>,
/// <c>evaluate</c>, <c>predict</c>, <see cref="summary"/>, <c>get_weights</c>/<c>set_weights</c>. It is a TorchSharp
/// module: <c>parameters()</c>, <c>state_dict()</c> and <c>to(device)</c> work on it. Subclass it and override
/// <c>call</c> (registering sub-layers with <c>add_layer</c>) for a subclassed model, or use <see cref="Sequential"/>.
/// </summary>
public abstract partial class Model : Layer, IDisposable
{
    /// <summary>Names the model, or auto-names it from its class (sequential, sequential_1, ...).</summary>
    protected Model(string? name = null, bool trainable = true, string? dtype = null) : base(name, trainable, dtype: dtype) { }

    /// <summary>The model's layers (Keras: <c>model.layers</c>); an InputLayer is not listed.</summary>
    public virtual IReadOnlyList<Layer> layers => sublayers.Where(l => l is not InputLayer).ToList();

    /// <summary>Whether <paramref name="target"/> is this model or one of its layers at any depth (each layer visited once).</summary>
    internal bool contains_layer(Layer target)
    {
        var seen = new HashSet<Layer>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<Layer>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var layer = pending.Pop();
            if (ReferenceEquals(layer, target)) return true;
            if (!seen.Add(layer)) continue;
            foreach (var inner in layer.sublayers) pending.Push(inner);
        }
        return false;
    }

    /// <summary>Finds a layer by name or by index (Keras: <c>get_layer</c>).</summary>
    public Layer get_layer(string? name = null, int? index = null)
    {
        if ((name is null) == (index is null))
            throw new ArgumentException("Provide exactly one of `name` or `index`.", nameof(name));
        if (index is { } i)
        {
            if (i < 0 || i >= layers.Count)
                throw new ArgumentOutOfRangeException(nameof(index), $"Was asked to retrieve layer at index {i} but model only has {layers.Count} layers.");
            return layers[i];
        }
        return layers.FirstOrDefault(l => l.name == name)
            ?? throw new ArgumentException($"No such layer: {name}. Existing layers are: {string.Join(", ", layers.Select(l => l.name))}.", nameof(name));
    }

    /// <summary>Set to true (for example by a callback) to stop <c>fit</c> after the current batch.</summary>
    public bool stop_training { get; set; }

    /// <summary>The epoch the next <c>fit</c> starts from when set by BackupAndRestore (Keras: <c>model._initial_epoch</c>); cleared when that fit ends.</summary>
    internal int? _initial_epoch;

    /// <summary>The History of the last <c>fit</c> call.</summary>
    public History? history { get; internal set; }

    /// <summary>The optimizer given to <see cref="compile(Optimizer, Loss, IEnumerable{Metric}, IEnumerable{double}, bool)"/>.</summary>
    public Optimizer? optimizer => _compiled?.optimizer;

    /// <summary>The loss given to <see cref="compile(Optimizer, Loss, IEnumerable{Metric}, IEnumerable{double}, bool)"/>.</summary>
    public Loss? loss => _compiled?.loss;

    /// <summary>
    /// The compiled metrics, named as given (Keras: <c>model.metrics</c>). A model with metrics of its own (a custom
    /// train_step's trackers) overrides it so that fit resets them each epoch and <see cref="get_metrics_result"/> reports them.
    /// </summary>
    public virtual IReadOnlyList<Metric> metrics => _compiled?.metrics ?? (IReadOnlyList<Metric>)Array.Empty<Metric>();

    /// <summary>Whether <see cref="compile(Optimizer, Loss, IEnumerable{Metric}, IEnumerable{double}, bool)"/> has been called.</summary>
    public bool compiled => _compiled is not null;

    CompiledState? _compiled;

    internal sealed class CompiledState : IDisposable
    {
        internal required Optimizer optimizer;
        internal required Loss loss;
        internal required double loss_weight;
        internal required List<Metric> metrics;
        internal readonly Mean loss_tracker = new("loss");
        /// <summary>The per-output losses and metrics of a model with several outputs (their metrics are in <see cref="metrics"/>), else null.</summary>
        internal CompiledOutputs? outputs;

        /// <summary>Frees the optimizer, the loss tracker and the metrics.</summary>
        public void Dispose()
        {
            optimizer.Dispose();
            loss_tracker.Dispose();
            foreach (var m in metrics) m.Dispose();
        }
    }

    /// <summary>
    /// Configures training (Keras: <c>model.compile</c>). <paramref name="optimizer"/> defaults to "rmsprop" as in Keras;
    /// names or objects are accepted for the optimizer (case-insensitive names), the loss (exact Keras names and aliases)
    /// and the metrics; a metric given by name is logged under that exact name ("acc" stays "acc"); "accuracy" picks
    /// binary, sparse or categorical accuracy from the data's shapes at the first batch. Under the "mixed_float16"
    /// policy the optimizer is wrapped in a <see cref="LossScaleOptimizer"/> unless <paramref name="auto_scale_loss"/> is false.
    /// </summary>
    public void compile(Optimizer? optimizer = null, Loss? loss = null, IEnumerable<Metric>? metrics = null, IEnumerable<double>? loss_weights = null,
        bool auto_scale_loss = true)
    {
        RefuseCompileDuringRun();
        if (loss is not null && output_count > 1)
        {
            compile(optimizer, (OutputLosses)loss, metrics is null ? null : OutputMetrics.FromFlat(metrics), loss_weights is null ? null : OutputWeights.FromFlat(loss_weights), auto_scale_loss);
            return;
        }
        if (loss is null)
            throw new ArgumentException("compile() needs a `loss`, e.g. loss: \"categorical_crossentropy\". Expected a Keras loss name or a Loss object.", nameof(loss));
        var metricList = (metrics ?? Enumerable.Empty<Metric>()).ToList();
        if (metricList.Any(m => m is null)) throw new ArgumentException("`metrics` contains a null entry.", nameof(metrics));
        double weight = 1.0;
        if (loss_weights is not null)
        {
            var w = loss_weights.ToList();
            if (w.Count != 1 || !double.IsFinite(w[0]))
                throw new ArgumentException($"`loss_weights` must hold one finite weight for this single-output model; received [{string.Join(", ", w)}].", nameof(loss_weights));
            weight = w[0];
        }
        // Keras (CompileMetrics.result): duplicate names get _1, _2, ...
        var seen = new Dictionary<string, int>();
        foreach (var m in metricList)
        {
            if (seen.TryGetValue(m.name, out var n)) { seen[m.name] = n + 1; m.name = $"{m.name}_{n}"; }
            else seen[m.name] = 1;
        }
        _compiled = new CompiledState
        {
            optimizer = LossScaleOptimizer.wrap_for(this, optimizer ?? new RMSprop(), auto_scale_loss),
            loss = loss,
            loss_weight = weight,
            metrics = metricList,
        };
        _arena?.Dispose();
        _arena = null;
    }

    internal CompiledState RequireCompiled(string method) => _compiled
        ?? throw new InvalidOperationException($"You must call `compile()` before using the model: `{method}` needs a loss and an optimizer.");

    /// <summary>
    /// Prints Keras 3's summary table (Keras: <c>model.summary()</c>): layers, output shapes, parameter counts, totals
    /// with sizes, and once the optimizer has state, its parameters. The width is 88 on a terminal of at least 92
    /// columns, else 76 (Keras's rule); <paramref name="print_fn"/> receives the whole text at once.
    /// </summary>
    public void summary(int? line_length = null, Action<string>? print_fn = null, bool show_trainable = false)
    {
        var text = summary_text(line_length, show_trainable);
        if (print_fn is not null) print_fn(text);
        else Console.Write(text);
    }

    /// <summary>The text <see cref="summary"/> prints.</summary>
    internal virtual string summary_text(int? line_length = null, bool show_trainable = false)
    {
        if (line_length is <= 0)
            throw new ArgumentException($"`line_length` must be positive. Received: line_length={line_length}", nameof(line_length));
        var rows = new List<SummaryRow>();
        foreach (var layer in layers)
        {
            var shape = layer.built && layer.input_shape is not null ? OutputShapeText(layer) : "?";
            long? count = layer.built ? layer.variables.Sum(v => v.size) : null;
            bool? trainable = layer.variables.Count == 0 ? null : layer.trainable;
            rows.Add(new SummaryRow($"{layer.name} ({layer.class_name})", shape, count, trainable));
        }
        return SummaryTable.Render(name, rows, summary_totals(), line_length ?? SummaryTable.DefaultLineLength(show_trainable), show_trainable);
    }

    /// <summary>The parameter counts and sizes under the summary table.</summary>
    internal SummaryTotals summary_totals()
    {
        var trainableVars = built ? trainable_weights : Array.Empty<Variable>();
        var nonTrainableVars = built ? non_trainable_weights : Array.Empty<Variable>();
        long tc = trainableVars.Sum(v => v.size), nc = nonTrainableVars.Sum(v => v.size);
        var opt = _compiled?.optimizer;
        return new SummaryTotals(tc, 4 * tc, nc, 4 * nc,
            opt is { built: true } ? opt.variable_count : null, opt is { built: true } ? opt.variable_bytes : 0);
    }

    static string OutputShapeText(Layer layer)
    {
        var shapes = layer.compute_output_shapes(layer.input_shape!);
        if (shapes.Count == 1) return SummaryTable.FormatShape(shapes[0]);
        return "[" + string.Join(", ", shapes.Select(s => SummaryTable.FormatShape(s))) + "]";
    }

    /// <summary>Number of scalars in the model's weights; throws if the model is not built (Keras: <c>count_params()</c>).</summary>
    public override long count_params()
    {
        if (!built)
            throw new InvalidOperationException($"You tried to call `count_params` on model '{name}', but the model isn't built. Give it an InputLayer, call `build(input_shape)`, or fit it first.");
        return variables.Sum(v => v.size);
    }

    // ---- Device placement ------------------------------------------------------------------------------------------

    Device? _pinned;

    /// <summary>Records an explicit <c>model.to(device)</c>: it then wins over <c>keras.config.set_device</c> and KERAS_DEVICE.</summary>
    protected override TorchSharp.torch.nn.Module _to(DeviceType deviceType, int deviceIndex, bool non_blocking)
    {
        _pinned = new Device(deviceType, deviceType == DeviceType.CUDA ? deviceIndex : -1);
        return base._to(deviceType, deviceIndex, non_blocking);
    }

    /// <inheritdoc />
    protected override TorchSharp.torch.nn.Module _to(Device device, ScalarType dtype, bool non_blocking)
    {
        _pinned = device;
        return base._to(device, dtype, non_blocking);
    }

    /// <summary>The device work runs on: a <c>keras.device</c> scope, else an explicit <c>to(device)</c>, else the configured device.</summary>
    internal Device target_device() => DeviceConfig.ScopedDevice ?? _pinned ?? DeviceConfig.Current;

    /// <summary>Moves every weight to <paramref name="device"/> if any is elsewhere (once per fit/evaluate/predict).</summary>
    internal void place_on(Device device)
    {
        bool misplaced = variables.Any(v => !DeviceConfig.Same(v.value.device, device));
        if (misplaced) _toEpilog(null, device, false);
    }

    // ---- Arena of trainable parameters ---------------------------------------------------------------------------

    ParameterArena? _arena;

    /// <summary>
    /// The flat parameter buffers for the current trainable parameters, rebuilt when they change; null when they cannot
    /// share one (mixed devices or dtypes, or a parameter already in another model's buffers: a shared layer then trains
    /// in place in the first model's buffers).
    /// </summary>
    internal ParameterArena? arena_for_training()
    {
        var parameters = trainable_weights.Select(v => v.value as TorchSharp.Modules.Parameter
            ?? throw new InvalidOperationException($"Trainable weight '{v.path}' is not a TorchSharp parameter.")).ToList();
        if (_arena is not null && _arena.Matches(parameters)) return _arena;
        _arena?.Dispose();
        _arena = ParameterArena.TryCreate(parameters);
        return _arena;
    }

    // ---- Disposal ----------------------------------------------------------------------------------------------------

    bool _disposed;

    /// <summary>
    /// Frees the model's tensors (TorchSharp's disposal): its weights, the flat parameter buffers, the compiled
    /// optimizer's state, metrics and loss tracker. The model cannot be used afterwards.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _disposed = true;
            _arena?.Dispose();
            _arena = null;
            _compiled?.Dispose();
            foreach (var v in variables) v.value.Dispose();
        }
        base.Dispose(disposing);
    }
}
