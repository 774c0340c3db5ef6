using System.Globalization;
using VisionZero.Risk;

namespace VisionZero.Edge.Evaluation;

/// <summary>
/// The day an evaluation forecasts from. Its label is the crashes of the <see cref="RiskFeatures.HorizonDays"/>
/// days after it, so those days must all be known to the edge: end on or before its as-of day. The default is
/// the latest such day.
/// </summary>
public static class EvaluationCutoff
{
    /// <summary>Reads --cutoff: a day as YYYY-MM-DD, or null when it was not given.</summary>
    public static DateOnly? Parse(string? text)
    {
        if (text is null)
            return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            throw new EvaluationRefusedException(
                $"--cutoff must be a date YYYY-MM-DD, not '{text}'", EvaluationRefusedException.BadInput);
        return day;
    }

    public static DateOnly Resolve(DateOnly? requested, DateOnly asOf)
    {
        var latest = asOf.AddDays(-RiskFeatures.HorizonDays);
        var cutoff = requested ?? latest;
        if (cutoff > latest)
            throw new EvaluationRefusedException(
                $"--cutoff {cutoff:yyyy-MM-dd} has no known future: the {RiskFeatures.HorizonDays} days after it end " +
                $"{cutoff.AddDays(RiskFeatures.HorizonDays):yyyy-MM-dd}, " +
                $"after the edge's as-of day {asOf:yyyy-MM-dd}; " +
                $"pick a cutoff on or before {latest:yyyy-MM-dd}",
                EvaluationRefusedException.BadInput);
        return cutoff;
    }
}
