using System;
using System.IO;

namespace KerasSharp.Interactive;

/// <summary>
/// One convention-based .NET Interactive formatter (see <see cref="TypeFormatterSourceAttribute"/>): writes values of
/// <see cref="Type"/> as <see cref="MimeType"/>, or declines (false) so the kernel tries its next formatter.
/// Image types are written base64-encoded, as notebooks store them.
/// </summary>
internal sealed class MimeFormatter(string mimeType, Type type, Func<object, string?> format)
{
    /// <summary>The MIME type written, e.g. "text/plain", "text/html", "image/png".</summary>
    public string MimeType { get; } = mimeType;

    /// <summary>The type formatted (and its subclasses).</summary>
    public Type Type { get; } = type;

    /// <summary>Writes <paramref name="instance"/>; false when this formatter cannot show it.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (instance is null || !Type.IsInstanceOfType(instance)) return false;
        var text = format(instance);
        if (text is null) return false;
        writer.Write(text);
        return true;
    }

    /// <summary>A PNG formatter: the image's bytes, base64-encoded.</summary>
    public static MimeFormatter Png(Type type, Func<object, byte[]?> png) =>
        new("image/png", type, o => png(o) is { } bytes ? Convert.ToBase64String(bytes) : null);

    /// <summary>An HTML formatter showing text as it is, in a monospaced block.</summary>
    public static MimeFormatter Pre(Type type, Func<object, string> text) =>
        new("text/html", type, o => "<pre>" + System.Net.WebUtility.HtmlEncode(text(o)) + "</pre>");
}
