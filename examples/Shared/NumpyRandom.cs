namespace KerasSharp.Examples;

/// <summary>
/// NumPy's legacy random generator (<c>np.random.seed</c>, <c>rand</c>, <c>randn</c>, <c>randint</c> of the global
/// <c>RandomState</c>), ported bit for bit so that the chapter's data and minibatches are the same numbers in C#.
/// One instance is one <c>RandomState</c>: the chapter's <c>np.random.seed(0)</c> is <c>new NumpyRandom(0)</c>.
/// </summary>
/// <remarks>
/// MT19937 seeded with <c>init_genrand</c> (an integer seed), doubles from two 32-bit draws (53 bits, <c>random_sample</c>),
/// Gaussians by the legacy polar method, which keeps the second value of each pair for the next call, and integers by
/// masked rejection sampling on 32-bit draws (64-bit draws above 2^32), as <c>numpy/random/src/legacy</c> and
/// <c>_bounded_integers</c> do.
/// </remarks>
public sealed class NumpyRandom
{
    private const int N = 624, M = 397;
    private const uint MatrixA = 0x9908b0dfU, UpperMask = 0x80000000U, LowerMask = 0x7fffffffU;

    private readonly uint[] _mt = new uint[N];
    private int _mti;
    private bool _hasGauss;
    private double _gauss;

    /// <summary>A generator seeded as <c>np.random.seed(seed)</c>.</summary>
    public NumpyRandom(uint seed = 0) => this.seed(seed);

    /// <summary><c>np.random.seed(seed)</c>: resets the state (and forgets a kept Gaussian).</summary>
    public void seed(uint seed)
    {
        // mt19937_seed == init_genrand
        _mt[0] = seed;
        for (int i = 1; i < N; i++)
            _mt[i] = 1812433253U * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _mti = N;
        _hasGauss = false;
        _gauss = 0;
    }

    /// <summary>The next raw 32-bit output of MT19937 (<c>genrand_int32</c>).</summary>
    public uint NextUInt32()
    {
        if (_mti >= N)
        {
            int k;
            uint y;
            for (k = 0; k < N - M; k++)
            {
                y = (_mt[k] & UpperMask) | (_mt[k + 1] & LowerMask);
                _mt[k] = _mt[k + M] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0U);
            }
            for (; k < N - 1; k++)
            {
                y = (_mt[k] & UpperMask) | (_mt[k + 1] & LowerMask);
                _mt[k] = _mt[k + (M - N)] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0U);
            }
            y = (_mt[N - 1] & UpperMask) | (_mt[0] & LowerMask);
            _mt[N - 1] = _mt[M - 1] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0U);
            _mti = 0;
        }
        uint r = _mt[_mti++];
        r ^= r >> 11;
        r ^= (r << 7) & 0x9d2c5680U;
        r ^= (r << 15) & 0xefc60000U;
        r ^= r >> 18;
        return r;
    }

    private ulong NextUInt64() => ((ulong)NextUInt32() << 32) | NextUInt32();

    /// <summary><c>np.random.random_sample()</c>: a double in [0, 1) with 53 random bits.</summary>
    public double random_sample()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary><c>np.random.rand(n)</c>: n uniform doubles in [0, 1).</summary>
    public double[] rand(int n)
    {
        var r = new double[n];
        for (int i = 0; i < n; i++) r[i] = random_sample();
        return r;
    }

    /// <summary><c>np.random.rand(rows, cols)</c>, filled row by row (C order).</summary>
    public double[,] rand(int rows, int cols)
    {
        var r = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                r[i, j] = random_sample();
        return r;
    }

    /// <summary><c>np.random.standard_normal()</c> of the legacy generator (polar method, the pair's second value kept).</summary>
    public double gauss()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            double kept = _gauss;
            _gauss = 0;
            return kept;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * random_sample() - 1.0;
            x2 = 2.0 * random_sample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    /// <summary><c>np.random.randn(n)</c>: n standard normal doubles.</summary>
    public double[] randn(int n)
    {
        var r = new double[n];
        for (int i = 0; i < n; i++) r[i] = gauss();
        return r;
    }

    /// <summary><c>np.random.randn(rows, cols)</c>, filled row by row (C order).</summary>
    public double[,] randn(int rows, int cols)
    {
        var r = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                r[i, j] = gauss();
        return r;
    }

    /// <summary><c>np.random.randint(high, size=size)</c>: integers in [0, high).</summary>
    public long[] randint(long high, int size) => randint(0, high, size);

    /// <summary><c>np.random.randint(low, high, size=size)</c>: integers in [low, high).</summary>
    public long[] randint(long low, long high, int size)
    {
        if (high <= low) throw new ArgumentException($"low >= high ({low} >= {high})", nameof(high));
        var r = new long[size];
        ulong rng = (ulong)(high - 1 - low);
        for (int i = 0; i < size; i++) r[i] = low + (long)BoundedUInt64(rng);
        return r;
    }

    /// <summary><c>np.random.randint(high)</c>: one integer in [0, high).</summary>
    public long randint(long high) => randint(0, high, 1)[0];

    /// <summary>
    /// <c>np.random.permutation(n)</c>: a shuffled <c>arange(n)</c>, by the legacy Fisher-Yates shuffle (for i from n-1 down
    /// to 1, swap with <c>random_interval(i)</c>). pandas' <c>df.sample(frac=1)</c> draws exactly this from NumPy's global state.
    /// </summary>
    public long[] permutation(int n)
    {
        var a = new long[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i >= 1; i--)
        {
            long j = (long)Interval((ulong)i);
            (a[i], a[j]) = (a[j], a[i]);
        }
        return a;
    }

    // random_interval: a value in [0, max] by masked rejection, 32-bit draws when max fits in 32 bits.
    private ulong Interval(ulong max)
    {
        if (max == 0) return 0;
        ulong mask = Mask(max), value;
        if (max <= 0xFFFFFFFFUL)
            while ((value = NextUInt32() & mask) > max) { }
        else
            while ((value = NextUInt64() & mask) > max) { }
        return value;
    }

    // random_bounded_uint64_fill with use_masked=True, as the legacy RandomState.randint calls it.
    private ulong BoundedUInt64(ulong rng)
    {
        if (rng == 0) return 0;
        if (rng <= 0xFFFFFFFFUL)
        {
            if (rng == 0xFFFFFFFFUL) return NextUInt32();
            uint mask32 = (uint)Mask(rng);
            uint v;
            while ((v = NextUInt32() & mask32) > rng) { }
            return v;
        }
        if (rng == ulong.MaxValue) return NextUInt64();
        ulong mask = Mask(rng), w;
        while ((w = NextUInt64() & mask) > rng) { }
        return w;
    }

    // Smallest 2^k - 1 >= rng.
    private static ulong Mask(ulong rng)
    {
        ulong mask = rng;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        return mask;
    }
}
