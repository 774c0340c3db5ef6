namespace VisionZero.Client.Synth;

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
