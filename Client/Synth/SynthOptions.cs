using System.Globalization;
using System.Numerics;

namespace VisionZero.Client.Synth;

/// <summary>Shape of a synthetic crash export; <paramref name="EndDate"/> is the last day covered.</summary>
public sealed record SynthOptions(int Crashes, int Intersections, int Years, int Seed, DateOnly EndDate)
{
    public const int MaxCrashes = 50_000_000;
    public const int MaxIntersections = 1_000_000;
    public const int MaxYears = 30;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        Check(nameof(Crashes), Crashes, MaxCrashes);
        Check(nameof(Intersections), Intersections, MaxIntersections);
        Check(nameof(Years), Years, MaxYears);
        if (EndDate.Year <= Years)
        {
            // DateOnly.AddYears would otherwise throw deep inside generation.
            throw new ArgumentOutOfRangeException(nameof(EndDate), EndDate, "EndDate must be more than Years after year 1.");
        }
    }

    private static void Check(string name, int value, int max)
    {
        if (value < 1 || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between 1 and {max}.");
        }
    }
}

/// <summary>
/// What was written. <paramref name="Intersections"/> counts intersections that received at least one crash
/// (coordinate-only rows included); the dates are the earliest and latest crash dates actually written.
/// </summary>
public sealed record SynthSummary(int Rows, int Intersections, DateOnly FirstDate, DateOnly LastDate);

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
    public double NextGaussian() => Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble())) * Math.Cos(2.0 * Math.PI * NextDouble());

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

/// <summary>Walker/Vose alias table: O(n) build, O(1) weighted sampling.</summary>
internal sealed class AliasTable
{
    private readonly double[] _accept;
    private readonly int[] _alias;

    public AliasTable(IReadOnlyList<double> weights)
    {
        var n = weights.Count;
        var total = weights.Sum();
        var scaled = weights.Select(w => w * n / total).ToArray();
        (_accept, _alias) = (new double[n], new int[n]);
        var small = new Stack<int>(Enumerable.Range(0, n).Where(i => scaled[i] < 1.0));
        var large = new Stack<int>(Enumerable.Range(0, n).Where(i => scaled[i] >= 1.0));
        while (small.Count > 0 && large.Count > 0)
        {
            var (s, l) = (small.Pop(), large.Pop());
            (_accept[s], _alias[s]) = (scaled[s], l);
            scaled[l] += scaled[s] - 1.0;
            (scaled[l] < 1.0 ? small : large).Push(l);
        }

        // Whatever is left has probability 1 up to rounding error.
        foreach (var i in small.Concat(large))
        {
            _accept[i] = 1.0;
        }
    }

    public int Sample(SynthRandom rng)
    {
        var i = rng.NextInt(_accept.Length);
        return rng.NextDouble() < _accept[i] ? i : _alias[i];
    }
}

/// <summary>Writes comma-prefixed CSV fields, quoting only when a value needs it.</summary>
internal sealed class CsvRow(TextWriter output)
{
    private static readonly System.Buffers.SearchValues<char> NeedsQuoting = System.Buffers.SearchValues.Create(",\"\r\n");
    private readonly char[] _buffer = new char[64];

    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(NeedsQuoting) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public void Field(string value)
    {
        output.Write(',');
        output.Write(Quote(value));
    }

    public void Number(long value)
    {
        value.TryFormat(_buffer, out var length, default, CultureInfo.InvariantCulture);
        output.Write(',');
        output.Write(_buffer, 0, length);
    }

    /// <summary>LATITUDE,LONGITUDE,"(lat, lon)" in one formatted write; three blanks when absent.</summary>
    public void Coordinates(double lat, double lon, bool present)
    {
        if (!present)
        {
            output.Write(",,,");
            return;
        }

        _buffer.AsSpan().TryWrite(CultureInfo.InvariantCulture, $",{lat:F6},{lon:F6},\"({lat:F6}, {lon:F6})\"", out var length);
        output.Write(_buffer, 0, length);
    }
}
