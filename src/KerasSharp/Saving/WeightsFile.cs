using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using KerasSharp.Backend;
using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Optimizers;
using PureHDF;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Saving;

/// <summary>
/// Keras 3's HDF5 weights layout (Keras: <c>H5IOStore</c> and <c>_save_state</c> / <c>_load_state</c> in
/// keras/src/saving/saving_lib.py), used both for <c>model.weights.h5</c> inside a .keras archive and for
/// <c>model.save_weights("x.weights.h5")</c>:
/// <code>
/// /vars                      attrs {name: "sequential"}   (the model's own variables: none)
/// /layers/dense/vars         attrs {name: "dense"}        0: kernel float32 (in, out), 1: bias float32 (out,)
/// /layers/dense_1/vars       attrs {name: "dense_1"}
/// /optimizer/vars            attrs {name: "adam"}         0: iteration int32 (), 1: learning_rate float32 (), 2...: slots
/// </code>
/// A model's layers (<c>model.layers</c>, without the InputLayer) are keyed by their snake-cased class name made unique
/// within the model (dense, dense_1, activation, ...), not by layer name; each object writes its own variables,
/// trainable then non-trainable, as datasets "0", "1", .... Nested models repeat the pattern under their key.
/// Loading checks every layer and the optimizer before assigning anything, so a failed load leaves the model as it
/// was (Keras assigns the layers that match and then raises).
/// </summary>
internal static class WeightsFile
{
    /// <summary>The entry name inside a .keras archive.</summary>
    internal const string ArchiveEntry = "model.weights.h5";

    // ---- Writing --------------------------------------------------------------------------------------------------

    /// <summary>
    /// A weights tree taken by <see cref="Capture"/>. Its float values live in arrays rented from the shared array pool
    /// (a checkpoint every epoch reuses the same warm memory instead of allocating its size again on the large-object
    /// heap); <see cref="Dispose"/> gives them back once the tree is written, after which it must not be encoded again.
    /// Never disposed (a snapshot dropped for a newer one), the arrays are simply collected.
    /// </summary>
    internal sealed class Captured : IDisposable
    {
        readonly List<float[]> _rented = new();
        int _disposed;

        internal H5File Tree { get; } = new();

        /// <summary>Bytes the datasets hold: the encoded file is that plus the HDF5 structure.</summary>
        internal long DataBytes { get; private set; }

        internal int Datasets { get; private set; }

        /// <summary>
        /// A variable's value as a dataset: int32 stays int32 (a counter), every other dtype is stored as float32, as
        /// Keras's <c>variable.numpy()</c> gives it (<see cref="Variable.numpy"/>). One bulk copy of the tensor's bytes:
        /// a contiguous CPU tensor is read where it lies (no torch operation, no intermediate tensor), any other is copied
        /// to the CPU first.
        /// </summary>
        internal H5Dataset Add(Tensor t)
        {
            var shape = t.shape.Select(d => (ulong)d).ToArray();
            DataBytes += t.numel() * 4;
            Datasets++;
            if (t.dtype != ScalarType.Float32 && t.dtype != ScalarType.Int32) t = t.to_type(ScalarType.Float32);
            if (t.device_type != DeviceType.CPU || !t.is_contiguous()) t = t.detach().cpu().contiguous();
            if (t.dtype == ScalarType.Int32)
            {
                var ints = MemoryMarshal.Cast<byte, int>(t.bytes).ToArray();
                return shape.Length == 0 ? new H5Dataset(ints[0], fileDims: shape) : new H5Dataset(ints, fileDims: shape);
            }
            var floats = MemoryMarshal.Cast<byte, float>(t.bytes);
            if (shape.Length == 0) return new H5Dataset(floats[0], fileDims: shape);
            var array = ArrayPool<float>.Shared.Rent(floats.Length);
            _rented.Add(array);
            floats.CopyTo(array);
            return new H5Dataset(new Memory<float>(array, 0, floats.Length), fileDims: shape);
        }

        internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        /// <summary>Returns the rented arrays to the pool (once; later calls do nothing).</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            foreach (var a in _rented) ArrayPool<float>.Shared.Return(a);
            _rented.Clear();
        }
    }

    /// <summary>
    /// The first half of a weights save, the only part that reads the model: the HDF5 tree of its weights and, if
    /// compiled, its optimizer's variables with every value copied to the host (<see cref="Captured.Add"/>), so the tree refers to
    /// nothing the model or a later training step can change and <see cref="EncodeTo"/> can run on any thread.
    /// </summary>
    internal static Captured Capture(Model model)
    {
        using var scope = NewDisposeScope();
        var captured = new Captured();
        AddObject(captured.Tree, model, captured);
        if (model.optimizer is { } optimizer)
        {
            H5Group Vars(Optimizer o)
            {
                var vars = new H5Group { Attributes = new() { ["name"] = o.name } };
                var values = OptimizerState.Export(o);
                for (int i = 0; i < values.Count; i++) vars[Key(i)] = captured.Add(values[i]);
                return vars;
            }
            var group = new H5Group { ["vars"] = Vars(optimizer) };
            // Keras also saves a LossScaleOptimizer's inner optimizer under its attribute name.
            if (optimizer is LossScaleOptimizer ls) group["inner_optimizer"] = new H5Group { ["vars"] = Vars(ls.inner_optimizer) };
            captured.Tree["optimizer"] = group;
        }
        return captured;
    }

    /// <summary>
    /// The second half of a weights save: writes a captured tree's HDF5 image into a seekable, readable
    /// <paramref name="stream"/> (a file, or a memory buffer); no model access, any thread.
    /// </summary>
    internal static void EncodeTo(Captured weights, Stream stream)
    {
        weights.ThrowIfDisposed();
        weights.Tree.Write(stream, new H5WriteOptions(PreferCompactDatasetLayout: false)); // contiguous datasets, as h5py writes them
    }

    /// <summary>
    /// Encodes a captured tree into a buffer rented from the shared pool and sized for it, calls
    /// <paramref name="use"/> with the image, and gives the buffer back to the pool (an image larger than the estimate
    /// is encoded again into a growing buffer).
    /// </summary>
    internal static void WithImage(Captured weights, Action<ReadOnlySpan<byte>> use, long? estimateForTests = null)
    {
        long estimate = estimateForTests ?? weights.DataBytes + 65536 + 2048L * weights.Datasets;
        if (estimate < int.MaxValue / 2)
        {
            var buffer = ArrayPool<byte>.Shared.Rent((int)estimate);
            try
            {
                using var fixedSize = new MemoryStream(buffer, 0, buffer.Length, writable: true, publiclyVisible: true);
                fixedSize.SetLength(0); // empty, so that bytes the encoder skips over read as zeros (MemoryStream clears gaps)
                bool fits = true;
                try { EncodeTo(weights, fixedSize); }
                catch (NotSupportedException) { fits = false; } // the fixed-size stream cannot grow
                if (fits)
                {
                    use(buffer.AsSpan(0, (int)fixedSize.Length));
                    return;
                }
            }
            finally { ArrayPool<byte>.Shared.Return(buffer); }
        }
        using var growing = new MemoryStream();
        EncodeTo(weights, growing);
        use(growing.GetBuffer().AsSpan(0, (int)growing.Length));
    }

    /// <summary>An object's own variables under <c>vars</c>, then its layers under <c>layers/&lt;key&gt;</c>.</summary>
    static void AddObject(H5Group group, Layer layer, Captured captured)
    {
        var vars = new H5Group { Attributes = new() { ["name"] = layer.name } };
        var own = OwnVariables(layer);
        for (int i = 0; i < own.Count; i++) vars[Key(i)] = captured.Add(own[i].value);
        group["vars"] = vars;
        foreach (var (attribute, child) in layer.saved_attributes)
        {
            var attributeGroup = new H5Group();
            AddObject(attributeGroup, child, captured);
            group[attribute] = attributeGroup;
        }
        var children = Children(layer);
        if (children.Count == 0) return;
        var container = new H5Group();
        foreach (var (key, child) in children)
        {
            var childGroup = new H5Group();
            AddObject(childGroup, child, captured);
            container[key] = childGroup;
        }
        group["layers"] = container;
    }

    static string Key(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>Keras's <c>save_own_variables</c> order: the layer's own trainable variables, then its non-trainable ones.</summary>
    static List<Variable> OwnVariables(Layer layer) =>
        layer.own_variables.Where(v => v.trainable).Concat(layer.own_variables.Where(v => !v.trainable)).ToList();

    /// <summary>
    /// The layers an object saves below itself, with their keys: a model's <c>layers</c> (Keras walks that container
    /// first), other layers' sub-layers; keys are the snake-cased class names made unique (Keras:
    /// <c>_save_container_state</c>, <c>_get_unique_name</c>).
    /// </summary>
    internal static List<(string key, Layer layer)> Children(Layer layer)
    {
        var attributes = layer.saved_attributes.Select(a => a.layer).ToHashSet();
        var list = layer is Model m ? m.layers : layer.sublayers.Where(l => l is not InputLayer && !attributes.Contains(l)).ToList();
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<(string, Layer)>();
        foreach (var child in list)
        {
            var name = Naming.ToSnakeCase(child.GetType().Name);
            if (used.TryGetValue(name, out var n))
            {
                used[name] = n + 1;
                name = $"{name}_{n + 1}";
            }
            else used[name] = 0;
            result.Add((name, child));
        }
        return result;
    }

    // ---- Reading ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Keras's <c>model.load_weights(filepath)</c> for a .weights.h5 file or a .keras archive: reads only the groups the
    /// model has (see <see cref="H5Reader"/>), checks everything, then assigns.
    /// </summary>
    internal static void LoadFile(Model model, string filepath, bool optimizerBuilt)
    {
        bool archive = filepath.EndsWith(".keras", StringComparison.Ordinal);
        byte[] bytes = archive ? ModelArchive.ReadWeightsBytes(filepath, model) : ReadFileBytes(filepath, MaxBytes(model));
        using var reader = H5Reader.Open(bytes, archive ? $"{filepath}/{ArchiveEntry}" : filepath);
        Load(model, reader, optimizerBuilt, filepath);
    }

    /// <summary>
    /// The largest weights file that can fit <paramref name="model"/>: its variables and up to three optimizer slots
    /// each, stored as float64, plus 64 MB of HDF5 structure. Larger files are refused before being read.
    /// </summary>
    internal static long MaxBytes(Model model)
    {
        long elements = 0;
        foreach (var v in model.variables) elements += v.shape.Aggregate(1L, (a, d) => a * d);
        return (64L << 20) + 8 * 4 * elements;
    }

    static byte[] ReadFileBytes(string filepath, long maxBytes)
    {
        using var stream = File.OpenRead(filepath);
        if (stream.Length > maxBytes)
            throw new InvalidDataException($"'{filepath}' is {stream.Length} bytes, more than a weights file of this model can need ({maxBytes} bytes).");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    // ---- Loading into a model -------------------------------------------------------------------------------------

    /// <summary>
    /// Assigns the stored weights to <paramref name="model"/>'s layers and, when <paramref name="optimizerBuilt"/> says
    /// how many variables the optimizer has (Keras: built ones have their slots), its optimizer. Everything is checked
    /// first: on any mismatch nothing changes and Keras's error is raised.
    /// </summary>
    internal static void Load(Model model, H5Reader store, bool optimizerBuilt, string source)
    {
        var assignments = new List<(Variable variable, StoredArray value)>();
        var failures = new List<(string obj, string error)>();
        CheckObject(model, "", store, assignments, failures);

        Func<Action>? loadOptimizer = null;
        if (model.optimizer is { } optimizer)
        {
            var trained = model.trainable_weights;
            int expected = OptimizerState.KerasVariableCount(optimizer, trained.Count, optimizerBuilt);
            var entries = store.Entries("optimizer/vars") ?? new Dictionary<string, StoredArray>();
            if (entries.Count != expected)
            {
                // Keras (BaseOptimizer.load_own_variables) warns and keeps the optimizer as it is.
                Warn($"Skipping variable loading for optimizer '{optimizer.name}', because it has {expected} variables whereas the saved optimizer has {entries.Count} variables. "
                    + (expected == 2 ? "This is likely because the optimizer has not been called/built yet." : ""));
            }
            else
            {
                var stored = Ordered(entries, expected);
                var shapes = trained.Select(v => v.shape).ToList();
                var problem = stored is null ? $"Optimizer '{optimizer.name}': the saved variables are not named 0..{expected - 1}." : OptimizerState.Check(optimizer, stored, shapes);
                if (problem is not null) failures.Add(($"<Optimizer name={optimizer.name}>", problem));
                else loadOptimizer = () => OptimizerState.Prepare(optimizer, stored!, shapes);
            }
        }

        // All or nothing: every value is read (and the optimizer's state prepared) before anything is assigned.
        Action? importOptimizer = null;
        if (failures.Count == 0)
        {
            foreach (var (_, value) in assignments) value.AsFloats();
            importOptimizer = loadOptimizer?.Invoke();
        }

        if (failures.Count > 0)
            throw new ArgumentException(
                $"A total of {failures.Count} objects could not be loaded. Example error message for object {failures[0].obj}:\n\n{failures[0].error}\n\n"
                + $"List of objects that could not be loaded:\n[{string.Join(", ", failures.Select(f => f.obj))}]",
                "filepath");

        using (no_grad())
        {
            using var scope = NewDisposeScope();
            foreach (var (variable, value) in assignments) variable.assign(value.ToTensor().to(variable.value.device));
        }
        importOptimizer?.Invoke();
    }

    static void CheckObject(Layer layer, string path, H5Reader store,
        List<(Variable, StoredArray)> assignments, List<(string, string)> failures)
    {
        var own = OwnVariables(layer);
        var entries = store.Entries(path.Length == 0 ? "vars" : $"{path}/vars") ?? new Dictionary<string, StoredArray>();
        string? error = null;
        if (entries.Count != own.Count)
        {
            error = own.Count == 0 && !layer.built
                ? $"Layer '{layer.name}' was never built and thus it doesn't have any variables. However the weights file lists {entries.Count} variables for this layer.\n"
                  + "In most cases, this error indicates that the model was not built before loading: build it (give it an InputLayer, call build(input_shape), or fit it) first."
                : $"Layer '{layer.name}' expected {own.Count} variables, but received {entries.Count} variables during loading. Expected: [{string.Join(", ", own.Select(v => $"'{v.name}'"))}]";
        }
        else
        {
            var stored = Ordered(entries, own.Count);
            if (stored is null)
                error = $"Layer '{layer.name}': the weights file names its variables [{string.Join(", ", entries.Keys.Select(k => $"'{k}'"))}]; expected '0'..'{own.Count - 1}'.";
            else
                for (int i = 0; i < own.Count && error is null; i++)
                {
                    if (!stored[i].shape.SequenceEqual(own[i].shape))
                        error = "The shape of the target variable and the shape of the target value in `variable.assign(value)` must match. "
                            + $"variable.shape={OptimizerState.ShapeText(own[i].shape)}, Received: value.shape={OptimizerState.ShapeText(stored[i].shape)}. Target variable: {own[i]}";
                    else assignments.Add((own[i], stored[i]));
                }
        }
        if (error is not null) failures.Add((layer.ToString(), error));
        foreach (var (attribute, child) in layer.saved_attributes)
            CheckObject(child, path.Length == 0 ? attribute : $"{path}/{attribute}", store, assignments, failures);
        foreach (var (key, child) in Children(layer))
            CheckObject(child, path.Length == 0 ? $"layers/{key}" : $"{path}/layers/{key}", store, assignments, failures);
    }

    /// <summary>The datasets "0".."count-1" in order, or null if the keys are not exactly those.</summary>
    static List<StoredArray>? Ordered(Dictionary<string, StoredArray> entries, int count)
    {
        var list = new List<StoredArray>(count);
        for (int i = 0; i < count; i++)
        {
            if (!entries.TryGetValue(Key(i), out var a)) return null;
            list.Add(a);
        }
        return list;
    }

    /// <summary>Keras's <c>warnings.warn</c>: a UserWarning on standard error.</summary>
    internal static void Warn(string message) => Console.Error.WriteLine("UserWarning: " + message);
}
