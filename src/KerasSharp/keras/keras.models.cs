using System.Collections.Generic;
using KerasSharp.Layers;
using KerasSharp.Saving;

namespace KerasSharp;

public static partial class keras
{
    /// <summary>Models (Keras: <c>keras.models</c>).</summary>
    public static class models
    {
        /// <summary>A stack of layers (Keras: <c>Sequential([...])</c>).</summary>
        public static Models.Sequential Sequential(IEnumerable<Layer>? layers = null, string? name = null, bool trainable = true, string? dtype = null) =>
            new(layers, name, trainable, dtype);

        /// <summary>A functional model (Keras: <c>keras.Model(inputs, outputs, name)</c>); see <see cref="keras.Model"/>.</summary>
        public static Models.Functional Model(Ops.TensorStructure inputs, Ops.TensorStructure outputs, string? name = null, bool trainable = true) =>
            new(inputs, outputs, name, trainable);

        /// <summary>
        /// Loads a model saved as a Keras 3 <c>.keras</c> archive, by <c>model.save</c> here or by Python Keras (Keras:
        /// <c>keras.models.load_model(filepath, compile=True)</c>): the model is rebuilt from config.json, its weights
        /// and, when <paramref name="compile"/> and the archive has a compile config, its compilation (optimizer from its
        /// config, loss and metrics from their names) and optimizer state are restored, so <c>fit</c> continues where it
        /// stopped.
        /// </summary>
        /// <exception cref="System.ArgumentException">The path does not end in ".keras", or the weights do not fit the architecture.</exception>
        /// <exception cref="System.IO.FileNotFoundException">No such file.</exception>
        /// <exception cref="System.IO.InvalidDataException">The file is not a zip, or lacks config.json or model.weights.h5.</exception>
        /// <exception cref="System.NotSupportedException">
        /// A class KerasSharp cannot rebuild (the message names it and lists the known ones), or a Keras option it does not
        /// implement; when only the compile config is the problem, <c>compile: false</c> loads the model uncompiled.
        /// </exception>
        /// <param name="filepath">The archive, ending in ".keras".</param>
        /// <param name="compile">Whether to compile the model again from its compile config.</param>
        /// <param name="custom_objects">
        /// User classes by registered name ("my_package&gt;MyLayer") or class name, for classes not registered with
        /// <see cref="RegisterKerasSerializableAttribute"/> (Keras: <c>custom_objects</c>).
        /// </param>
        public static Models.Model load_model(string filepath, bool compile = true, IReadOnlyDictionary<string, System.Type>? custom_objects = null) =>
            ModelArchive.Load(filepath, compile, custom_objects);
    }
}
