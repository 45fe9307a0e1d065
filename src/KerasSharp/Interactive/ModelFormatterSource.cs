using System.Collections.Generic;
using KerasSharp.Models;

namespace KerasSharp.Interactive;

/// <summary>In a notebook, a model displays as its <c>summary()</c> table (Keras's own table, 88 wide).</summary>
internal sealed class ModelFormatterSource
{
    /// <summary>The formatters, found by .NET Interactive's convention.</summary>
    public static IEnumerable<object> CreateTypeFormatters()
    {
        yield return MimeFormatter.Pre(typeof(Model), o => Summary((Model)o));
        yield return new MimeFormatter("text/plain", typeof(Model), o => Summary((Model)o));
    }

    static string Summary(Model model) => model.summary_text(line_length: 88);
}
