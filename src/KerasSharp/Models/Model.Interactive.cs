using KerasSharp.Interactive;

namespace KerasSharp.Models;

// In a notebook a model displays as its summary table (see ModelFormatterSource).
[TypeFormatterSource(typeof(ModelFormatterSource), PreferredMimeTypes = ["text/html", "text/plain"])]
public abstract partial class Model;
