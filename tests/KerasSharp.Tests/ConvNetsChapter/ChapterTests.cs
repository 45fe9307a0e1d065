using System.Text.Json;
using KerasSharp.Examples.ConvNets;
using KerasSharp.Tests.Saving;
using Xunit;

namespace KerasSharp.Tests.ConvNetsChapter;

/// <summary>
/// The CNN chapter's numbers (examples/ConvNets) against NumPy and SciPy (Fixtures/chapter.json, written by
/// Fixtures/make_chapter_fixture.py), and its LeNet trained on the digits.
/// </summary>
public sealed class ChapterTests : TorchTest
{
    static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ConvNetsChapter", "Fixtures", "chapter.json"))).RootElement;

    static double[] Vector(string key) => Fixture.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    static double[,] Matrix(string key)
    {
        var rows = Fixture.GetProperty(key).EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
        var m = new double[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++) for (int j = 0; j < rows[0].Length; j++) m[i, j] = rows[i][j];
        return m;
    }

    static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }

    [Fact]
    public void RandomWalk_IsNumpysSeed0Walk()
    {
        AssertClose(Vector("random_walk"), Cell1_RandomWalk.random_walk(new NumpyRandom(0)), 1e-12);
    }

    [Fact]
    public void GaussianSmoothing_IsNpCorrelateSame()
    {
        var filt = Cell1_RandomWalk.gaussian_filter();
        AssertClose(Vector("gaussian_filter"), filt, 1e-15);
        AssertClose(Vector("smoothed"), Signal.correlate_same(Vector("random_walk"), filt), 1e-12);
    }

    [Fact]
    public void BumpActivation_IsNpCorrelateSame_WithAnEvenFilter()
    {
        AssertClose(Vector("bump_signal_shift20"), Cell2_SlidingBump.bump(20), 1e-15);
        AssertClose(Vector("bump_activation_shift20"), Signal.correlate_same(Cell2_SlidingBump.bump(20), Cell2_SlidingBump.bump_filter()), 1e-12);
    }

    [Fact]
    public void BumpActivation_MovesWithTheBump()
    {
        var filt = Cell2_SlidingBump.bump_filter();
        var a = Signal.correlate_same(Cell2_SlidingBump.bump(10), filt);
        var b = Signal.correlate_same(Cell2_SlidingBump.bump(30), filt);
        // Away from the borders the activation of the shifted bump is the shifted activation.
        for (int t = 8; t < 40; t++) Assert.Equal(a[t], b[t + 20], 12);
    }

    [Fact]
    public void GaussianBlur_IsScipyConvolve2dSameSymm_SummedOverChannels()
    {
        AssertClose(Matrix("blur_kernel").Cast<double>().ToArray(), Cell4_GaussianBlur.gaussian_kernel().Cast<double>().ToArray(), 1e-15);
        var rows = Fixture.GetProperty("blur_image").EnumerateArray().ToArray();
        var image = new double[rows.Length, rows[0].GetArrayLength(), 3];
        for (int i = 0; i < rows.Length; i++)
        {
            var cols = rows[i].EnumerateArray().ToArray();
            for (int j = 0; j < cols.Length; j++)
                for (int c = 0; c < 3; c++) image[i, j, c] = cols[j][c].GetDouble();
        }
        var blurred = Cell4_GaussianBlur.blur(image, Cell4_GaussianBlur.gaussian_kernel());
        AssertClose(Matrix("blurred").Cast<double>().ToArray(), blurred.Cast<double>().ToArray(), 1e-12);
    }

    [Fact]
    public void Digits_AreUpsampledFourTimes()
    {
        var (x, y) = Cell6_LeNet.load_digits(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv"));
        Assert.Equal(new long[] { 1797, 32, 32, 1 }, x.shape);
        Assert.Equal(1797, y.Length);
        // First digit of the file, pixel (row 0, column 2) = 5/16, repeated over a 4x4 block.
        Assert.Equal(5f / 16f, x[0, 0, 8, 0].item<float>());
        Assert.Equal(5f / 16f, x[0, 3, 11, 0].item<float>());
        Assert.Equal(0f, x[0, 0, 7, 0].item<float>());
    }

    [Fact]
    public void LeNet_OnTheDigits_PassesNinetyFivePercent()
    {
        using var dir = new TempFolder();
        double accuracy = Cell6_LeNet.Run(dir.path, Path.Combine(AppContext.BaseDirectory, "data", "digits.csv"), epochs: 8);
        Assert.True(accuracy > 0.95, $"validation accuracy {accuracy:P2}");
        foreach (var file in new[] { "lenet_learning_curves.png", "lenet.keras", "lenet_predictions.json" })
            Assert.True(new FileInfo(dir.File(file)).Length > 0, file);
    }
}
