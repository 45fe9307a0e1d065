using Xunit;

namespace KerasSharp.Tests.Reference;

internal static class Tolerance
{
    /// <summary>Asserts |expected − actual| ≤ relative·max(1, |expected|).</summary>
    public static void Near(double expected, double actual, double relative = 1e-12, string? what = null)
    {
        double allowed = relative * Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= allowed,
            $"{what ?? "value"}: expected {expected:R}, got {actual:R} (difference {Math.Abs(expected - actual):R}, allowed {allowed:R}).");
    }
}
