using System;
using System.IO;
using KerasSharp.Saving;

namespace KerasSharp.Models;

public abstract partial class Model
{
    /// <summary>
    /// Saves the model as a Keras 3 <c>.keras</c> archive (Keras: <c>model.save(filepath)</c>): its config (architecture,
    /// and how it was compiled), its weights and its optimizer's state, in the exact layout Keras 3 writes, so that
    /// <c>keras.models.load_model</c> in KerasSharp or in Python Keras rebuilds it and training continues where it stopped.
    /// </summary>
    /// <param name="filepath">Must end in ".keras" (else <see cref="ArgumentException"/>, as Keras); an existing file is replaced.</param>
    /// <remarks>
    /// Only what can be rebuilt from a config is saved: Sequential models whose layers' configs read back (KerasSharp's
    /// layers, nested Sequential models, user layers, which load when registered or given as <c>custom_objects</c>),
    /// with Keras's activations, initializers and regularizers. A <see cref="Layers.TorchModule"/> (an arbitrary
    /// TorchSharp module), a custom activation or initializer, or a subclassed model is refused with a
    /// <see cref="NotSupportedException"/>: use <see cref="save_weights"/> and rebuild the model in code. The loss and
    /// metrics are recorded by their Keras names (as a config when they differ from the named default). The optimizer is
    /// written as Keras's torch backend writes it (module <c>keras.src.backend.torch.optimizers.torch_adam</c>).
    /// </remarks>
    public void save(string filepath) => ModelArchive.Save(this, filepath);

    /// <summary>
    /// Saves the weights, and the optimizer's variables if the model is compiled, to an HDF5 file in Keras 3's layout
    /// (Keras: <c>model.save_weights(filepath)</c>): <c>/layers/dense/vars/0</c> (kernel, (in, out)), <c>/1</c> (bias),
    /// ..., <c>/optimizer/vars/0</c> (iteration), <c>/1</c> (learning rate), then the slots.
    /// </summary>
    /// <param name="filepath">Must end in ".weights.h5" (else <see cref="ArgumentException"/>, as Keras).</param>
    /// <exception cref="InvalidOperationException">The model is not built yet.</exception>
    public void save_weights(string filepath)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        if (!filepath.EndsWith(".weights.h5", StringComparison.Ordinal))
            throw new ArgumentException($"The filename must end in `.weights.h5`. Received: filepath={filepath}", nameof(filepath));
        if (!built)
            throw new InvalidOperationException(
                "You are saving a model that has not yet been built. Try building the model first by calling it on some data or by using `build()`.");
        using var weights = WeightsFile.Capture(this);
        AtomicFile.Write(filepath, stream => WeightsFile.EncodeTo(weights, stream));
    }

    /// <summary>
    /// Loads weights saved by <see cref="save_weights"/> or <see cref="save"/> (a ".weights.h5" file or a ".keras"
    /// archive, in KerasSharp or Python Keras) into this model (Keras: <c>model.load_weights(filepath)</c>). Layers are
    /// matched by position and class (dense, dense_1, ...), not by name. The optimizer's state is loaded too when the
    /// model is compiled and its optimizer has as many variables as the file (Keras: otherwise a warning, and the
    /// optimizer is left alone).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Wrong extension, or the file does not fit the model (a layer with a different number of weights or a different
    /// shape), with Keras's message; nothing is changed then.
    /// </exception>
    /// <exception cref="InvalidOperationException">The model is not built yet.</exception>
    public void load_weights(string filepath) => load_weights(filepath, buildOptimizer: false);

    /// <summary>
    /// <see cref="load_weights(string)"/>; with <paramref name="buildOptimizer"/> an unbuilt optimizer takes the file's
    /// state as if built first (Keras's BackupAndRestore builds the optimizer before loading).
    /// </summary>
    internal void load_weights(string filepath, bool buildOptimizer)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        bool archive = filepath.EndsWith(".keras", StringComparison.Ordinal);
        if (!archive && !filepath.EndsWith(".weights.h5", StringComparison.Ordinal))
            throw new ArgumentException(
                $"File format not supported: filepath={filepath}. KerasSharp supports `.keras` archives and `.weights.h5` files.", nameof(filepath));
        if (!built)
            throw new InvalidOperationException(
                "You are loading weights into a model that has not yet been built. Try building the model first by calling it on some data or by using `build()`.");
        BackgroundWriter.WaitFor(filepath); // a checkpoint being written in the background is read once complete
        if (!File.Exists(filepath)) throw new FileNotFoundException($"No such file: '{filepath}'.", filepath);
        WeightsFile.LoadFile(this, filepath, optimizerBuilt: buildOptimizer || (optimizer?.built ?? false));
    }

    /// <summary>The loss weight given to <c>compile</c>, or null when not compiled.</summary>
    internal double? compiled_loss_weight => _compiled?.loss_weight;
}
