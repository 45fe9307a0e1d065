using System;

namespace KerasSharp.Interactive;

/// <summary>
/// Tells .NET Interactive (Polyglot Notebooks, Jupyter's .NET kernel, dotnet-repl) how to display a type. The kernel
/// finds it by its name, TypeFormatterSourceAttribute, with no reference to Microsoft.DotNet.Interactive: it creates
/// <see cref="FormatterSourceType"/>, calls its <c>CreateTypeFormatters()</c>, and uses each formatter's
/// <c>MimeType</c>, <c>Type</c> and <c>Format(object, TextWriter)</c>; <see cref="PreferredMimeTypes"/> picks what a
/// cell shows. So a model, a history or a figure left as a cell's value displays inline, whether the notebook took
/// KerasSharp from a package or from a built assembly.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>The class whose <c>CreateTypeFormatters()</c> gives the formatters.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types a cell shows the value as, best first.</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
