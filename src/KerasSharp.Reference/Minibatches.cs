using System;
using System.Collections.Generic;

namespace KerasSharp.Reference;

/// <summary>
/// Index batches for minibatch SGD: each epoch splits the sample indices 0 … n−1 into consecutive batches of
/// <c>batchSize</c>, the last one smaller when <c>batchSize</c> does not divide n — the batches Keras's
/// <c>fit(batch_size=b, shuffle=False)</c> uses.
/// </summary>
public static class Minibatches
{
    /// <summary>
    /// The batches of <paramref name="epochs"/> epochs without shuffling: [0, b), [b, 2b), …, repeated each epoch.
    /// </summary>
    /// <param name="sampleCount">n ≥ 1, the number of samples.</param>
    /// <param name="batchSize">b ≥ 1; a value above n gives one batch of all samples.</param>
    /// <param name="epochs">The number of passes ≥ 0 (default 1).</param>
    /// <returns>⌈n/b⌉ batches per epoch, in order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static int[][] Sequential(int sampleCount, int batchSize, int epochs = 1)
    {
        Validate(sampleCount, batchSize, epochs);
        var batches = new List<int[]>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            AddBatches(batches, Identity(sampleCount), batchSize);
        }
        return batches.ToArray();
    }

    /// <summary>
    /// The batches of <paramref name="epochs"/> epochs, the indices reshuffled (Fisher–Yates with
    /// <paramref name="random"/>) at the start of every epoch. Reproducible for a seeded <see cref="Random"/>, but
    /// not the same permutation as Keras's shuffling.
    /// </summary>
    /// <param name="sampleCount">n ≥ 1, the number of samples.</param>
    /// <param name="batchSize">b ≥ 1.</param>
    /// <param name="epochs">The number of passes ≥ 0.</param>
    /// <param name="random">The source of the permutations.</param>
    /// <returns>⌈n/b⌉ batches per epoch; each epoch's batches cover every index exactly once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static int[][] Shuffled(int sampleCount, int batchSize, int epochs, Random random)
    {
        Validate(sampleCount, batchSize, epochs);
        ArgumentNullException.ThrowIfNull(random);
        var batches = new List<int[]>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            int[] order = Identity(sampleCount);
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            AddBatches(batches, order, batchSize);
        }
        return batches.ToArray();
    }

    /// <summary>Cuts <paramref name="order"/> into consecutive batches of <paramref name="batchSize"/>.</summary>
    private static void AddBatches(List<int[]> batches, int[] order, int batchSize)
    {
        for (int start = 0; start < order.Length; start += batchSize)
        {
            batches.Add(order[start..Math.Min(start + batchSize, order.Length)]);
        }
    }

    /// <summary>The indices 0 … n−1.</summary>
    private static int[] Identity(int sampleCount)
    {
        var indices = new int[sampleCount];
        for (int i = 0; i < sampleCount; i++)
        {
            indices[i] = i;
        }
        return indices;
    }

    /// <summary>Checks the arguments shared by both schedules.</summary>
    private static void Validate(int sampleCount, int batchSize, int epochs)
    {
        if (sampleCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleCount),
                $"sampleCount must be at least 1, but was {sampleCount}.");
        }
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize),
                $"batchSize must be at least 1, but was {batchSize}.");
        }
        if (epochs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epochs),
                $"epochs must be greater than or equal to 0, but was {epochs}.");
        }
    }
}
