using System.Collections.Immutable;
using VisionZero.Grid;

namespace VisionZero.Risk;

/// <summary>
/// The model's inputs for one corner as of a day, and the label it learns. The one code path for
/// training snapshots, grain scoring and (later) the edge: a change here changes <see cref="Schema"/>,
/// and a model trained on another schema is refused at load.
/// </summary>
public static class RiskFeatures
{
    /// <summary>
    /// 3: the exposure is the weighted 5-year count (2: the model learns a rate relative to <see cref="Exposure"/>).
    /// </summary>
    public const int Schema = 3;

    /// <summary>The smallest exposure: a corner quiet for five years still has some chance of a crash.</summary>
    public const double ExposureFloor = 0.05;

    /// <summary>Days ahead the label counts: the forecast horizon.</summary>
    public const int HorizonDays = 182;

    /// <summary>Days since the last crash when there was none in the history: ten years.</summary>
    public const int NeverDays = 3650;

    /// <summary>A crash's weight in <c>weightedCrashes5y</c> halves for every this many days of age.</summary>
    public const int WeightHalfLifeDays = 730;

    // The weights of a crash on each of the 5 years' days summed: a corner crashing at a steady rate r a
    // day has a weighted count of r times this, so the exposure stays an expected count like the others.
    private static readonly double WeightedDays =
        Enumerable.Range(0, RollingWindows.FiveYears).Sum(age => Math.Pow(0.5, age / (double)WeightHalfLifeDays));

    public static readonly ImmutableArray<string> Names =
    [
        "crashes6m", "crashes1y", "crashes5y", "crashes90d", "crashesPrevious6m",
        "injured1y", "injured5y", "killed5y", "vulnerableHurt5y", "crashesWithInjury1y",
        "daysSinceLastCrash", "month", "borough", "weightedCrashes5y",
    ];

    /// <summary>The length of the feature vector, as a constant for ML.NET's schema attributes.</summary>
    public const int FixedCount = 14;

    public static int Count => FixedCount;

    /// <summary>Fills <paramref name="into"/> (length <see cref="Count"/>) with the features as of the day.</summary>
    public static void Compute(CrashHistory history, DateOnly asOf, string? borough, Span<float> into)
    {
        var day = asOf.DayNumber;
        var year = history.Between(day - 364, day);
        var five = history.Between(day - 1825, day);
        int injured1y = 0, withInjury1y = 0, injured5y = 0, killed5y = 0, vulnerable5y = 0;
        int sixMonths = 0, ninety = 0;
        var weighted = 0.0;
        foreach (var crash in year)
        {
            var c = crash.Casualties;
            injured1y += c.PersonsInjured;
            withInjury1y += c.PersonsInjured + c.PersonsKilled > 0 ? 1 : 0;
            sixMonths += crash.Day > day - RollingWindows.SixMonths ? 1 : 0;
            ninety += crash.Day > day - 90 ? 1 : 0;
        }
        foreach (var crash in five)
        {
            var c = crash.Casualties;
            injured5y += c.PersonsInjured;
            killed5y += c.PersonsKilled;
            weighted += Math.Pow(0.5, (day - crash.Day) / (double)WeightHalfLifeDays);
            vulnerable5y += c.PedestriansInjured + c.PedestriansKilled + c.CyclistsInjured + c.CyclistsKilled;
        }
        var last = year.Length > 0 ? year[^1].Day : five.Length > 0 ? five[^1].Day : LastOnOrBefore(history, day);
        into[0] = sixMonths;
        into[1] = year.Length;
        into[2] = five.Length;
        into[3] = ninety;
        into[4] = year.Length - sixMonths;
        into[5] = injured1y;
        into[6] = injured5y;
        into[7] = killed5y;
        into[8] = vulnerable5y;
        into[9] = withInjury1y;
        into[10] = last is { } l ? Math.Min(day - l, NeverDays) : NeverDays;
        into[11] = asOf.Month;
        into[12] = BoroughCode(borough);
        into[13] = (float)weighted;
    }

    /// <summary>Crashes in the <see cref="HorizonDays"/> days after the as-of day: what the model forecasts.</summary>
    public static int Label(CrashHistory history, DateOnly asOf) =>
        history.Between(asOf.DayNumber + 1, asOf.DayNumber + HorizonDays).Length;

    /// <summary>The three windows' counts, each scaled to the horizon: the baselines' forecasts.</summary>
    public static (double SixMonths, double OneYear, double FiveYears) Baselines(ReadOnlySpan<float> features) =>
        (features[0] * HorizonDays / (double)RollingWindows.SixMonths,
         features[1] * HorizonDays / (double)RollingWindows.OneYear,
         features[2] * HorizonDays / (double)RollingWindows.FiveYears);

    /// <summary>
    /// The corner's own expectation for the horizon: its 5-year crashes weighted by age (half-life
    /// <see cref="WeightHalfLifeDays"/>) as a rate, scaled to 182 days, at least <see cref="ExposureFloor"/>.
    /// The model learns a multiplier of it (Poisson with an offset): ranking keeps the fine grain of a
    /// corner's history, and the trees adjust it for trend and severity. Weighted rather than flat because,
    /// on the primary file's snapshots whose labels ended before the first backtest cutoff (2019-11), it
    /// ranked the next 182 days better than the flat 5-year count (docs/model.md, "Learner").
    /// </summary>
    public static double Exposure(ReadOnlySpan<float> features) =>
        Math.Max(ExposureFloor, features[13] * HorizonDays / WeightedDays);

    /// <summary>The exposure from the 5-year count alone (scaled to 182 days): all the windows model knows.</summary>
    public static double WindowsExposure(ReadOnlySpan<float> features) =>
        Math.Max(ExposureFloor, features[2] * HorizonDays / (double)RollingWindows.FiveYears);

    /// <summary>Boroughs as small numbers (trees split on them); 0 = unknown.</summary>
    public static int BoroughCode(string? borough) => borough?.Trim().ToUpperInvariant() switch
    {
        "MANHATTAN" => 1,
        "BRONX" => 2,
        "BROOKLYN" => 3,
        "QUEENS" => 4,
        "STATEN ISLAND" => 5,
        _ => 0,
    };

    private static int? LastOnOrBefore(CrashHistory history, int day)
    {
        var before = history.Between(int.MinValue / 2, day);
        return before.Length > 0 ? before[^1].Day : null;
    }
}
