using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace KerasSharp.Tests.Saving;

/// <summary>Reading a .keras archive's entries, and comparing two archives of the same model state.</summary>
internal static partial class ArchiveFiles
{
    internal static Dictionary<string, byte[]> Entries(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        });
    }

    [GeneratedRegex("\"date_saved\": \"\\d{4}-\\d{2}-\\d{2}@\\d{2}:\\d{2}:\\d{2}\"")]
    private static partial Regex DateSaved();

    /// <summary>
    /// Asserts that two archives hold the same entries in the same order with the same bytes, metadata.json differing at
    /// most in its date_saved (to the second); when that is equal too, the zip files themselves are identical.
    /// </summary>
    internal static void AssertSameState(string expected, string actual)
    {
        var a = Entries(expected);
        var b = Entries(actual);
        Assert.Equal(["metadata.json", "config.json", "model.weights.h5"], a.Keys.ToArray());
        Assert.Equal(a.Keys.ToArray(), b.Keys.ToArray());
        Assert.Equal(a["config.json"], b["config.json"]);
        Assert.Equal(a["model.weights.h5"], b["model.weights.h5"]);
        string ma = Encoding.UTF8.GetString(a["metadata.json"]), mb = Encoding.UTF8.GetString(b["metadata.json"]);
        Assert.Matches(DateSaved(), mb);
        Assert.Equal(DateSaved().Replace(ma, ""), DateSaved().Replace(mb, ""));
        if (ma == mb) Assert.Equal(File.ReadAllBytes(expected), File.ReadAllBytes(actual));
    }
}
