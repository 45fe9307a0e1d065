using Xunit;

namespace KerasSharp.Tests.Optimizers;

/// <summary>Step-by-step comparison of two weight trajectories (element k = the flat weights after k steps).</summary>
internal static class Trajectories
{
    /// <summary>
    /// Float32 precision, with margin. One float32 rounding is at most 2⁻²⁴ ≈ 6e-8 relative; a step rounds a handful of
    /// times (forward pass, gradient, moments, update), and over 50 steps on these well-conditioned problems the
    /// library's float32 run stays within about 3e-7 of the exact double-precision trajectory for SGD and RMSprop
    /// (measured: 7e-8 to 2.7e-7). Adam is the exception, at up to 4.5e-6: Keras computes its bias correction
    /// 1 − β₂ᵗ in float32 (β₂ = 0.999 is 0.99900001 in float32, and β₂ᵗ rounds by up to 6e-8), and since
    /// 1 − β₂ᵗ ≈ 0.001·t that rounding becomes a 1e-5-sized relative error of the step; the library reproduces it
    /// (ReferenceTrajectoryTests.Adam_MatchesKerasFormulaWithFloat32Scalars shows the library within 1.5e-7 of Keras's
    /// formula with float32 scalars). 1e-5 covers both while catching any update that is wrong by 1e-5 of a weight;
    /// the misplaced ε of the tiny-gradient cases moves the trajectory by 0.3 or more.
    /// </summary>
    public const double Float32 = 1e-5;

    /// <summary>
    /// The largest error over all steps and coordinates, relative to max(|expected|, <paramref name="floor"/>). The
    /// floor is the problem's weight scale: float32 rounding errors are relative to the size of the numbers a step
    /// combines (the weights, the predictions, the targets), not to a coordinate that happens to pass near 0.
    /// </summary>
    public static (double error, int step, int index) Worst(double[][] expected, double[][] actual, double floor)
    {
        Assert.Equal(expected.Length, actual.Length);
        (double error, int step, int index) worst = (0, 0, 0);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k].Length, actual[k].Length);
            for (int i = 0; i < expected[k].Length; i++)
            {
                double e = Math.Abs(expected[k][i] - actual[k][i]) / Math.Max(Math.Abs(expected[k][i]), floor);
                if (double.IsNaN(e)) e = double.PositiveInfinity;
                if (!(e <= worst.error)) worst = (e, k, i);
            }
        }
        return worst;
    }

    /// <summary>Asserts the trajectories agree at every step within <paramref name="relative"/> (see <see cref="Worst"/>).</summary>
    public static void AssertClose(double[][] expected, double[][] actual, double floor, double relative = Float32, string what = "trajectory")
    {
        var (error, step, index) = Worst(expected, actual, floor);
        Assert.True(error <= relative,
            $"{what}: after step {step}, weight {index} is {actual[step][index]:R}, expected {expected[step][index]:R} "
            + $"(error {error:E2} relative to max(|expected|, {floor:G3}); allowed {relative:E1}).");
    }

    /// <summary>Asserts the trajectories differ somewhere by more than <paramref name="relative"/>.</summary>
    public static void AssertFar(double[][] other, double[][] actual, double floor, double relative, string what)
    {
        var (error, _, _) = Worst(other, actual, floor);
        Assert.True(error > relative, $"{what}: the trajectories differ by at most {error:E2} (relative), expected more than {relative:E1}.");
    }

    /// <summary>Asserts the trajectory moves: some weight ends farther than <paramref name="relative"/>·floor from its start.</summary>
    public static void AssertMoves(double[][] path, double floor, double relative = 1e-2)
    {
        double moved = path[0].Select((w, i) => Math.Abs(path[^1][i] - w)).Max();
        Assert.True(moved > relative * floor, $"the weights moved by at most {moved:E2} over {path.Length - 1} steps; the test needs a trajectory that moves.");
    }
}
