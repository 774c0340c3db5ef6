using System.Numerics;

namespace VisionZero.Client.Synth;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Our own generator because System.Random's seeded sequence is not a
/// documented contract, and a seed must reproduce the same export on every runtime.
/// </summary>
internal sealed class SynthRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SynthRandom(int seed)
    {
        var x = (ulong)(long)seed;
        (_s0, _s1, _s2, _s3) = (SplitMix(ref x), SplitMix(ref x), SplitMix(ref x), SplitMix(ref x));
    }

    public ulong NextULong()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n); multiply-shift rather than modulo; its n/2^32 bias is negligible here.</summary>
    public int NextInt(int n) => (int)(((NextULong() >> 32) * (ulong)n) >> 32);

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal via Box-Muller (one value per call keeps the state simple).</summary>
    public double NextGaussian() =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble())) * Math.Cos(2.0 * Math.PI * NextDouble());

    /// <summary>Knuth's multiplication method; fine for the small means used here.</summary>
    public int NextPoisson(double mean)
    {
        var (count, limit) = (0, Math.Exp(-mean));
        for (var p = NextDouble(); p > limit; p *= NextDouble())
        {
            count++;
        }

        return count;
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
