using KerasSharp.Examples.Optimization;
using Xunit;

namespace KerasSharp.Tests.Optimization;

/// <summary>
/// <see cref="NumpyRandom"/> against NumPy 1.24's legacy RandomState. Expected values printed by real NumPy, e.g.
/// <c>np.random.seed(0); print(repr(np.random.rand(5)))</c>.
/// </summary>
public class NumpyRandomTests
{
    [Fact]
    public void Rand_seed0_matches_numpy_bit_for_bit()
    {
        var random = new NumpyRandom(0);
        double[] expected = [0.5488135039273248, 0.7151893663724195, 0.6027633760716439, 0.5448831829968969, 0.4236547993389047];
        Assert.Equal(expected, random.rand(5));
    }

    [Fact]
    public void Randn_seed0_matches_numpy()
    {
        var random = new NumpyRandom(0);
        double[] expected = [1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458, 1.8675579901499675];
        AssertClose(expected, random.randn(5), 1e-15);
    }

    [Fact]
    public void Randint_seed0_matches_numpy()
    {
        var random = new NumpyRandom(0);
        // np.random.randint(20, size=10)
        Assert.Equal([12L, 15, 0, 3, 3, 7, 9, 19, 18, 4], random.randint(20, size: 10));

        random.seed(0);
        // np.random.randint(7, size=5), then randint(1000, size=3), then randint(2**31, size=2)
        Assert.Equal([4L, 5, 0, 3, 3], random.randint(7, size: 5));
        Assert.Equal([707L, 359, 9], random.randint(1000, size: 3));
        Assert.Equal([530702035L, 626610453], random.randint(1L << 31, size: 2));
    }

    [Fact]
    public void Randint_wide_ranges_and_low_bound_match_numpy()
    {
        var random = new NumpyRandom(0);
        // np.random.randint(2**40, size=3) (64-bit draws), then np.random.randint(-5, 5, size=6)
        Assert.Equal([741280623151L, 506137267392, 291447657211], random.randint(1L << 40, size: 3));
        Assert.Equal([-2L, 2, 4, -2, 0, -3], random.randint(-5, 5, size: 6));
    }

    [Fact]
    public void Other_seed_matches_numpy()
    {
        var random = new NumpyRandom(12345);
        Assert.Equal([0.9296160928171479, 0.3163755545817859, 0.18391881167709445], random.rand(3));
        AssertClose([0.3161600083562148, -1.379198002097078, 0.4505544213927303], random.randn(3), 1e-15);
    }

    [Fact]
    public void Kept_gaussian_survives_uniform_draws_and_is_reset_by_seed()
    {
        // np.random.seed(0); a = randn(3); b = rand(1); c = randn(2)
        var random = new NumpyRandom(0);
        AssertClose([1.764052345967664, 0.4001572083672233, 0.9787379841057392], random.randn(3), 1e-15);
        Assert.Equal([0.4236547993389047], random.rand(1));
        AssertClose([2.240893199201458, -0.8427240538292873], random.randn(2), 1e-15);

        random.seed(0);
        AssertClose([1.764052345967664], random.randn(1), 1e-15);
    }

    [Fact]
    public void Matrices_are_filled_in_C_order()
    {
        var random = new NumpyRandom(0);
        double[,] m = random.rand(2, 2);
        Assert.Equal(0.7151893663724195, m[0, 1]);
        Assert.Equal(0.6027633760716439, m[1, 0]);
    }

    internal static void AssertClose(double[] expected, double[] actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * Math.Max(1, Math.Abs(expected[i])),
                $"[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }
}

/// <summary>np.random.permutation (the legacy shuffle) and pandas' sample(frac=1), values from numpy 1.24 / pandas.</summary>
public class NumpyPermutationTests
{
    [Fact]
    public void Permutation_matches_numpy()
    {
        // np.random.seed(5); np.random.permutation(10); np.random.permutation(300)[:5]
        var random = new NumpyRandom(5);
        Assert.Equal(new long[] { 9, 5, 2, 4, 7, 1, 0, 8, 6, 3 }, random.permutation(10));
        Assert.Equal(new long[] { 131, 24, 274, 96, 140 }, random.permutation(300)[..5]);
    }

    [Fact]
    public void Iris_sample_order_continues_from_the_nonconvex_cell_as_in_the_notebook()
    {
        // np.random.seed(0); randn(150, 6); randn(6, 20); randn(20, 1); randn(1, 20); randn(1, 1)
        // then pd.read_csv("iris.csv", index_col=0).sample(frac=1).index
        var random = new NumpyRandom(0);
        random.randn(150, 6); random.randn(6, 20); random.randn(20, 1); random.randn(1, 20); random.randn(1, 1);
        var order = random.permutation(150);
        Assert.Equal(new long[] { 13, 24, 148, 46, 97, 16, 85, 12, 103, 127, 23, 19 }, order[..12]);
        Assert.Equal(new long[] { 84, 6, 131, 28, 29 }, order[^5..]);
    }
}
