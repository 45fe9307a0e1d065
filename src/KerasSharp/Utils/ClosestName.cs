using System;
using System.Collections.Generic;
using System.Linq;

namespace KerasSharp.Utils;

/// <summary>
/// The "did you mean ...?" of KerasSharp's errors for unknown names (optimizers, losses, metrics, activations,
/// regularizers, initializers, layer classes): a typo is the usual cause, so the closest valid name (by edit distance,
/// ignoring case) is named before the list of valid ones. Keras itself only lists them, or not even that.
/// </summary>
internal static class ClosestName
{
    /// <summary>
    /// <c>"Did you mean 'accuracy'? "</c> for the valid name closest to <paramref name="given"/> when it is close
    /// enough to be a typo (at most a third of its letters changed, at least 2), otherwise "".
    /// </summary>
    internal static string DidYouMean(string? given, IEnumerable<string> valid)
    {
        if (string.IsNullOrEmpty(given)) return "";
        // Closest ignoring case; among equals, closest with case (l3 -> l1, not L1), then first in ordinal order.
        string? best = null;
        (int, int) bestDistance = (int.MaxValue, int.MaxValue);
        foreach (var name in valid)
        {
            var d = (Distance(given.ToLowerInvariant(), name.ToLowerInvariant()), Distance(given, name));
            if (d.CompareTo(bestDistance) < 0 || (d == bestDistance && best is not null && string.CompareOrdinal(name, best) < 0))
                (best, bestDistance) = (name, d);
        }
        if (best is null || best == given) return "";
        return bestDistance.Item1 <= Math.Max(2, given.Length / 3) ? $"Did you mean '{best}'? " : "";
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
            }
        return d[a.Length, b.Length];
    }
}
