namespace KerasSharp.Tests.Saving;

/// <summary>A fresh directory under the system's temporary folder, deleted with its files on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(path);

    public string path { get; } = Path.Combine(Path.GetTempPath(), "kerassharp-saving-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => Path.Combine(path, name);

    public void Dispose()
    {
        try { Directory.Delete(path, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>The hand-made archive in Keras 3's layout, copied next to the tests.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Saving", "Fixtures", name);
}
