using System.Numerics;

namespace VisionZero.Scoring.Evaluation;

/// <summary>
/// Capture@K for several K at once (<see cref="RiskMetrics.Evaluate"/> states the rule): the boundary score
/// of each top k by in-place selection, never a full sort, since only the k-th value matters.
/// </summary>
internal static class TopCapture
{
    /// <summary>
    /// Capture for several k at once, ks ascending. The k-th largest score comes from in-place selection
    /// on a copy, each smaller k searching only the prefix the larger one left; then one pass splits every
    /// corner into above / tied / below each boundary. No full sort: only the boundary value matters.
    /// </summary>
    public static void Compute(
        ReadOnlySpan<double> predicted, ReadOnlySpan<int> actual, ReadOnlySpan<int> ks, Span<double> result)
    {
        var n = predicted.Length;
        var count = ks.Length;
        // A fixed seed: pivots only affect speed, never the value selected, but fixed keeps runs reproducible.
        var rng = 0x9E3779B97F4A7C15UL;

        var scores = predicted.ToArray();
        Span<double> boundary = stackalloc double[count];
        var limit = n;
        for (var j = count - 1; j >= 0; j--)
        {
            // After selecting rank k-1 in [0, limit), [0, k) holds the k largest, so smaller k stay inside it.
            SelectDescending(scores.AsSpan(0, limit), ks[j] - 1, ref rng);
            boundary[j] = scores[ks[j] - 1];
            limit = ks[j];
        }
        Span<long> bestSum = stackalloc long[count];
        BestSums(actual, ks, bestSum, ref rng);

        Span<long> aboveSum = stackalloc long[count];
        Span<int> aboveCount = stackalloc int[count];
        Span<long> tiedSum = stackalloc long[count];
        Span<int> tiedCount = stackalloc int[count];
        aboveSum.Clear();
        aboveCount.Clear();
        tiedSum.Clear();
        tiedCount.Clear();
        for (var i = 0; i < n; i++)
        {
            var p = predicted[i];
            var y = actual[i];
            for (var j = 0; j < count; j++)
            {
                if (p > boundary[j])
                {
                    aboveSum[j] += y;
                    aboveCount[j]++;
                }
                else if (p == boundary[j])
                {
                    tiedSum[j] += y;
                    tiedCount[j]++;
                }
            }
        }

        for (var j = 0; j < count; j++)
        {
            // The boundary is the k-th score, so the tied group is never empty and covers the slots left.
            var slots = ks[j] - aboveCount[j];
            var captured = aboveSum[j] + (double)slots * tiedSum[j] / tiedCount[j];
            result[j] = bestSum[j] == 0 ? 0 : captured / bestSum[j];
        }
    }

    /// <summary>The sum of the k largest counts for each k (ascending).</summary>
    private static void BestSums(ReadOnlySpan<int> actual, ReadOnlySpan<int> ks, Span<long> sums, ref ulong rng)
    {
        var n = actual.Length;
        var max = 0;
        foreach (var y in actual)
            max = Math.Max(max, y);
        if (max <= n)
        {
            // Crash counts are small, so a histogram walked from the top beats a selection (no partitioning).
            var histogram = new int[max + 1];
            foreach (var y in actual)
                histogram[y]++;
            var taken = 0L;
            var sum = 0L;
            var value = max;
            for (var j = 0; j < ks.Length; j++)
            {
                while (taken < ks[j])
                {
                    var use = Math.Min(histogram[value], ks[j] - taken);
                    sum += use * (long)value;
                    taken += use;
                    histogram[value] -= (int)use;
                    if (histogram[value] == 0)
                        value--;
                }
                sums[j] = sum;
            }
            return;
        }

        var best = actual.ToArray();
        var limit = n;
        for (var j = ks.Length - 1; j >= 0; j--)
        {
            SelectDescending(best.AsSpan(0, limit), ks[j] - 1, ref rng);
            limit = ks[j];
        }
        var running = 0L;
        var at = 0;
        for (var j = 0; j < ks.Length; j++)
        {
            for (; at < ks[j]; at++)
                running += best[at];
            sums[j] = running;
        }
    }

    /// <summary>
    /// Moves the element of the given descending rank into place: larger ones before, smaller after.
    /// Three-way partitioning, because scores (and counts even more) have long runs of equal values
    /// that a two-way partition would split badly.
    /// </summary>
    private static void SelectDescending<T>(Span<T> values, int rank, ref ulong rng)
        where T : struct, IComparisonOperators<T, T, bool>
    {
        var lo = 0;
        var hi = values.Length - 1;
        while (lo < hi)
        {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            var pivot = values[lo + (int)(rng % (ulong)(hi - lo + 1))];
            // [lo, greater) > pivot, [greater, i) == pivot, (smaller, hi] < pivot.
            var greater = lo;
            var i = lo;
            var smaller = hi;
            while (i <= smaller)
            {
                var x = values[i];
                if (x > pivot)
                {
                    values[i] = values[greater];
                    values[greater] = x;
                    greater++;
                    i++;
                }
                else if (x < pivot)
                {
                    values[i] = values[smaller];
                    values[smaller] = x;
                    smaller--;
                }
                else
                {
                    i++;
                }
            }
            if (rank < greater)
                hi = greater - 1;
            else if (rank > smaller)
                lo = smaller + 1;
            else
                return;
        }
    }
}
