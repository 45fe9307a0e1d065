using System.Collections.Generic;
using KerasSharp.Interactive;

namespace KerasSharp.Plotting.Interactive;

/// <summary>
/// In a notebook, a <see cref="Figure"/> displays as a PNG image, and an <see cref="Animation"/> as its last frame (its
/// HTML player, the course's <c>HTML(ani.to_jshtml())</c>, holds every frame and weighs megabytes: save it with
/// <c>ani.SaveHtml(path)</c>).
/// </summary>
internal sealed class FigureFormatterSource
{
    /// <summary>The formatters, found by .NET Interactive's convention (see KerasSharp's TypeFormatterSourceAttribute).</summary>
    public static IEnumerable<object> CreateTypeFormatters()
    {
        yield return MimeFormatter.Png(typeof(Figure), o => ((Figure)o).ToPng());
        yield return MimeFormatter.Png(typeof(Animation), o => ((Animation)o).RenderFrame(((Animation)o).Frames - 1));
    }
}
