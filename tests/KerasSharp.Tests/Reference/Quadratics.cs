namespace KerasSharp.Tests.Reference;

/// <summary>Test objectives with analytic gradients and known minimisers.</summary>
internal static class Quadratics
{
    /// <summary>f(w) = ½(w − c)ᵀA(w − c), A = [[3, 1], [1, 2]] (eigenvalues (5 ± √5)/2 ≈ 3.618, 1.382), minimiser c = (1, −2).</summary>
    public static readonly double[] Minimiser = [1.0, -2.0];

    /// <summary>∇f(w) = A(w − c).</summary>
    public static double[] Gradient(double[] w)
    {
        double d0 = w[0] - Minimiser[0];
        double d1 = w[1] - Minimiser[1];
        return [3 * d0 + 1 * d1, 1 * d0 + 2 * d1];
    }

    /// <summary>The largest coordinate-wise distance to the minimiser.</summary>
    public static double DistanceToMinimiser(double[] w) =>
        Math.Max(Math.Abs(w[0] - Minimiser[0]), Math.Abs(w[1] - Minimiser[1]));
}
