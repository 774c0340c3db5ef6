using System.Diagnostics;
using VisionZero.Models;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Risk.Tests;

[Trait("Category", "Fast")]
public class RiskMetricsTests
{
    // Whole counts land in classes 0, 1, 2, 3 and 4+.
    private static readonly RiskThresholds Unit = new([0.5, 1.5, 2.5, 3.5]);

    [Fact]
    public void A_perfect_predictor_scores_perfectly_on_every_metric()
    {
        var random = new Random(7);
        var actual = Enumerable.Range(0, 1000).Select(_ => random.Next(0, 4) == 0 ? random.Next(0, 9) : 0).ToArray();
        var predicted = actual.Select(a => (double)a).ToArray();

        var result = RiskMetrics.Evaluate("perfect", predicted, actual, Unit);

        Assert.Equal("perfect", result.Name);
        Assert.Equal(1, result.Capture1);
        Assert.Equal(1, result.Capture5);
        Assert.Equal(1, result.Capture10);
        Assert.Equal(1, result.Accuracy);
        Assert.Equal(1, result.MacroF1);
        Assert.Equal(0, result.Mae);
        // Not exactly 0: μ is floored at 1e-9, so each zero-count corner adds 2e-9 to the sum.
        Assert.InRange(result.PoissonDeviance, 0, 2e-9);
        Assert.Equal(1, result.Calibration);
    }

    [Fact]
    public void Classes_confusion_accuracy_mae_deviance_and_calibration_match_a_hand_worked_example()
    {
        // corner:     0    1    2    3    4    5
        double[] predicted = [0.2, 0.8, 2.0, 1.2, 4.0, 1.0];
        int[] actual = [0, 2, 2, 1, 5, 0];
        // Predicted classes 0,1,2,1,4,1; actual classes 0,2,2,1,4,0; nobody is class 3 on either side.
        // Confusion[actual][predicted]:
        //   Safe:    predicted Safe (c0), SomewhatSafe (c5)
        //   SSafe:   predicted SomewhatSafe (c3)
        //   Average: predicted SomewhatSafe (c1), Average (c2)
        //   Danger:  predicted Dangerous (c4)
        var result = RiskMetrics.Evaluate("hand", predicted, actual, Unit);

        int[][] confusion =
        [
            [1, 1, 0, 0, 0],
            [0, 1, 0, 0, 0],
            [0, 1, 1, 0, 0],
            [0, 0, 0, 0, 0],
            [0, 0, 0, 0, 1],
        ];
        Assert.Equal(confusion, result.Confusion.Select(row => row.ToArray()).ToArray());

        // Safe: tp 1, predicted 1, support 2 → P 1, R 1/2, F1 2/3.
        // SomewhatSafe: tp 1, predicted 3, support 1 → P 1/3, R 1, F1 = 2·(1/3)/(4/3) = 1/2.
        // Average: tp 1, predicted 1, support 2 → P 1, R 1/2, F1 2/3.
        // SomewhatDangerous: nothing either side → all 0.
        // Dangerous: tp 1, predicted 1, support 1 → 1, 1, 1.
        (double P, double R, double F1, int Support)[] expected =
        [
            (1, 0.5, 2.0 / 3, 2),
            (1.0 / 3, 1, 0.5, 1),
            (1, 0.5, 2.0 / 3, 2),
            (0, 0, 0, 0),
            (1, 1, 1, 1),
        ];
        for (var c = 0; c < expected.Length; c++)
        {
            var score = result.Classes[c];
            Assert.Equal((RiskClass)c, score.Class);
            Assert.Equal(expected[c].P, score.Precision, 12);
            Assert.Equal(expected[c].R, score.Recall, 12);
            Assert.Equal(expected[c].F1, score.F1, 12);
            Assert.Equal(expected[c].Support, score.Support);
        }

        // MacroF1 skips SomewhatDangerous (absent from both sides): (2/3 + 1/2 + 2/3 + 1) / 4 = 17/24, not 17/30.
        Assert.Equal(17.0 / 24, result.MacroF1, 12);
        // 4 of 6 on the diagonal.
        Assert.Equal(4.0 / 6, result.Accuracy, 12);
        // |errors| 0.2 + 1.2 + 0 + 0.2 + 1 + 1 = 3.6 over 6.
        Assert.Equal(0.6, result.Mae, 12);
        // 2·(y ln(y/μ) − (y − μ)) per corner:
        //   0.4, 4 ln 2.5 − 2.4, 0, −2 ln 1.2 + 0.4, 10 ln 1.25 − 2, 2.
        var deviance =
            (0.4 + (4 * Math.Log(2.5) - 2.4) + 0 + (-2 * Math.Log(1.2) + 0.4) + (10 * Math.Log(1.25) - 2) + 2) / 6;
        Assert.Equal(deviance, result.PoissonDeviance, 12);
        Assert.Equal(0.6553, result.PoissonDeviance, 4);
        // Σpredicted 9.2 over Σactual 10.
        Assert.Equal(0.92, result.Calibration, 12);
    }

    [Fact]
    public void Capture_at_each_k_matches_a_hand_worked_example_with_a_tie()
    {
        // corner:     0  1  2  3  4  5
        double[] predicted = [5, 3, 3, 3, 1, 0];
        int[] actual = [2, 4, 0, 1, 6, 0];
        // Best k corners by actual: 6, 4, 2, 1, 0, 0 → 6, 10, 12, 13, 13, 13.
        // The tied group at 3 (corners 1-3) holds 4 + 0 + 1 = 5 crashes over 3 corners, mean 5/3.
        // k=1: corner 0 alone: 2 / 6.
        // k=2: 2 + 1·5/3 = 11/3 over 10.
        // k=3: 2 + 2·5/3 = 16/3 over 12.
        // k=4: 2 + 5 = 7 over 13.
        // k=5: 7 + 6 (corner 4) = 13 over 13.
        // k=6: 13 over 13.
        double[] expected = [2.0 / 6, 11.0 / 30, 16.0 / 36, 7.0 / 13, 1, 1];
        for (var k = 1; k <= 6; k++)
            Assert.Equal(expected[k - 1], RiskMetrics.Capture(predicted, actual, k), 12);
    }

    [Fact]
    public void Evaluate_uses_k_of_one_one_and_two_at_twenty_corners()
    {
        // n = 20: k = max(1, round(0.2)) = 1, round(1.0) = 1, round(2.0) = 2.
        var predicted = new double[20];
        var actual = new int[20];
        (predicted[0], actual[0]) = (9, 1);
        (predicted[1], actual[1]) = (7, 6);
        (predicted[2], actual[2]) = (7, 0);
        (predicted[3], actual[3]) = (7, 3);
        for (var i = 4; i < 20; i++)
            predicted[i] = 1;
        actual[4] = 8;
        // Best: 8, then 8 + 6 = 14.
        // k=1: corner 0 → 1 / 8.
        // k=2: 1 + one slot in the tie at 7 (mean (6 + 0 + 3) / 3 = 3) = 4 over 14.
        var result = RiskMetrics.Evaluate("twenty", predicted, actual, Unit);

        Assert.Equal(1.0 / 8, result.Capture1, 12);
        Assert.Equal(1.0 / 8, result.Capture5, 12);
        Assert.Equal(4.0 / 14, result.Capture10, 12);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(10, 10, 1)]
    [InlineData(20, 5, 1)]
    [InlineData(30, 5, 2)] // 1.5 rounds away from zero
    [InlineData(50, 1, 1)] // 0.5 rounds away from zero
    [InlineData(150, 1, 2)]
    [InlineData(250, 1, 3)]
    [InlineData(249, 1, 2)]
    [InlineData(200_000, 10, 20_000)]
    public void Top_count_is_the_rounded_share_and_at_least_one(int n, int percent, int k)
    {
        Assert.Equal(k, RiskMetrics.TopCount(n, percent));
    }

    [Fact]
    public void With_all_scores_equal_capture_is_k_times_the_mean_over_the_best()
    {
        var random = new Random(11);
        var actual = Enumerable.Range(0, 50).Select(_ => random.Next(0, 7)).ToArray();
        var predicted = Enumerable.Repeat(0.7, 50).ToArray();
        var mean = actual.Average();
        var descending = actual.OrderDescending().ToArray();

        var result = RiskMetrics.Evaluate("flat", predicted, actual, Unit);

        // n = 50: k = 1 (0.5 rounds up), 3 (2.5 rounds up), 5.
        Assert.Equal(1 * mean / descending.Take(1).Sum(), result.Capture1, 12);
        Assert.Equal(3 * mean / descending.Take(3).Sum(), result.Capture5, 12);
        Assert.Equal(5 * mean / descending.Take(5).Sum(), result.Capture10, 12);
    }

    [Fact]
    public void Shuffling_the_input_order_never_changes_any_metric()
    {
        var random = new Random(2024);
        double[] levels = [0, 0.5, 1, 2, 3];
        var predicted = Enumerable.Range(0, 200).Select(_ => levels[random.Next(levels.Length)]).ToArray();
        var actual = Enumerable.Range(0, 200).Select(_ => random.Next(0, 7)).ToArray();
        var baseline = RiskMetrics.Evaluate("s", predicted, actual, Unit);

        var order = Enumerable.Range(0, predicted.Length).ToArray();
        for (var round = 0; round < 300; round++)
        {
            random.Shuffle(order);
            var shuffled = RiskMetrics.Evaluate(
                "s", order.Select(i => predicted[i]).ToArray(), order.Select(i => actual[i]).ToArray(), Unit);

            // Capture is built from whole-number sums, so it must be identical, not merely close.
            Assert.Equal(baseline.Capture1, shuffled.Capture1);
            Assert.Equal(baseline.Capture5, shuffled.Capture5);
            Assert.Equal(baseline.Capture10, shuffled.Capture10);
            Assert.Equal(baseline.Accuracy, shuffled.Accuracy);
            Assert.Equal(baseline.MacroF1, shuffled.MacroF1);
            Assert.Equal(baseline.Classes.ToArray(), shuffled.Classes.ToArray());
            Assert.Equal(baseline.Confusion.Select(r => r.ToArray()), shuffled.Confusion.Select(r => r.ToArray()));
            // Floating sums may differ in the last bits with the order of addition.
            Assert.Equal(baseline.Mae, shuffled.Mae, 12);
            Assert.Equal(baseline.PoissonDeviance, shuffled.PoissonDeviance, 12);
            Assert.Equal(baseline.Calibration, shuffled.Calibration, 12);
        }
    }

    [Fact]
    public void Capture_equals_the_average_over_every_tie_break_order_for_small_inputs()
    {
        var random = new Random(99);
        double[] levels = [0, 1, 2, 2.5];
        for (var trial = 0; trial < 200; trial++)
        {
            var n = random.Next(1, 9);
            var predicted = Enumerable.Range(0, n).Select(_ => levels[random.Next(levels.Length)]).ToArray();
            var actual = Enumerable.Range(0, n).Select(_ => random.Next(0, 6)).ToArray();
            var expected = BruteForceCapture(predicted, actual);

            for (var k = 1; k <= n; k++)
                Assert.Equal(expected[k - 1], RiskMetrics.Capture(predicted, actual, k), 12);

            var result = RiskMetrics.Evaluate("small", predicted, actual, Unit);
            Assert.Equal(expected[RiskMetrics.TopCount(n, 1) - 1], result.Capture1, 12);
            Assert.Equal(expected[RiskMetrics.TopCount(n, 5) - 1], result.Capture5, 12);
            Assert.Equal(expected[RiskMetrics.TopCount(n, 10) - 1], result.Capture10, 12);
        }
    }

    [Theory]
    [InlineData(137, 1)]
    [InlineData(1_000, 2)]
    [InlineData(4_321, 3)]
    [InlineData(20_000, 4)]
    public void Capture_agrees_with_a_sort_based_reference_on_larger_inputs(int n, int seed)
    {
        var random = new Random(seed);
        var predicted = Enumerable.Range(0, n)
            .Select(_ => random.Next(0, 3) == 0 ? random.NextDouble() * 4 : Math.Round(random.NextDouble(), 1))
            .ToArray();
        var actual = Enumerable.Range(0, n).Select(_ => random.Next(0, 10) == 0 ? random.Next(0, 12) : 0).ToArray();

        var result = RiskMetrics.Evaluate("mid", predicted, actual, Unit);

        Assert.Equal(SortedCapture(predicted, actual, RiskMetrics.TopCount(n, 1)), result.Capture1, 12);
        Assert.Equal(SortedCapture(predicted, actual, RiskMetrics.TopCount(n, 5)), result.Capture5, 12);
        Assert.Equal(SortedCapture(predicted, actual, RiskMetrics.TopCount(n, 10)), result.Capture10, 12);
    }

    [Fact]
    public void Capture_is_the_same_when_every_count_is_scaled_up_past_the_corner_count()
    {
        // Counts above n take the selection path instead of the histogram; a ratio must not care.
        var random = new Random(8);
        var predicted = Enumerable.Range(0, 1_000).Select(_ => (double)random.Next(0, 6)).ToArray();
        var actual = Enumerable.Range(0, 1_000).Select(_ => random.Next(0, 4) == 0 ? random.Next(0, 9) : 0).ToArray();
        var scaled = actual.Select(a => a * 10_000).ToArray();

        var small = RiskMetrics.Evaluate("small", predicted, actual, Unit);
        var large = RiskMetrics.Evaluate("large", predicted, scaled, Unit);

        Assert.Equal(small.Capture1, large.Capture1, 12);
        Assert.Equal(small.Capture5, large.Capture5, 12);
        Assert.Equal(small.Capture10, large.Capture10, 12);
        Assert.Equal(SortedCapture(predicted, scaled, 100), large.Capture10, 12);
    }

    [Fact]
    public void Two_hundred_thousand_corners_evaluate_correctly_without_quadratic_blowup()
    {
        var random = new Random(5);
        const int n = 200_000;
        // Mostly zero scores and counts: the long equal runs that would hurt a naive partition.
        var predicted = Enumerable.Range(0, n)
            .Select(_ => random.Next(0, 5) == 0 ? Math.Round(random.NextDouble() * 3, 2) : 0)
            .ToArray();
        var actual = Enumerable.Range(0, n).Select(_ => random.Next(0, 8) == 0 ? random.Next(1, 6) : 0).ToArray();
        RiskMetrics.Evaluate("warm-up", predicted, actual, Unit);

        var clock = Stopwatch.StartNew();
        var result = RiskMetrics.Evaluate("big", predicted, actual, Unit);
        clock.Stop();

        Assert.Equal(SortedCapture(predicted, actual, 2_000), result.Capture1, 12);
        Assert.Equal(SortedCapture(predicted, actual, 10_000), result.Capture5, 12);
        Assert.Equal(SortedCapture(predicted, actual, 20_000), result.Capture10, 12);
        // A loose guard against O(n²) only (it takes milliseconds); not a benchmark.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Capture_is_zero_when_no_corner_had_a_crash()
    {
        var result = RiskMetrics.Evaluate("none", [1.0, 2.0, 0.0], [0, 0, 0], Unit);

        Assert.Equal(0, result.Capture1);
        Assert.Equal(0, result.Capture5);
        Assert.Equal(0, result.Capture10);
        Assert.Equal(0, result.Calibration);
    }

    [Fact]
    public void Mismatched_lengths_throw_naming_both_lengths()
    {
        var error = Assert.Throws<ArgumentException>(
            () => RiskMetrics.Evaluate("x", [1.0, 2.0, 3.0], [1, 2, 3, 4], Unit));

        Assert.Contains("predicted has 3", error.Message);
        Assert.Contains("actual has 4", error.Message);
    }

    [Fact]
    public void Non_finite_scores_and_negative_counts_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => RiskMetrics.Evaluate("x", [1.0, double.NaN], [1, 2], Unit));
        Assert.Throws<ArgumentException>(() => RiskMetrics.Evaluate("x", [1.0, double.PositiveInfinity], [1, 2], Unit));
        Assert.Throws<ArgumentException>(() => RiskMetrics.Evaluate("x", [1.0, 2.0], [1, -1], Unit));
        Assert.Throws<ArgumentException>(() => RiskMetrics.Evaluate("x", [1.0], [1], new RiskThresholds([0.5, 1.5])));
    }

    [Fact]
    public void Empty_input_gives_zeros_without_nan()
    {
        var result = RiskMetrics.Evaluate("empty", [], [], Unit);

        double[] numbers = [result.Capture1, result.Capture5, result.Capture10, result.MacroF1, result.Accuracy,
            result.Mae, result.PoissonDeviance, result.Calibration];
        Assert.All(numbers, x => Assert.Equal(0, x));
        Assert.Equal(RiskThresholds.ClassCount, result.Classes.Length);
        Assert.All(result.Classes, c => Assert.Equal(new ClassScore(c.Class, 0, 0, 0, 0), c));
        Assert.Equal(RiskThresholds.ClassCount, result.Confusion.Length);
        Assert.All(result.Confusion, row => Assert.Equal(new int[RiskThresholds.ClassCount], row.ToArray()));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    [InlineData(1.0)]
    [InlineData(3.7)]
    [InlineData(50.0)]
    public void Class_probabilities_sum_to_one(double score)
    {
        RiskThresholds[] thresholds =
        [
            Unit,
            new([0.5, 2.5, 5.5, 11.5]),
            RiskThresholds.FromCounts([0, 0, 0, 0, 0, 0, 0, 1, 2, 7], [0.5, 0.75, 0.9, 0.97]),
        ];
        foreach (var t in thresholds)
        {
            var probabilities = t.Probabilities(score);
            Assert.Equal(RiskThresholds.ClassCount, probabilities.Length);
            Assert.All(probabilities, p => Assert.InRange(p, 0, 1));
            Assert.Equal(1, probabilities.Sum(), 9);
        }
    }

    [Fact]
    public void Cuts_from_counts_are_strictly_increasing_half_integers_even_when_most_counts_are_zero()
    {
        var counts = Enumerable.Repeat(0, 970)
            .Concat([1, 1, 1, 2, 2, 3, 5, 8, 13, 40])
            .Concat(Enumerable.Repeat(0, 20))
            .ToList();
        double[][] quantileSets = [[0.5, 0.75, 0.9, 0.97], [0.2, 0.4, 0.6, 0.8], [0.9, 0.95, 0.99, 0.999]];
        foreach (var quantiles in quantileSets)
        {
            AssertHalfIntegerAndIncreasing(RiskThresholds.FromCounts(counts, quantiles).Cuts);
            AssertHalfIntegerAndIncreasing(RiskThresholds.FromCounts(new int[500], quantiles).Cuts);
            AssertHalfIntegerAndIncreasing(RiskThresholds.FromCounts([], quantiles).Cuts);
        }

        static void AssertHalfIntegerAndIncreasing(IReadOnlyList<double> cuts)
        {
            Assert.Equal(RiskThresholds.ClassCount - 1, cuts.Count);
            for (var i = 0; i < cuts.Count; i++)
            {
                Assert.Equal(0.5, cuts[i] - Math.Floor(cuts[i]));
                if (i > 0)
                    Assert.True(cuts[i] > cuts[i - 1], $"cuts {string.Join(", ", cuts)} are not strictly increasing");
            }
        }
    }

    /// <summary>
    /// Capture for every k by brute force: average the top-k crash sum over all n! tie-break orders
    /// (each permutation ranks equal scores), and take the best by trying every k-subset.
    /// </summary>
    private static double[] BruteForceCapture(double[] predicted, int[] actual)
    {
        var n = predicted.Length;
        var totals = new double[n];
        var orders = 0;
        foreach (var priority in Permutations(n))
        {
            var ranked = Enumerable.Range(0, n).OrderByDescending(i => predicted[i]).ThenBy(i => priority[i]).ToArray();
            var sum = 0;
            for (var k = 1; k <= n; k++)
            {
                sum += actual[ranked[k - 1]];
                totals[k - 1] += sum;
            }
            orders++;
        }

        var best = new int[n];
        for (var mask = 1; mask < 1 << n; mask++)
        {
            var size = 0;
            var sum = 0;
            for (var i = 0; i < n; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    size++;
                    sum += actual[i];
                }
            }
            best[size - 1] = Math.Max(best[size - 1], sum);
        }

        return [.. Enumerable.Range(0, n).Select(k => best[k] == 0 ? 0 : totals[k] / orders / best[k])];
    }

    private static IEnumerable<int[]> Permutations(int n)
    {
        var items = Enumerable.Range(0, n).ToArray();
        return Permute(items, 0);

        static IEnumerable<int[]> Permute(int[] items, int from)
        {
            if (from == items.Length)
            {
                yield return items;
                yield break;
            }
            for (var i = from; i < items.Length; i++)
            {
                (items[from], items[i]) = (items[i], items[from]);
                foreach (var p in Permute(items, from + 1))
                    yield return p;
                (items[from], items[i]) = (items[i], items[from]);
            }
        }
    }

    /// <summary>Capture by a full sort, walking whole tie groups until the one that straddles k.</summary>
    private static double SortedCapture(double[] predicted, int[] actual, int k)
    {
        var ranked = Enumerable.Range(0, predicted.Length).OrderByDescending(i => predicted[i]).ToArray();
        var captured = 0.0;
        var taken = 0;
        var start = 0;
        while (taken < k)
        {
            var end = start;
            var groupSum = 0L;
            while (end < ranked.Length && predicted[ranked[end]] == predicted[ranked[start]])
                groupSum += actual[ranked[end++]];
            var size = end - start;
            var used = Math.Min(size, k - taken);
            captured += used * (double)groupSum / size;
            taken += used;
            start = end;
        }
        var best = actual.OrderDescending().Take(k).Sum(a => (long)a);
        return best == 0 ? 0 : captured / best;
    }
}
