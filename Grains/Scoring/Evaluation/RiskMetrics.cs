using System.Collections.Immutable;
using VisionZero.Models;
using VisionZero.Risk;

namespace VisionZero.Scoring.Evaluation;

/// <summary>
/// Scores one scorer (the model or a baseline) at one backtest cutoff: the cluster's backtests and the edge's
/// offline evaluation alike. Pure and allocation-light: two scratch arrays per call, no sorting of the whole
/// input (top-k needs only selection).
/// </summary>
public static class RiskMetrics
{
    /// <summary>The shares of corners, in percent, behind <see cref="BacktestResult.Capture1"/>, 5 and 10.</summary>
    public static ReadOnlySpan<int> CapturePercents => [1, 5, 10];

    /// <summary>μ is floored here in the Poisson deviance, so a zero score never gives ln(y/0).</summary>
    public const double MeanFloor = 1e-9;

    /// <summary>
    /// One row's Poisson deviance: 2·(y·ln(y/μ) − (y − μ)), with y·ln(y/μ) = 0 when y = 0 and μ floored at
    /// <see cref="MeanFloor"/>.
    /// </summary>
    public static double UnitDeviance(double y, double predicted)
    {
        var mu = Math.Max(predicted, MeanFloor);
        return 2 * ((y == 0 ? 0 : y * Math.Log(y / mu)) - (y - mu));
    }

    /// <summary>
    /// Evaluates one scorer. <paramref name="predicted"/>[i] is its expected crashes at corner i over the
    /// next 182 days, <paramref name="actual"/>[i] the crashes that happened there.
    /// <list type="bullet">
    /// <item><description>Capture@K: crashes at the scorer's top k = max(1, round(K% × n)) corners (half away from
    /// zero) over the sum of the k largest actual counts. Ties in the score at the k boundary count at their
    /// expected value under a uniformly random tie-break, so input order never matters. When no k corners
    /// had any crash the ratio is undefined and is reported as 0 (nothing to capture is not a
    /// success).</description></item>
    /// <item><description>Classes: the score through <see cref="RiskThresholds.Classify"/> (the decision rule), the
    /// actual count through <see cref="RiskThresholds.ClassOfCount"/>; Confusion[actual][predicted].
    /// Precision is 0 for a class never predicted, recall 0 for a class with no support, F1 0 when P + R = 0.
    /// MacroF1 averages F1 over the classes that occur on either side (support &gt; 0 or predicted &gt; 0);
    /// classes absent from both are skipped rather than counted as 0 or 1.</description></item>
    /// <item><description>Mae: mean |predicted − actual|. PoissonDeviance: mean of 2·(y·ln(y/μ) − (y − μ)),
    /// with y·ln(y/μ) = 0 when y = 0 and μ floored at <see cref="MeanFloor"/>. Calibration:
    /// Σpredicted ÷ Σactual, 0 when no crash happened.</description></item>
    /// </list>
    /// Nothing is rounded. Empty input gives all zeros (and a zero confusion matrix).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a score is NaN or infinite, a count is negative,
    /// or the thresholds do not have exactly four cuts.</exception>
    public static BacktestResult Evaluate(
        string name, ReadOnlySpan<double> predicted, ReadOnlySpan<int> actual, RiskThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(thresholds);
        CheckLengths(predicted, actual);
        if (thresholds.Cuts.IsDefault || thresholds.Cuts.Length != RiskThresholds.ClassCount - 1)
            throw new ArgumentException(
                $"Thresholds need {RiskThresholds.ClassCount - 1} cuts, " +
                $"got {(thresholds.Cuts.IsDefault ? 0 : thresholds.Cuts.Length)}.",
                nameof(thresholds));

        const int classes = RiskThresholds.ClassCount;
        var n = predicted.Length;
        Span<int> confusion = stackalloc int[classes * classes];
        confusion.Clear();
        var sumPredicted = 0.0;
        var sumActual = 0L;
        var absError = 0.0;
        var deviance = 0.0;
        for (var i = 0; i < n; i++)
        {
            var p = predicted[i];
            var y = actual[i];
            CheckValues(p, y, i);
            sumPredicted += p;
            sumActual += y;
            absError += Math.Abs(p - y);
            deviance += UnitDeviance(y, p);
            confusion[(int)thresholds.ClassOfCount(y) * classes + (int)thresholds.Classify(p)]++;
        }

        Span<double> capture = stackalloc double[3];
        capture.Clear();
        if (n > 0)
        {
            Span<int> ks = stackalloc int[3];
            for (var j = 0; j < ks.Length; j++)
                ks[j] = TopCount(n, CapturePercents[j]);
            TopCapture.Compute(predicted, actual, ks, capture);
        }

        var scores = ImmutableArray.CreateBuilder<ClassScore>(classes);
        var matrix = ImmutableArray.CreateBuilder<ImmutableArray<int>>(classes);
        var correct = 0;
        var f1Sum = 0.0;
        var present = 0;
        for (var c = 0; c < classes; c++)
        {
            var truePositive = confusion[c * classes + c];
            var support = 0;
            var predictedAs = 0;
            for (var other = 0; other < classes; other++)
            {
                support += confusion[c * classes + other];
                predictedAs += confusion[other * classes + c];
            }
            var precision = predictedAs == 0 ? 0 : (double)truePositive / predictedAs;
            var recall = support == 0 ? 0 : (double)truePositive / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores.Add(new ClassScore((RiskClass)c, precision, recall, f1, support));
            matrix.Add([.. confusion.Slice(c * classes, classes)]);
            correct += truePositive;
            if (support > 0 || predictedAs > 0)
            {
                f1Sum += f1;
                present++;
            }
        }

        return new BacktestResult(
            name,
            capture[0],
            capture[1],
            capture[2],
            MacroF1: MacroF1(confusion),
            Accuracy: n == 0 ? 0 : (double)correct / n,
            Mae: n == 0 ? 0 : absError / n,
            PoissonDeviance: n == 0 ? 0 : deviance / n,
            Calibration: sumActual == 0 ? 0 : sumPredicted / sumActual,
            scores.MoveToImmutable(),
            matrix.MoveToImmutable());
    }

    /// <summary>
    /// Macro-F1 of a confusion matrix (Confusion[actual * 5 + predicted]), by the rule <see cref="Evaluate"/> states.
    /// </summary>
    public static double MacroF1(ReadOnlySpan<int> confusion)
    {
        const int classes = RiskThresholds.ClassCount;
        var f1Sum = 0.0;
        var present = 0;
        for (var c = 0; c < classes; c++)
        {
            int support = 0, predictedAs = 0;
            for (var other = 0; other < classes; other++)
            {
                support += confusion[c * classes + other];
                predictedAs += confusion[other * classes + c];
            }
            if (support == 0 && predictedAs == 0)
                continue;
            var truePositive = confusion[c * classes + c];
            var precision = predictedAs == 0 ? 0 : (double)truePositive / predictedAs;
            var recall = support == 0 ? 0 : (double)truePositive / support;
            f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            present++;
        }
        return present == 0 ? 0 : f1Sum / present;
    }

    /// <summary>k = max(1, round(percent% × n)), half away from zero, in integers so 0.5 never drifts.</summary>
    public static int TopCount(int n, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        return (int)Math.Max(1, ((long)n * percent + 50) / 100);
    }

    /// <summary>
    /// Capture at an explicit k (1 ≤ k ≤ n), with the same tie rule and zero-denominator rule as
    /// <see cref="Evaluate"/>.
    /// </summary>
    public static double Capture(ReadOnlySpan<double> predicted, ReadOnlySpan<int> actual, int k)
    {
        CheckLengths(predicted, actual);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, predicted.Length);
        for (var i = 0; i < predicted.Length; i++)
            CheckValues(predicted[i], actual[i], i);
        Span<double> result = stackalloc double[1];
        TopCapture.Compute(predicted, actual, [k], result);
        return result[0];
    }

    private static void CheckLengths(ReadOnlySpan<double> predicted, ReadOnlySpan<int> actual)
    {
        if (predicted.Length != actual.Length)
            throw new ArgumentException(
                $"predicted has {predicted.Length} values but actual has {actual.Length}; " +
                "they must match corner for corner.",
                nameof(actual));
    }

    // NaN would make the top-k order meaningless and a negative count makes y·ln(y/μ) NaN: fail loudly instead.
    private static void CheckValues(double predicted, int actual, int index)
    {
        if (!double.IsFinite(predicted))
            throw new ArgumentException(
                $"predicted[{index}] is {predicted}; scores must be finite.", nameof(predicted));
        if (actual < 0)
            throw new ArgumentException(
                $"actual[{index}] is {actual}; crash counts cannot be negative.", nameof(actual));
    }
}
