namespace KerasSharp.Reference;

/// <summary>
/// Where <see cref="Adam"/> adds ε to the denominator. The two placements differ only through ε: Keras's ε̂ equals
/// Algorithm 1's ε scaled by √(1 − β₂ᵗ), i.e. <c>ε̂ = ε·√(1 − β₂ᵗ)</c>, which changes with the step t.
/// </summary>
public enum AdamEpsilonPlacement
{
    /// <summary>
    /// Keras's placement (the default), the "more efficient" ordering of Kingma &amp; Ba §2: the bias corrections are
    /// folded into the step size, <c>αₜ = α·√(1 − β₂ᵗ)/(1 − β₁ᵗ)</c>, and ε̂ is added to the <em>uncorrected</em>
    /// root: <c>w ← w − αₜ·m/(√v + ε̂)</c>.
    /// </summary>
    KerasEpsilonHat = 0,

    /// <summary>
    /// Kingma &amp; Ba, Algorithm 1 as published: <c>m̂ = m/(1 − β₁ᵗ)</c>, <c>v̂ = v/(1 − β₂ᵗ)</c>,
    /// <c>w ← w − α·m̂/(√v̂ + ε)</c>, ε added to the bias-corrected root.
    /// </summary>
    Algorithm1 = 1,
}
