using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using KerasSharp.Backend;
using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Ops;

namespace KerasSharp.Utils;

/// <summary>
/// Keras's <c>model_to_dot</c> and <c>plot_model</c> (keras/src/utils/model_visualization.py): one record node per
/// layer with Keras's HTML-like label (name and class, optionally the activation, input and output shapes, dtype and
/// trainable), an edge for every connection between layers of the graph (consecutive layers for a Sequential), drawn
/// by Graphviz's <c>dot</c> program.
/// </summary>
internal static class ModelVisualization
{
    internal sealed record Options(bool show_shapes, bool show_dtype, bool show_layer_names, string rankdir, int dpi,
        bool show_layer_activations, bool show_trainable);

    /// <summary>The graph in Graphviz's dot language.</summary>
    internal static string ToDot(Model model, Options o)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.built)
            throw new InvalidOperationException("This model has not yet been built. Build the model first by calling `build()` or by calling the model on a batch of data.");
        if (o.rankdir is not ("TB" or "LR" or "BT" or "RL"))
            throw new ArgumentException($"`rankdir` must be one of \"TB\", \"LR\", \"BT\", \"RL\". Received: rankdir={o.rankdir}", nameof(o.rankdir));
        if (o.dpi <= 0) throw new ArgumentException($"`dpi` must be positive. Received: dpi={o.dpi}", nameof(o.dpi));
        var sb = new StringBuilder();
        sb.Append("digraph G {\n");
        sb.Append(CultureInfo.InvariantCulture, $"rankdir={o.rankdir};\nconcentrate=True;\ndpi={o.dpi};\nsplines=ortho;\nnode [shape=record];\n");
        var layers = model is Functional ? model.layers : model.layers;
        var ids = new Dictionary<Layer, string>(ReferenceEqualityComparer.Instance);
        foreach (var layer in layers)
        {
            var id = $"n{ids.Count}";
            ids[layer] = id;
            sb.Append(id).Append(" [label=").Append(Label(layer, o)).Append("];\n");
        }
        var edges = new List<(Layer from, Layer to)>();
        if (model is Functional f)
        {
            foreach (var layer in layers)
                foreach (var node in Node.InboundNodes(layer))
                {
                    if (!f.graph.nodes.Contains(node)) continue;
                    foreach (var t in node.input_tensors) edges.Add((t.history!.operation, layer));
                }
        }
        else
        {
            for (int i = 0; i + 1 < layers.Count; i++) edges.Add((layers[i], layers[i + 1]));
        }
        var seen = new HashSet<(string, string)>();
        foreach (var (from, to) in edges)
            if (ids.TryGetValue(from, out var a) && ids.TryGetValue(to, out var b) && seen.Add((a, b)))
                sb.Append(a).Append(" -> ").Append(b).Append(";\n");
        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>Keras's <c>make_layer_label</c>: an HTML-like table.</summary>
    static string Label(Layer layer, Options o)
    {
        var className = layer.class_name;
        int colspanMax = (o.show_dtype ? 1 : 0) + (o.show_trainable ? 1 : 0) + (o.show_shapes ? 2 : 0);
        int colspan = Math.Max(1, colspanMax);
        var t = new StringBuilder("<<table border=\"0\" cellborder=\"1\" bgcolor=\"black\" cellpadding=\"10\">");
        t.Append(CultureInfo.InvariantCulture, $"<tr><td colspan=\"{colspan}\" bgcolor=\"black\"><font point-size=\"16\" color=\"white\">");
        t.Append(o.show_layer_names ? $"<b>{Html(layer.name)}</b> ({Html(className)})" : $"<b>{Html(className)}</b>");
        t.Append("</font></td></tr>");
        if (o.show_layer_activations && layer.GetType().GetProperty("activation")?.GetValue(layer) is Activations.ActivationFunction act)
            t.Append(CultureInfo.InvariantCulture, $"<tr><td bgcolor=\"white\" colspan=\"{colspan}\"><font point-size=\"14\">Activation: <b>{Html(act.name)}</b></font></td></tr>");
        var cols = new List<string>();
        var first = Node.InboundNodes(layer) is { Count: > 0 } calls ? calls[0] : null;
        if (o.show_shapes)
        {
            if (layer is not InputLayer)
                cols.Add($"<td bgcolor=\"white\"><font point-size=\"14\">Input shape: <b>{Html(InputShape(first))}</b></font></td>");
            cols.Add($"<td bgcolor=\"white\"><font point-size=\"14\">Output shape: <b>{Html(OutputShape(first))}</b></font></td>");
        }
        if (o.show_dtype)
            cols.Add($"<td bgcolor=\"white\"><font point-size=\"14\">Output dtype: <b>{Html(first is null ? "?" : string.Join(", ", first.output_tensors.Select(x => x.dtype)))}</b></font></td>");
        if (o.show_trainable && layer.variables.Count > 0)
            cols.Add($"<td bgcolor=\"white\"><font point-size=\"14\">Trainable: <b>{(layer.trainable ? "True" : "False")}</b></font></td>");
        if (cols.Count > 0) t.Append("<tr>").Append(string.Concat(cols)).Append("</tr>");
        t.Append("</table>>");
        return t.ToString();
    }

    static string InputShape(Node? node) =>
        node is null ? "?" : node.list_call ? "[" + string.Join(", ", node.input_tensors.Select(x => KerasTensor.PythonTuple(x.shape_unsafe))) + "]"
            : node.input_tensors.Length == 0 ? "?" : KerasTensor.PythonTuple(node.input_tensors[0].shape_unsafe);

    static string OutputShape(Node? node) =>
        node is null ? "?" : node.output_tensors.Length == 1 ? KerasTensor.PythonTuple(node.output_tensors[0].shape_unsafe)
            : "[" + string.Join(", ", node.output_tensors.Select(x => KerasTensor.PythonTuple(x.shape_unsafe))) + "]";

    static string Html(string s) => WebUtility.HtmlEncode(s);

    /// <summary>Writes the plot: a .dot file as text, any other extension rendered by Graphviz's <c>dot</c> (-T extension).</summary>
    internal static void Plot(Model model, string to_file, Options o)
    {
        ArgumentNullException.ThrowIfNull(to_file);
        var dot = ToDot(model, o);
        var ext = Path.GetExtension(to_file).TrimStart('.').ToLowerInvariant();
        if (ext.Length == 0) throw new ArgumentException($"`to_file` needs an extension naming the format (\"model.png\", \".svg\", \".pdf\", \".dot\"). Received: {to_file}", nameof(to_file));
        if (ext == "dot" || ext == "gv")
        {
            File.WriteAllText(to_file, dot);
            return;
        }
        var psi = new ProcessStartInfo("dot", new[] { "-T" + ext, "-o", to_file })
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new Win32Exception("dot did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                "You must install graphviz (Debian/Ubuntu: `apt-get install graphviz`; see https://graphviz.gitlab.io/download/) for `plot_model` to work: "
                + $"its `dot` program was not found on PATH ({e.Message}). A \".dot\" `to_file` writes the graph without it.", e);
        }
        using (process)
        {
            process.StandardInput.Write(dot);
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"Graphviz's dot failed to write '{to_file}' as {ext} (exit code {process.ExitCode}): {error.Trim()}");
        }
    }
}
